"""Checking many drafts on several cores: each worker reads and checks whole files.

Workers are forked after the rules and jieba are loaded, so each starts warm; they return the
reports (plain dataclasses) in the order of the files, and everything that needs all drafts at
once (checks across articles, suppression, reporting) stays in the parent.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from checker.check import DocumentReport, check_document
from checker.errors import InputError
from checker.rules.model import Rule

_STATE: dict = {}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _init(rules: Sequence[Rule], lang: str, date: dt.date | None, max_bytes: int | None) -> None:
    _STATE.update(rules=list(rules), lang=lang, date=date, max_bytes=max_bytes)


def _check_file(path) -> DocumentReport | str:
    from checker.source import read_document

    kwargs = {} if _STATE["max_bytes"] is None else {"max_bytes": _STATE["max_bytes"]}
    try:
        doc = read_document(path, _STATE["date"], **kwargs)
    except InputError as err:
        return str(err)
    return check_document(doc, _STATE["rules"], _STATE["lang"])


def check_files(files: Sequence, rules: Sequence[Rule], lang: str, date: dt.date | None,
                max_bytes: int | None, jobs: int) -> Iterator[DocumentReport | str]:
    """Each file's report, or its one-line error, in the order of ``files``."""
    from checker.extract.segment import tokenizer

    tokenizer()  # load jieba once, before the fork, instead of once per worker
    chunk = max(1, min(32, len(files) // (jobs * 4) or 1))
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"), initializer=_init,
                             initargs=(rules, lang, date, max_bytes)) as pool:
        yield from pool.map(_check_file, files, chunksize=chunk)
