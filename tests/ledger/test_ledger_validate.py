"""figcheck ledger validate: the rules' declared checks over the whole ledger with Great
Expectations, agreeing with the per-draft pandera engine, and the ledger tables' contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from checker.cli import main
from checker.rules import load_rules
from checker.rules.engine import _failing_rows
from checker.rules.loader import builtin_dir

gx = pytest.importorskip("great_expectations", reason="pip install 'figcheck[corpus]'")

from checker.ledger.validate import translate, validate_frames, validate_ledger  # noqa: E402

ARTICLE = """时间：2021-12-20
河南省总工会工作综述
河南省各级工会扎实推进建会入会。2021年，全省新建工会6016家，新发展会员65.9万人。
截至目前，全省累计建成户外劳动者驿站1000家。
"""
CLEAN = {
    "henan.txt": ARTICLE,
    "city.txt": "今年以来，全市工会工作稳步推进。\n建会企业集体协商建制率达92.1%，职工满意率为96.5%。\n"
                "全市新建工会组织618个，其中非公企业工会420个。\n",
    "province.txt": "全省新建工会组织1200个，其中非公企业工会860个。\n入会率达到91.3%。\n",
}
RATE_ERROR = "今年以来，全市工会工作稳步推进。\n建会企业集体协商建制率达102.1%。\n"  # gap 2.05
PART_ERROR = "全市新建工会组织618个，其中非公企业工会720个。\n"  # a part larger than its whole


def write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def ingest(db: Path, *paths: str) -> None:
    assert main(["ingest", *paths, "--ledger", str(db)]) == 0


@pytest.fixture(scope="module")
def clean_ledger(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("clean")
    db = tmp / "clean.duckdb"
    ingest(db, *write(tmp / "drafts", CLEAN))
    return db


@pytest.fixture(scope="module")
def planted_ledger(tmp_path_factory) -> tuple[Path, str, str]:
    tmp = tmp_path_factory.mktemp("planted")
    db = tmp / "planted.duckdb"
    ingest(db, *write(tmp / "drafts", CLEAN))
    rate, part = write(tmp / "bad", {"rate.txt": RATE_ERROR, "part.txt": PART_ERROR})
    ingest(db, rate, part)
    return db, rate, part


def failures(result: dict) -> list[dict]:
    return [r for r in result["results"] if not r["success"]]


def candidates(db: Path) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT doc_id, rule, gap, gap_exact FROM candidates").df()
    finally:
        con.close()


# -- the ledger as a whole --------------------------------------------------------------------

def test_consistent_ledger_passes(clean_ledger: Path) -> None:
    result = validate_ledger(clean_ledger)
    assert result["success"] is True, failures(result)
    assert result["gx_version"] == gx.__version__
    assert result["ledger"] == str(clean_ledger)
    owners = {r["rule"] for r in result["results"]}
    # every rule that leaves candidate rows has a suite; cross-article rules do not
    assert owners >= {r.id for r in load_rules() if r.kind != "cross"}
    assert not any(r.kind == "cross" and r.id in owners for r in load_rules())
    by = {(r["rule"], r["expectation"]): r for r in result["results"]}
    assert by[("range.rate", "gap <= 0")]["rows"] == 3
    assert by[("subset.part", "gap <= 0")]["rows"] == 2
    figures = [r for r in result["results"] if r["rule"] == "figures-table"]
    assert {r["expectation"] for r in figures} >= {
        "kind in the known kinds", "approx in the known approximations",
        "lo <= hi where both are set", "r_lo <= r_hi", "start_offset < end_offset"}
    assert all(r["rows"] > 0 for r in figures)  # the dated Henan article has keyed figures
    json.dumps(result)  # a plain dict: the reporters print it as it is


def test_planted_errors_fail_their_rules_and_name_their_documents(planted_ledger) -> None:
    db, rate, part = planted_ledger
    result = validate_ledger(db)
    assert result["success"] is False
    failed = {(r["rule"], r["expectation"]): r for r in failures(result)}
    assert set(failed) == {("range.rate", "gap <= 0"), ("subset.part", "gap <= 0")}
    assert failed[("range.rate", "gap <= 0")]["documents"] == [rate]
    assert failed[("range.rate", "gap <= 0")]["unexpected"] == 1
    assert failed[("subset.part", "gap <= 0")]["documents"] == [part]
    assert failed[("subset.part", "gap <= 0")]["unexpected"] == 1
    # the contract of the tables still holds: the drafts are wrong, not the ledger
    assert all(r["success"] for r in result["results"] if r["rule"].endswith("-table"))


def test_one_planted_error_fails_exactly_its_rule(tmp_path: Path, clean_ledger: Path) -> None:
    db = tmp_path / "one.duckdb"
    db.write_bytes(clean_ledger.read_bytes())
    (bad,) = write(tmp_path / "bad", {"rate.txt": RATE_ERROR})
    ingest(db, bad)
    failed = failures(validate_ledger(db))
    assert [(r["rule"], r["expectation"], r["documents"]) for r in failed] == [
        ("range.rate", "gap <= 0", [bad])]


def test_cli_validate_prints_json_and_text_and_sets_the_exit_status(planted_ledger, clean_ledger,
                                                                    capsys) -> None:
    db, rate, _ = planted_ledger
    capsys.readouterr()
    assert main(["ledger", "validate", "--ledger", str(db), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["success"] is False
    assert any(rate in r["documents"] for r in out["results"] if r["rule"] == "range.rate")
    assert main(["ledger", "validate", "--ledger", str(clean_ledger)]) == 0
    text = capsys.readouterr().out
    assert "success: True" in text and "range.rate: gap <= 0" in text


def test_missing_ledger_is_a_user_error(tmp_path: Path, capsys) -> None:
    assert main(["ledger", "validate", "--ledger", str(tmp_path / "none.duckdb")]) == 2
    assert "Traceback" not in capsys.readouterr().err


# -- one declaration, two engines -------------------------------------------------------------

CHECKS = [
    {"gap": {"le": 0}}, {"gap": {"lt": 0}}, {"gap": {"ge": -1}}, {"gap": {"gt": -1}},
    {"gap": {"eq": 0}}, {"gap": {"ne": 0}}, {"gap": {"le": 5}}, {"gap": {"ge": -1, "le": 0.5}},
    {"gap": {"le": 0}, "gap_exact": {"lt": 2.1}},
]
GAPS = [-1e9, -2.0, -1.0, -0.5, -1e-12, 0.0, 1e-12, 0.5, 2.0499999, 2.05, 5.0, 5.0001,
        float("inf"), float("-inf"), float("nan")]


def _rule(check: dict):
    base = next(r for r in load_rules() if r.id == "range.rate")
    from dataclasses import replace

    return replace(base, check=check)


@pytest.mark.parametrize("check", CHECKS, ids=[json.dumps(c) for c in CHECKS])
def test_pandera_and_great_expectations_fail_the_same_rows(check: dict) -> None:
    rule = _rule(check)
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(GAPS))], "rule": rule.id,
                          "gap": GAPS, "gap_exact": list(reversed(GAPS))})
    rows = frame[["gap", "gap_exact"]].to_dict("records")
    by_pandera = _failing_rows(rule, rows)[0]
    outcomes, _, _ = validate_frames(frame, None, [rule])
    by_gx = {i for o in outcomes if o.owner == rule.id for i in o.failing}
    assert by_gx == by_pandera
    assert any(not o.success for o in outcomes) == bool(by_pandera)


def test_both_engines_agree_on_the_ledger_rows(planted_ledger) -> None:
    db, _, _ = planted_ledger
    table = candidates(db)
    for rule in load_rules():
        rows = table[table["rule"] == rule.id].reset_index(drop=True)
        if rule.kind == "cross" or rows.empty:
            continue
        by_pandera = _failing_rows(rule, rows[["gap", "gap_exact"]].to_dict("records"))[0]
        outcomes, _, _ = validate_frames(rows, None, [rule])
        by_gx = {i for o in outcomes for i in o.failing}
        assert by_gx == by_pandera, rule.id
        assert len(by_pandera) == (1 if rule.id in ("range.rate", "subset.part") else 0), rule.id


def test_translation_of_each_declared_check() -> None:
    import great_expectations.expectations as gxe

    got = dict(translate({"gap": {"le": 1, "lt": 2, "ge": 3, "gt": 4, "eq": 5, "ne": 6}}))
    assert isinstance(got["gap not null"], gxe.ExpectColumnValuesToNotBeNull)
    between = {d: (e.min_value, e.max_value, e.strict_min, e.strict_max) for d, e in got.items()
               if isinstance(e, gxe.ExpectColumnValuesToBeBetween)}
    assert between == {"gap <= 1": (None, 1, False, False), "gap < 2": (None, 2, False, True),
                       "gap >= 3": (3, None, False, False), "gap > 4": (4, None, True, False),
                       "gap == 5": (5, 5, False, False)}
    assert isinstance(got["gap != 6"], gxe.ExpectColumnValuesToNotBeInSet)
    assert got["gap != 6"].value_set == [6]
    assert all(e.column == "gap" for e in got.values())


def _rules_dir(tmp_path: Path, check: dict) -> str:
    """A rule folder overriding range.rate with another declared check."""
    data = yaml.safe_load((builtin_dir() / "range.yaml").read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "range.rate")
    rule["check"] = check
    folder = tmp_path / "rules"
    folder.mkdir(parents=True)
    (folder / "range.yaml").write_text(yaml.safe_dump({"rules": [rule]}, allow_unicode=True),
                                       encoding="utf-8")
    return str(folder)


def test_a_custom_declared_check_is_what_the_ledger_is_validated_with(
        tmp_path: Path, planted_ledger, capsys) -> None:
    db, rate, part = planted_ledger
    lenient = _rules_dir(tmp_path / "lenient", {"gap": {"le": 5}})  # 102.1% is 2.05 over
    result = validate_ledger(db, rules_dir=lenient)
    rate_results = {r["expectation"]: r for r in result["results"] if r["rule"] == "range.rate"}
    assert set(rate_results) == {"gap not null", "gap <= 5"}
    assert rate_results["gap <= 5"]["success"] and rate_results["gap <= 5"]["rows"] == 4
    assert [r["rule"] for r in failures(result)] == ["subset.part"]  # the built-in rule stays
    strict = _rules_dir(tmp_path / "strict", {"gap": {"lt": 2}})
    capsys.readouterr()
    assert main(["ledger", "validate", "--ledger", str(db), "--rules", strict,
                 "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    (rate_fail,) = [r for r in out["results"] if r["rule"] == "range.rate" and not r["success"]]
    assert rate_fail["expectation"] == "gap < 2" and rate_fail["documents"] == [rate]


def test_a_check_on_a_column_the_ledger_does_not_keep_is_named_not_dropped() -> None:
    rule = _rule({"gap": {"le": 0}, "stated": {"le": 100}})
    frame = pd.DataFrame({"doc_id": ["a"], "rule": [rule.id], "gap": [-1.0], "gap_exact": [-1.0]})
    outcomes, _, _ = validate_frames(frame, None, [rule])
    (unchecked,) = [o for o in outcomes if not o.checked]
    assert unchecked.description.startswith("stated:") and unchecked.success


# -- the figures table's contract ------------------------------------------------------------

def test_the_figures_contract_catches_broken_rows() -> None:
    figures = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"], "idx": [0, 0, 0, 0, 0],
        "start_offset": [0, 5, 9, 3, 1], "end_offset": [4, 5, 12, 6, 2],
        "kind": ["count", "percent", "bogus", "money", "count"],
        "approx": ["exact", "exact", "exact", "roughly", "over"],
        "role": [None, "rate", None, None, "king"],
        "lo": [1.0, 2.0, None, 9.0, 3.0], "hi": [2.0, 2.0, 7.0, 8.0, None],
        "r_lo": [0.5, 2.0, float("-inf"), 1.0, 3.0], "r_hi": [2.5, 1.0, float("inf"), 9.0, None],
    })
    empty = pd.DataFrame({"doc_id": [], "rule": [], "gap": [], "gap_exact": []})
    outcomes, _, frame = validate_frames(empty, figures, [])
    failing = {o.description: sorted(frame.loc[o.failing, "doc_id"]) for o in outcomes
               if o.owner == "figures-table" and not o.success}
    assert failing == {
        "kind in the known kinds": ["c"], "approx in the known approximations": ["d"],
        "role made of the known facets (or none)": ["e"], "lo <= hi where both are set": ["d"],
        "r_lo <= r_hi": ["b"], "start_offset < end_offset": ["b"],
    }


# -- cost and hygiene -------------------------------------------------------------------------

def _python(script: str, cwd: Path, env: dict | None = None, argv: tuple = ()) -> str:
    done = subprocess.run([sys.executable, "-c", script, *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_great_expectations_stays_out_of_every_other_path(tmp_path: Path) -> None:
    (draft,) = write(tmp_path, {"d.txt": RATE_ERROR})
    script = textwrap.dedent("""
        import sys
        import checker.ledger, checker.cli, checker.ledger.store, checker.ledger.records
        from checker.cli import main
        code = main(["check", sys.argv[1], "--no-ledger", "--format", "json"])
        assert code == 1, code
        assert "great_expectations" not in sys.modules
        print("GX-FREE")
    """)
    out = _python(script, tmp_path, argv=(draft,))
    assert out.rstrip().endswith("GX-FREE")  # a silent exit would not print it


def test_validation_writes_nothing_and_opens_no_connection(tmp_path: Path,
                                                           clean_ledger: Path) -> None:
    # a fresh process, run as `python -c` (pyspark's import-time check once ended such a
    # process silently with status 0), with its own HOME, cwd and TMPDIR
    home, cwd, tmp = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    for d in (home, cwd, tmp):
        d.mkdir()
    ledger_dir = sorted(p.name for p in clean_ledger.parent.iterdir())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "GX_"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), USERPROFILE=str(home))
    script = textwrap.dedent("""
        import socket, sys
        def refuse(*args, **kwargs):
            raise AssertionError(f"network connection attempted: {args}")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        from checker.ledger.validate import validate_ledger
        result = validate_ledger(sys.argv[1])
        assert "great_expectations" in sys.modules
        print("VALIDATED", result["success"])
    """)
    out = _python(script, cwd, env, argv=(str(clean_ledger),))
    assert out.rstrip().endswith("VALIDATED True")
    for d in (home, cwd, tmp):
        assert [str(p) for p in d.rglob("*")] == [], d
    assert sorted(p.name for p in clean_ledger.parent.iterdir()) == ledger_dir
