"""Helpers the extraction tests share: the figures of a short text, or its only figure."""

from __future__ import annotations

from checker.extract import extract
from checker.source import Document


def figs(text: str):
    return extract(Document(path="t.txt", text=text))


def one(text: str):
    found = figs(text)
    assert len(found) == 1, [(f.text, f.kind) for f in found]
    return found[0]
