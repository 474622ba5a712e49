"""Wall time of a fresh `figcheck` process on one seed, against a fresh `import pandas`.

A newsroom user runs figcheck on one draft at a time, so start-up is most of what they wait for.
A fresh `import pandas` is the yardstick (the start-up of a typical Python data tool), so "at
most twice an `import pandas`" is a target that holds across machines of different speed. The
per-draft commands no longer import pandas at all: their figures table is a polars frame.
Each run is a new interpreter; a first untimed run of each command writes byte code and
figcheck's dictionary cache, so the timed runs measure start-up, not first-ever installation.
PYTHONDONTWRITEBYTECODE is dropped from the runs' environment: set (as on some CI and sandbox
machines), it makes every run compile figcheck's own modules again, which no installed copy does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from report import REPO, Row
from timing import interleaved

SEED = "seeds/001_d8d44239551427c6.txt"
TARGET = 2.0  # × import pandas


def _figcheck() -> Path:
    script = Path(sys.executable).with_name("figcheck")
    if not script.exists():
        raise SystemExit(f"bench: no {script}; run with the venv's python (.venv/bin/python)")
    return script


def _command(args: Sequence[str | Path], ok: tuple[int, ...] = (0,)) -> Callable[[], str]:
    """A run of args in a new process from the repo root; a failed run stops the benchmark."""
    argv = [str(a) for a in args]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run() -> str:
        done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
        if done.returncode not in ok:
            raise SystemExit(f"bench: {' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
        return done.stdout

    return run


def has_check() -> bool:
    """Whether `figcheck --help` lists a `check` subcommand."""
    return re.search(r"^\s+check\s", _command([_figcheck(), "--help"])(), re.M) is not None


def run(quick: bool) -> list[Row]:
    figcheck = _figcheck()
    runs = {
        "extract": _command([figcheck, "extract", SEED, "--format", "json"]),
        "pandas": _command([sys.executable, "-c", "import pandas"]),
    }
    check = has_check()
    if check:  # exit 1 means findings, not failure
        runs["check"] = _command([figcheck, "check", SEED, "--format", "json"], ok=(0, 1))
    for name, command in runs.items():  # untimed first run; its output must be JSON
        out = command()
        if name != "pandas":
            json.loads(out)

    t = interleaved(runs, repeats=3 if quick else 10)
    baseline = f"`python -c \"import pandas\"`: {t.median('pandas'):.3f} s"

    def row(name: str) -> Row:
        ratio = t.ratio(name, "pandas")
        return Row(f"coldstart: `figcheck {name} {SEED} --format json`",
                   f"{t.median(name):.3f} s (n={t.repeats})", baseline, f"{ratio:.2f}× pandas",
                   f"≤ {TARGET:.1f}× pandas", ratio <= TARGET)

    rows = [row("extract")]
    if check:
        rows.append(row("check"))
    else:
        rows.append(Row(f"coldstart: `figcheck check {SEED} --format json`", "not yet available",
                        "—", "—", f"≤ {TARGET:.1f}× pandas", None,
                        "`figcheck --help` lists no `check` subcommand yet."))
    return rows
