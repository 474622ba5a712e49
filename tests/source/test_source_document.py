"""Document: backwards-compatible fields, and where() mapping offsets back to the source."""

from __future__ import annotations

import dataclasses

import pytest

from checker.source import Document

PARTS = ((0, "段落 1"), (10, "段落 2"), (25, "表格 1 第 2 行第 3 列"))


def test_old_constructions_still_work_and_default_to_plain_text() -> None:
    doc = Document("a.txt", "正文")
    assert (doc.source_format, doc.parts, doc.encoding) == ("text", (), "utf-8")
    assert doc.where(0) is None


def test_document_stays_frozen_and_hashable() -> None:
    doc = Document("a.docx", "x" * 30, source_format="docx", parts=PARTS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.parts = ()  # type: ignore[misc]
    assert hash(doc) == hash(Document("a.docx", "x" * 30, source_format="docx", parts=PARTS))


@pytest.mark.parametrize(
    ("offset", "label"),
    [(0, "段落 1"), (9, "段落 1"), (10, "段落 2"), (24, "段落 2"), (25, "表格 1 第 2 行第 3 列"),
     (30, "表格 1 第 2 行第 3 列"), (31, None), (-1, None)],
)
def test_where_finds_the_part_holding_an_offset(offset: int, label: str | None) -> None:
    doc = Document("a.docx", "x" * 30, source_format="docx", parts=PARTS)
    assert doc.where(offset) == label


def test_where_before_the_first_part_is_none() -> None:
    doc = Document("a.html", "x" * 30, source_format="html", parts=((5, "<p> 1"),))
    assert doc.where(4) is None
    assert doc.where(5) == "<p> 1"
