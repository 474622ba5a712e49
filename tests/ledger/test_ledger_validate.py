"""figcheck ledger validate: the rules' declared checks over the whole ledger with Great
Expectations, agreeing with the per-draft pandera engine, and the ledger tables' contract."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
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

from checker.ledger.validate import (  # noqa: E402
    ledger_frame,
    ledger_plans,
    run_checkpoint,
    translate,
    validate_frames,
    validate_ledger,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

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


# -- the suites a data team keeps, and their Data Docs ----------------------------------------

def checked(result: dict) -> dict[tuple[str, str], tuple]:
    """(rule, expectation) -> (success, unexpected, rows) of the expectations that ran."""
    return {(r["rule"], r["expectation"]): (r["success"], r["unexpected"], r["rows"])
            for r in result["results"] if r.get("checked", True)}


@pytest.fixture(scope="module")
def with_outputs(planted_ledger, tmp_path_factory) -> tuple[dict, Path, Path]:
    """One validation of the planted ledger from the command line, saving its suites and
    building its Data Docs."""
    db, _, _ = planted_ledger
    out = tmp_path_factory.mktemp("outputs")
    suite, docs = out / "suites.json", out / "docs"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["ledger", "validate", "--ledger", str(db), "--suite", str(suite),
                     "--data-docs", str(docs), "--format", "json"])
    assert code == 1
    result = json.loads(printed.getvalue())
    assert result["suite"] == str(suite) and result["data_docs"] == str(docs / "index.html")
    return result, suite, docs


def test_saved_suites_load_into_a_fresh_context_and_give_the_same_result(planted_ledger,
                                                                         with_outputs) -> None:
    db, _, _ = planted_ledger
    result, suite_file, _ = with_outputs
    saved = json.loads(suite_file.read_text(encoding="utf-8"))
    assert isinstance(saved, list)
    # every expectation that ran is in the file, under its rule's (or table's) suite
    assert {(s["name"], e["description"]) for s in saved for e in s["expectations"]} == \
        set(checked(result))
    # as a team would: a context of its own, the batch rebuilt from the queries the suites name
    tables = saved[0]["meta"]["figcheck"]["tables"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = pd.concat([con.execute(sql).df().assign(table=name)
                           for name, sql in tables.items()], ignore_index=True)
    finally:
        con.close()
    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("team").add_dataframe_asset("ledger")
             .add_batch_definition_whole_dataframe("all"))
    definitions = [context.validation_definitions.add(gx.ValidationDefinition(
        name=s["name"], data=batch, suite=context.suites.add(gx.ExpectationSuite(**s))))
        for s in saved]
    run = context.checkpoints.add(gx.Checkpoint(
        name="team", validation_definitions=definitions)).run(batch_parameters={"dataframe": frame})
    again = {(v.suite_name, r.expectation_config.description):
             (r.success, r.result["unexpected_count"], r.result["element_count"])
             for v in run.run_results.values() for r in v.results}
    assert again == checked(result)
    # the planted 102.1%, among the three rates of the clean drafts
    assert again[("range.rate", "gap <= 0")] == (False, 1, 4)
    assert run.success is False


def test_data_docs_show_each_suite_with_its_expectations(with_outputs) -> None:
    result, suite_file, docs = with_outputs
    assert (docs / "index.html").is_file()
    pages = {}
    for page in (docs / "validations").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        (name,) = re.findall(r"Expectation Suite:</span>\s*<a [^>]*>([^<]+)</a>", text)
        assert name not in pages, name  # one validation page per suite: this run's only
        pages[name] = html.unescape(text)
    saved = json.loads(suite_file.read_text(encoding="utf-8"))
    assert set(pages) == {s["name"] for s in saved}
    for s in saved:
        for e in s["expectations"]:
            assert e["description"] in pages[s["name"]], (s["name"], e["description"])
    # the failure is marked on its rule's page, and a passing rule's page has none
    failed = {r["rule"] for r in failures(result)}
    passed = sorted(set(pages) - failed)
    assert "range.rate" in failed and passed
    assert "text-danger" in pages["range.rate"]
    assert "text-danger" not in pages[passed[0]]
    index = (docs / "index.html").read_text(encoding="utf-8")
    assert "validations/range/rate/" in index


def test_suite_and_data_docs_are_for_validate_only(tmp_path: Path, clean_ledger, capsys) -> None:
    for argv in (["ledger", "stats", "--ledger", str(clean_ledger), "--suite",
                  str(tmp_path / "s.json")],
                 ["ledger", "conflicts", "--ledger", str(clean_ledger), "--data-docs",
                  str(tmp_path / "docs")],
                 ["ledger", "stats", "--ledger", str(clean_ledger), "--engine", "spark"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert list(tmp_path.iterdir()) == []


def test_outputs_that_cannot_be_written_are_user_errors(tmp_path: Path, clean_ledger,
                                                        capsys) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    for argv in (["--suite", str(tmp_path / "no" / "such" / "s.json")],
                 ["--data-docs", str(a_file)]):
        assert main(["ledger", "validate", "--ledger", str(clean_ledger), *argv]) == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_engine_spark_refuses_what_is_no_parquet_ledger_before_starting_spark(
        tmp_path: Path, clean_ledger, capsys, monkeypatch) -> None:
    import checker.ledger.spark as spark_module

    def no_spark(*args, **kwargs):
        raise AssertionError("Spark was started")

    monkeypatch.setattr(spark_module, "spark_session", no_spark)
    for ledger in (str(clean_ledger), str(tmp_path / "none") + "/"):
        assert main(["ledger", "validate", "--engine", "spark", "--ledger", ledger]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and ledger.rstrip("/") in err, err


# -- the same validation on Spark -------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Spark needs Java (17 or later)")
    from checker.ledger.spark import spark_session

    with spark_session("local[2]") as session:  # started once: Spark takes seconds to start
        yield session


@pytest.fixture(scope="module")
def parquet_ledger(tmp_path_factory) -> tuple[Path, str]:
    """The seeds and one planted failing candidate, as a Parquet ledger."""
    tmp = tmp_path_factory.mktemp("parquet")
    db = tmp / "seeds.duckdb"
    (rate,) = write(tmp / "bad", {"rate.txt": RATE_ERROR})
    ingest(db, str(SEEDS), rate)
    folder = tmp / "ledger"
    # exported from DuckDB, whose typed tables give the Parquet types Spark's schema reads
    assert main(["ledger", "export", str(folder), "--ledger", str(db)]) == 0
    return folder, rate


def test_spark_and_embedded_validation_agree_on_a_parquet_ledger(spark, parquet_ledger,
                                                                 tmp_path: Path, capsys) -> None:
    folder, rate = parquet_ledger
    embedded = validate_ledger(folder, suite=tmp_path / "embedded.json")
    capsys.readouterr()
    # through the command line, on the session the fixture started (spark_session reuses it)
    assert main(["ledger", "validate", "--engine", "spark", "--ledger", str(folder) + "/",
                 "--suite", str(tmp_path / "spark.json"), "--data-docs", str(tmp_path / "docs"),
                 "--format", "json"]) == 1
    on_spark = json.loads(capsys.readouterr().out)
    assert (on_spark["engine"], embedded["engine"]) == ("spark", "embedded")
    assert on_spark["success"] is embedded["success"] is False

    def rows(result):
        return [(r["rule"], r["expectation"], r["success"], r["unexpected"], r["rows"],
                 r["documents"], sorted(r)) for r in result["results"]]

    assert rows(on_spark) == rows(embedded)
    failed = {(r["rule"], r["expectation"]): r["documents"] for r in failures(on_spark)}
    assert failed[("range.rate", "gap <= 0")] == [rate]
    # one set of suites, whichever engine runs them, and the Data Docs of the Spark run
    assert (tmp_path / "spark.json").read_text(encoding="utf-8") == \
        (tmp_path / "embedded.json").read_text(encoding="utf-8")
    suites = json.loads((tmp_path / "spark.json").read_text(encoding="utf-8"))
    assert (tmp_path / "docs" / "index.html").is_file()
    assert len(list((tmp_path / "docs" / "validations").rglob("*.html"))) == len(suites)


def test_spark_counts_missing_and_infinite_values_as_pandas_does(spark) -> None:
    rule = _rule({"gap": {"le": 0}, "gap_exact": {"ne": 0}})
    gaps = [-1.0, 0.0, 0.5, float("inf"), float("-inf"), float("nan")]
    candidates = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(gaps))], "rule": rule.id,
                               "gap": gaps, "gap_exact": list(reversed(gaps))})
    figures = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"], "idx": [0, 0, 0, 0, 0],
        "start_offset": [0, 5, 9, 3, 1], "end_offset": [4, 5, 12, 6, 2],
        "kind": ["count", "percent", "bogus", "money", None],
        "approx": ["exact", "exact", "exact", "roughly", "over"],
        "role": [None, "rate", None, None, "king"],
        "lo": [1.0, 2.0, None, 9.0, 3.0], "hi": [2.0, 2.0, 7.0, 8.0, float("nan")],
        "r_lo": [0.5, 2.0, float("-inf"), 1.0, 3.0], "r_hi": [2.5, 1.0, float("inf"), 9.0, None],
    })
    frame = ledger_frame(candidates, figures)
    plans = ledger_plans([rule], ["gap", "gap_exact"])
    by_pandas, _ = run_checkpoint(frame, plans)
    # row by row, not from pandas through Arrow, which would turn each NaN into a null: Spark
    # sees NaN, a number to it, where pandas sees a missing value (text columns: null)
    numeric = {c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])}

    def value(column, v):
        if column not in numeric:
            return None if pd.isna(v) else v
        return float(v)

    rows = [tuple(value(c, v) for c, v in zip(frame.columns, row, strict=True))
            for row in frame.itertuples(index=False)]
    on_spark = spark.createDataFrame(rows, list(frame.columns))
    assert on_spark.where("isnan(gap) OR isnan(hi)").count() > 0
    by_spark, _ = run_checkpoint(on_spark, plans, spark=True)

    def counts(outcomes):
        return [(o.owner, o.description, o.success, o.unexpected, o.rows) for o in outcomes]

    assert counts(by_spark) == counts(by_pandas)
    assert sum(not o.success for o in by_pandas) >= 6  # the frame breaks most of the contract
    for p, s in zip(by_pandas, by_spark, strict=True):
        assert set(s.doc_ids) == set(frame.loc[p.failing, "doc_id"]), p.description


def test_a_ledger_spark_cannot_read_is_one_error_not_a_failed_validation(
        spark, clean_ledger: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ledger"
    assert main(["ledger", "export", str(folder), "--ledger", str(clean_ledger)]) == 0
    part = sorted((folder / "candidates").glob("year=*/*.parquet"))[0]
    part.write_bytes(b"not parquet at all")  # a damaged file in a committed run
    capsys.readouterr()
    assert main(["ledger", "validate", "--engine", "spark", "--ledger", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    assert "Spark cannot read the ledger" in captured.err
