"""figcheck's benchmarks: a command of their own, kept out of the pytest run.

    python bench/run.py [--quick] [--only NAME ...] [--out bench/RESULTS.md] [--rebuild]
    python bench/run.py --only quality
    python bench/run.py --only fuzz
    python bench/run.py --profile extraction
    python bench/run.py --only jionlp_compare jobs   # JioNLP: pip install -e '.[bench]'
    python bench/run.py --only spark_scale   # opt-in: Spark on loopback clusters, 20+ min

Each speed benchmark is a module here with ``run(quick) -> list[Row]``; register it in
BENCHMARKS. A benchmark that can be profiled in-process also offers ``one_pass()`` (see PROFILES).
A benchmark that writes a section of its own has ``run(quick) -> Section``; register it in
SECTIONS. Those are opt-in (``--only quality``): a default run measures speed only, and
rewrites the speed sections while keeping the other sections of the results file; a section
benchmark replaces (or appends) its own section and leaves the rest of the file as it was.
Run with the venv's interpreter: the cold-start benchmark uses the `figcheck` script beside it.
ledger_scale caches the 100,000-article ledger it builds under bench/out/ (a few minutes the
first time); --rebuild builds it again.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
from collections.abc import Callable
from pathlib import Path

import synth

synth.like_console_script()  # in-process runs see the imports the `figcheck` script sees

import check_speed  # noqa: E402 (after the line above: checker.check imports pandera, pyspark)
import coldstart  # noqa: E402
import extraction  # noqa: E402
import fuzz  # noqa: E402
import growth  # noqa: E402
import jionlp_compare  # noqa: E402
import jobs  # noqa: E402
import ledger_ingest  # noqa: E402
import ledger_scale  # noqa: E402
import memory  # noqa: E402
import quality  # noqa: E402
import spark_scale  # noqa: E402
from report import Row, Section, carry_over, document, machine, replace_section, table

BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "extraction": extraction.run,
    "check": check_speed.run,
    "coldstart": coldstart.run,
    "ledger_ingest": ledger_ingest.run,
    "ledger_scale": ledger_scale.run,
    "memory": memory.run,
    "jionlp_compare": jionlp_compare.run,  # needs the bench extra (JioNLP); says so if missing
    "jobs": jobs.run,
}
# Opt-in speed benchmarks (``--only NAME``): too long for every run.
OPT_IN: dict[str, Callable[[bool], list[Row]]] = {
    # ~20 min even with --quick: Spark on loopback clusters of 1 and 2 workers (Java, pyspark)
    "spark_scale": spark_scale.run,
}
# Opt-in (a minute or two, and not a speed): quality of the rules, planted errors and false alarms.
SECTIONS: dict[str, Callable[[bool], Section]] = {
    "quality": quality.run,
    "fuzz": fuzz.run,  # the long property-based runs of extraction and of the whole check
    "growth": growth.run,  # the worst shapes at 10k, 100k and 1M characters: linear or not
}
PROFILES: dict[str, Callable[[], Callable[[], object]]] = {
    "extraction": extraction.one_pass,
    "check": check_speed.one_pass,
    "ledger_ingest": ledger_ingest.one_pass,
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
    parser.add_argument("--quick", action="store_true",
                        help="3 repeats instead of 10-15 (quality: 10 plants a kind, not 30; "
                             "ledger_scale: a 200-article sample; memory: smaller archives)")
    parser.add_argument("--only", nargs="+", choices=[*BENCHMARKS, *OPT_IN, *SECTIONS],
                        metavar="NAME",
                        help=f"run only these ({', '.join([*BENCHMARKS, *OPT_IN, *SECTIONS])}); "
                             f"default: {', '.join(BENCHMARKS)}")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"),
                        help="results file to write (default: bench/RESULTS.md)")
    parser.add_argument("--profile", choices=list(PROFILES), metavar="NAME",
                        help=f"profile one pass instead ({', '.join(PROFILES)})")
    parser.add_argument("--rebuild", action="store_true",
                        help="ledger_scale: build the 100,000-article ledger again instead of "
                             "using the one cached under bench/out/")
    args = parser.parse_args()
    ledger_scale.REBUILD = args.rebuild
    if args.profile:
        profile(args.profile)
        return

    chosen = args.only or list(BENCHMARKS)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    text = old
    speed = [name for name in chosen if name in BENCHMARKS or name in OPT_IN]
    if speed:
        machine_lines = machine()  # before the runs: the load average says what else was running
        when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        rows: list[Row] = []
        for name in speed:
            print(f"running {name} ...", flush=True)
            rows += {**BENCHMARKS, **OPT_IN}[name](args.quick)
        print()
        print(table(rows))
        text = carry_over(document(rows, machine_lines, "quick" if args.quick else "full", when),
                          old)
    for name in (name for name in chosen if name in SECTIONS):
        print(f"running {name} ...", flush=True)
        section = SECTIONS[name](args.quick)
        print()
        print(section.markdown())
        text = replace_section(text, section)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
