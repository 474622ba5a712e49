"""figcheck's benchmarks: a command of their own, kept out of the pytest run.

    python bench/run.py [--quick] [--only NAME ...] [--out bench/RESULTS.md]
    python bench/run.py --profile extraction

Each benchmark is a module here with ``run(quick) -> list[Row]``; register it in BENCHMARKS.
A benchmark that can be profiled in-process also offers ``one_pass()`` (see PROFILES).
Run with the venv's interpreter: the cold-start benchmark uses the `figcheck` script beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
from collections.abc import Callable
from pathlib import Path

import coldstart
import extraction
from report import Row, document, machine, table

BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "extraction": extraction.run,
    "coldstart": coldstart.run,
}
PROFILES: dict[str, Callable[[], Callable[[], object]]] = {
    "extraction": extraction.one_pass,
}


def profile(name: str, top: int = 25) -> None:
    """cProfile over one pass, top functions by cumulative time: hot spots to record."""
    target = PROFILES[name]()
    print(f"profile: one pass of {name}, top {top} by cumulative time")
    profiler = cProfile.Profile()
    profiler.runcall(target)
    pstats.Stats(profiler).sort_stats(pstats.SortKey.CUMULATIVE).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 10-15")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)})")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"),
                        help="results file to write (default: bench/RESULTS.md)")
    parser.add_argument("--profile", choices=list(PROFILES), metavar="NAME",
                        help=f"profile one pass instead ({', '.join(PROFILES)})")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return

    machine_lines = machine()  # before the runs: the load average says what else was running
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    rows: list[Row] = []
    for name in args.only or BENCHMARKS:
        print(f"running {name} ...", flush=True)
        rows += BENCHMARKS[name](args.quick)
    print()
    print(table(rows))
    args.out.write_text(document(rows, machine_lines, "quick" if args.quick else "full", when),
                        encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
