"""The long fuzz runs: the property-based tests of normalization and extraction
(tests/extract/test_extract_fuzz.py: never an exception, offsets always on the figure's own text,
lo <= hi) and of the whole check (tests/cli/test_cli_fuzz.py: exit 0 or 1 in every output format,
locations give back their text, JSON and SARIF valid, one draft's findings in any encoding), with
many more examples than the test suite's, drawn afresh each run (FIGCHECK_FUZZ_RANDOM=1)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from report import Section

ROOT = Path(__file__).resolve().parents[1]
TESTS = (ROOT / "tests" / "extract" / "test_extract_fuzz.py", ROOT / "tests" / "cli" / "test_cli_fuzz.py")


def run(quick: bool) -> Section:
    # the whole check costs about half a second an example (three checks and five outputs), so
    # its count can be set apart: FIGCHECK_FUZZ_CHECK_EXAMPLES
    examples = int(os.environ.get("FIGCHECK_FUZZ_EXAMPLES", 2_000 if quick else 20_000))
    counts = (examples, int(os.environ.get("FIGCHECK_FUZZ_CHECK_EXAMPLES", examples)))
    lines = []
    failed = False
    for tests, count in zip(TESTS, counts):
        env = {**os.environ, "FIGCHECK_FUZZ_EXAMPLES": str(count), "FIGCHECK_FUZZ_RANDOM": "1"}
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        lines.append(f"- `{tests.relative_to(ROOT)}`, {count:,} examples a property: "
                     f"**{'passed' if proc.returncode == 0 else 'FAILED'}** — {summary} ({seconds:.0f} s)")
        if proc.returncode != 0:
            failed = True
            lines.append("\n```\n" + proc.stdout[-3000:] + "\n```")
    body = ("`FIGCHECK_FUZZ_RANDOM=1 pytest …` with FIGCHECK_FUZZ_EXAMPLES (and "
            "FIGCHECK_FUZZ_CHECK_EXAMPLES for the whole check): freshly drawn examples for each "
            "property of normalization and extraction "
            "(never raise; offsets give back the figure's text; lo <= value <= hi; the prefiltered "
            "scan finds what the plain pattern finds) and of the whole check (exit 0 or 1 in every "
            "output format; locations give back their text; JSON and SARIF valid; the same findings "
            "in UTF-8 with a BOM, GB18030 and UTF-16).\n\n" + "\n".join(lines)
            + ("\n\nAt least one property FAILED." if failed else ""))
    return Section("Fuzz", body)
