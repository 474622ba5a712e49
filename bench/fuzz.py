"""The long fuzz run of normalization and extraction (issue: never an exception, offsets always
on the figure's own text, lo <= hi): the property-based tests of tests/extract/test_extract_fuzz.py
with many more examples than the test suite's 200."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from report import Section

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "extract" / "test_extract_fuzz.py"


def run(quick: bool) -> Section:
    examples = 2_000 if quick else 20_000
    env = {**os.environ, "FIGCHECK_FUZZ_EXAMPLES": str(examples)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(TESTS)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    body = (f"`FIGCHECK_FUZZ_EXAMPLES={examples} pytest tests/extract/test_extract_fuzz.py`: "
            f"up to {examples:,} generated examples for each of its properties (normalization and "
            f"extraction never raise; every figure's offsets give back its own text; lo <= value <= "
            f"hi; the prefiltered scan finds what the plain pattern finds).\n\n"
            f"Result: **{'passed' if proc.returncode == 0 else 'FAILED'}** — {summary} "
            f"({seconds:.0f} s).")
    if proc.returncode != 0:
        body += "\n\n```\n" + proc.stdout[-3000:] + "\n```"
    return Section("Fuzz", body)
