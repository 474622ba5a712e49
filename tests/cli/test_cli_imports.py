"""What the `figcheck` command imports: the per-draft commands keep pandas, numpy and Great
Expectations out of the process (cold start), the archive commands still have what they need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "seeds" / "004_b8fdcb3e64893ddf.txt"
HEAVY = ("pandas", "numpy", "great_expectations", "pyspark")

# the console script's own entry point, with a report of the heavy modules loaded at exit
_SCRIPT = textwrap.dedent(f"""
    import atexit, sys
    atexit.register(lambda: print("LOADED", [m for m in {HEAVY!r} if sys.modules.get(m) is not None]))
    sys.argv = ["figcheck", *sys.argv[1:]]
    from checker.cli import entry
    entry()
""")


def _figcheck(*argv: str, cwd: Path) -> tuple[int, str, list[str]]:
    env = {**os.environ, "FIGCHECK_LEDGER": str(cwd / "default.duckdb")}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    out, _, loaded = done.stdout.rpartition("LOADED ")
    assert loaded, f"no import report (exit {done.returncode}): {done.stderr}"
    return done.returncode, out, json.loads(loaded.replace("'", '"'))


@pytest.fixture(scope="module")
def seed_ledger(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("imports")
    ledger = folder / "ledger.duckdb"
    code, _, loaded = _figcheck("ingest", str(SEED), "--ledger", str(ledger), cwd=folder)
    assert code == 0
    assert "pandas" in loaded  # the ledger is written from pandas frames: ingest must have it
    return ledger


def test_check_imports_no_pandas(tmp_path: Path) -> None:
    code, out, loaded = _figcheck("check", str(SEED), "--no-ledger", "--format", "json",
                                  "--fail-on", "warning", cwd=tmp_path)
    assert code == 1, out  # seed 004 has its GRIM finding: the rules really ran on polars
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["granularity.grim"]
    assert loaded == []


def test_check_against_a_ledger_imports_no_pandas(tmp_path: Path, seed_ledger: Path) -> None:
    code, out, loaded = _figcheck("check", str(SEED), "--ledger", str(seed_ledger),
                                  "--format", "json", "--fail-on", "warning", cwd=tmp_path)
    assert code == 1 and json.loads(out)["documents"][0]["figures"] > 0
    assert loaded == []


def test_extract_imports_no_pandas(tmp_path: Path) -> None:
    code, out, loaded = _figcheck("extract", str(SEED), "--format", "json", cwd=tmp_path)
    assert code == 0 and json.loads(out)["figures"]
    assert loaded == []


def test_ledger_commands_run_with_the_finder_off(tmp_path: Path, seed_ledger: Path) -> None:
    code, out, _ = _figcheck("ledger", "stats", "--ledger", str(seed_ledger), cwd=tmp_path)
    assert code == 0 and "documents: 1" in out


def test_the_spark_engine_is_not_hidden_from_the_commands_that_take_it():
    """The console script hides pyspark from the per-draft path (checker.absent), and only
    from it: --engine spark of ingest and of ledger must find it."""
    from checker.cli import _absent

    for argv in (["ingest", "a/", "--engine", "spark"], ["ledger", "conflicts", "--engine=spark"],
                 ["ledger", "validate", "--engine", "spark", "--ledger", "l/"]):
        assert "pyspark" not in _absent(argv), argv
    for argv in (["check", "a.txt"], ["ingest", "a/"], ["ledger", "conflicts"],
                 ["check", "spark.txt"]):
        assert "pyspark" in _absent(argv), argv
