"""Checking many drafts on several cores: each worker reads and checks whole files.

Workers are new interpreters (spawn), not forks: polars, which holds the figures table, runs its
queries on a thread pool that a forked child does not have, and a fork of a process that has
already validated a table hangs on its first query. Each worker loads the rules and jieba once
and is reused for many files; it returns the reports (plain dataclasses) in the order of the
files, and everything that needs all drafts at once (checks across articles, suppression,
reporting) stays in the parent.

This module imports nothing heavy at the top: a worker unpickles its initializer from here
before ``_init`` runs, and ``_init`` first declares absent what the parent's command declared
absent (pandas on the per-draft path), so the worker starts as lean as the parent did.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from checker.absent import absent_names, declare_absent

if TYPE_CHECKING:
    from checker.check import DocumentReport
    from checker.rules.model import Rule

_STATE: dict = {}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _init(rules: Sequence[Rule], lang: str, date: dt.date | None, max_bytes: int | None,
          absent: tuple[str, ...]) -> None:
    declare_absent(absent)
    from checker.extract.segment import tokenizer

    tokenizer()  # jieba's dictionary once a worker, not once a file
    _STATE.update(rules=list(rules), lang=lang, date=date, max_bytes=max_bytes)


def _check_files(paths: Sequence) -> list:
    """The reports of a chunk of files, checked together, or each unreadable file's error, or
    the DraftFailure of a file figcheck failed on."""
    from checker.check import check_documents_apart
    from checker.errors import InputError
    from checker.source import read_document

    kwargs = {} if _STATE["max_bytes"] is None else {"max_bytes": _STATE["max_bytes"]}
    out: list = []
    for path in paths:
        try:
            out.append(read_document(path, _STATE["date"], **kwargs))
        except InputError as err:
            out.append(str(err))
    reports = iter(check_documents_apart([d for d in out if not isinstance(d, str)], _STATE["rules"],
                                   _STATE["lang"]))
    return [d if isinstance(d, str) else next(reports) for d in out]


def check_files(files: Sequence, rules: Sequence[Rule], lang: str, date: dt.date | None,
                max_bytes: int | None, jobs: int) -> Iterator[DocumentReport | str]:
    """Each file's report, or its one-line error, in the order of ``files``; each worker checks
    a chunk of files together (see check_documents)."""
    size = max(1, min(32, len(files) // (jobs * 4) or 1))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"), initializer=_init,
                             initargs=(rules, lang, date, max_bytes, absent_names())) as pool:
        for done in pool.map(_check_files, chunks):
            yield from done
