"""Packages a process treats as not installed, so that libraries skip their optional imports.

pandera imports pandas and numpy whenever they are installed, though figcheck's per-draft path
never uses them (its figures table is a polars frame); the command declares them absent there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable


class Absent:
    """A meta path finder that answers for some top-level packages as if they were not
    installed: the ModuleNotFoundError an absent package raises, which libraries with optional
    dependencies (pandera, polars, duckdb) expect, where a None in sys.modules raises another."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def declare_absent(names: Iterable[str]) -> None:
    """Treat these packages as not installed from now on (those already imported stay)."""
    names = [name for name in names if name not in sys.modules]
    if names:
        sys.meta_path.insert(0, Absent(names))


def absent_names() -> tuple[str, ...]:
    """The packages this process treats as not installed."""
    return tuple(sorted(name for finder in sys.meta_path if isinstance(finder, Absent)
                        for name in finder.names))
