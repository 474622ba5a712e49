"""What every command shares: the parser class, argument types, reading the drafts."""

from __future__ import annotations

import argparse
import os
import re
import datetime as dt
import sys
from collections.abc import Iterator, Sequence

from checker.errors import EXIT_USAGE, InputError

EXIT_BUG = 3  # figcheck itself failed; never the author's fault


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期 (not a date, expected YYYY-MM-DD): {text!r}")


def names_arg(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other user error
        self.exit(EXIT_USAGE, f"figcheck: error: {message} (see: figcheck --help)\n")


def read_all(paths: Sequence[str], date: dt.date | None, max_bytes: int | None = None):
    """Documents that could be read, and the errors of those that could not: a missing path or
    an unreadable file is reported on stderr, one line each, and the rest go on."""
    errors: list[str] = []
    return list(iter_documents(paths, date, errors, max_bytes=max_bytes)), errors


def draft_files(paths: Sequence[str], errors: list[str]) -> list:
    """The files the paths name (directories expanded), each once; bad paths reported."""
    from checker.source import iter_paths

    files = []
    for given in paths:
        try:
            files.extend(iter_paths([given]))
        except InputError as err:
            _report(err, errors)
    return list(dict.fromkeys(files))  # a file reached twice is read once


def iter_documents(paths: Sequence[str], date: dt.date | None, errors: list[str],
                   files: Sequence | None = None, max_bytes: int | None = None) -> Iterator:
    """The documents one at a time, so a run over an archive holds one document, not all."""
    from checker.source import read_document

    for path in draft_files(paths, errors) if files is None else files:
        try:
            if max_bytes is None:
                yield read_document(path, date)
            else:
                yield read_document(path, date, max_bytes=max_bytes)
        except InputError as err:
            _report(err, errors)


def _report(err: InputError, errors: list[str]) -> None:
    report_error(str(err), errors)


def report_error(message: str, errors: list[str]) -> None:
    """One line on stderr per bad input; the run goes on."""
    print(f"figcheck: error: {message}", file=sys.stderr)
    errors.append(message)


def report_failure(line: str, failed: list[str]) -> None:
    """One line on stderr for a draft figcheck itself failed on (exit 3 at the end); the run
    goes on with the other drafts."""
    line = "; ".join(part.strip() for part in line.splitlines() if part.strip())  # one line
    print(f"figcheck: internal error: {line} (a bug in figcheck; FIGCHECK_DEBUG=1 shows the "
          "traceback)", file=sys.stderr)
    failed.append(line)


def keeping_contract(groups: list, failed_on) -> list[int]:
    """The indexes of the figure groups (one a draft) that keep the figures table's contract:
    validated together (one pandera validation costs about as much as for one draft), and only
    when that fails one by one, each failing group passed to ``failed_on(i, err)``."""
    from checker.table import figures_frame

    try:
        figures_frame([f for figures in groups for f in figures])
        return list(range(len(groups)))
    except Exception:
        if os.environ.get("FIGCHECK_DEBUG"):
            raise
    kept = []
    for i, figures in enumerate(groups):
        try:
            figures_frame(figures)
            kept.append(i)
        except Exception as err:  # noqa: BLE001 - that draft's failure, exit 3
            failed_on(i, err)
    return kept


def add_max_bytes(parser) -> None:
    parser.add_argument("--max-bytes", type=byte_size, metavar="N",
                        help="refuse drafts larger than N bytes (default 20 MiB; 500k, 50M)")


def byte_size(text: str) -> int:
    """"500k", "20M", "1G" or a plain number of bytes."""
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)(?:i?[bB])?\s*", text)
    if not m or int(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"不是有效的大小 (not a size, e.g. 500k, 20M): {text!r}")
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[m.group(2).lower()]
