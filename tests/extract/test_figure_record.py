"""The Figure record survives pickling (--jobs sends figures back from its worker processes)."""

from __future__ import annotations

import dataclasses
import pickle

from checker.extract import extract
from checker.extract.figure import FIELD_NAMES
from checker.meaning.period import Period
from checker.meaning.region import Region
from checker.source import Document


def test_figures_pickle_to_equal_figures() -> None:
    doc = Document(path="d.txt", text="2021年，全省新建工会6016家，近1万人，建制率92.1%。")
    figures = extract(doc)
    assert figures and {f.kind for f in figures} >= {"year", "count", "percent"}
    every_field = dataclasses.replace(figures[1], metric="新建工会", scope=Region.named("河南省"), period=Period.year(2021),
                                      role="part", sentence=3, clause=7)
    for f in (*figures, every_field):
        back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == f and type(back) is type(f)
        assert all(getattr(back, n) == getattr(f, n) for n in FIELD_NAMES)
