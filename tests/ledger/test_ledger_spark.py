"""figcheck ingest --engine spark, on a local Spark (local[2]): the same ledger and the same
conflicts as the embedded engine, from the same SQL, in the Parquet layout both engines read.
(A real standalone cluster: test_ledger_spark_cluster.py.)"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java (17 or later)", allow_module_level=True)

from checker.cli import main  # noqa: E402
from checker.cli.common import read_all  # noqa: E402
from checker.ledger import Ledger  # noqa: E402
from checker.ledger.spark import ingest_spark, spark_session  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from ledger_rows import contents  # noqa: E402

# pyspark's own complaints about the pandas it finds (it uses none of it here)
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support:FutureWarning"),
    pytest.mark.filterwarnings("ignore:distutils Version classes:DeprecationWarning"),
]

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SHARED = Path(os.environ.get("FIGCHECK_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "gwr2026"


@pytest.fixture(scope="module")
def spark():
    with spark_session("local[2]") as session:  # started once: Spark takes seconds to start
        yield session


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def pair_set(pairs: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted(p.items())) for p in pairs)


def embedded(paths: list[Path], ledger: Path) -> tuple[list[dict], list[dict]]:
    main(["ingest", *map(str, paths), "--ledger", str(ledger)])
    with Ledger(ledger, read_only=True) as led:
        return led.conflicts(), led.cumulative_falls()


def same_as_embedded(spark, rules, paths: list[Path], tmp_path: Path) -> dict:
    """Ingests with both engines; asserts one ledger and one set of conflicts; the Spark
    summary."""
    by_duckdb = embedded(paths, tmp_path / "embedded.duckdb")
    ledger = tmp_path / "spark"
    summary = ingest_spark([str(p) for p in paths], ledger, rules, spark=spark, pairs=True)
    assert contents(ledger) == contents(tmp_path / "embedded.duckdb")
    assert pair_set(summary["conflict_pairs"]) == pair_set(by_duckdb[0])
    assert pair_set(summary["fall_pairs"]) == pair_set(by_duckdb[1])
    # and in the order the shared SQL gives
    def order(pairs):
        return [(p["a_path"], p["a_start_offset"]) for p in pairs]

    assert order(summary["conflict_pairs"]) == order(by_duckdb[0])
    assert order(summary["fall_pairs"]) == order(by_duckdb[1])
    # the Spark-written Parquet ledger finds in DuckDB what Spark SQL found
    with Ledger(ledger, read_only=True) as led:
        assert pair_set(led.conflicts()) == pair_set(summary["conflict_pairs"])
        assert pair_set(led.cumulative_falls()) == pair_set(summary["fall_pairs"])
    return summary


def test_seeds_as_embedded(spark, rules, tmp_path, capsys):
    summary = same_as_embedded(spark, rules, [SEEDS], tmp_path)
    assert summary["documents"] == summary["total_documents"] == len(list(SEEDS.glob("*.txt")))
    assert summary["figures"] > 0 and summary["errors"] == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS} (set FIGCHECK_SHARED)")
def test_seeds_and_corpus_as_embedded(spark, rules, tmp_path):
    summary = same_as_embedded(spark, rules, [SEEDS, CORPUS], tmp_path)
    corpus_docs = len(read_all([str(CORPUS)], None)[0])
    assert summary["documents"] == len(list(SEEDS.glob("*.txt"))) + corpus_docs
    assert summary["errors"] == []


def article(folder: Path, name: str, head: str, date: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{head}\n时间：{date}\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def planted(tmp_path) -> Path:
    """Articles with conflicts and running totals that fell, planted across files."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    henan = "河南省总工会召开会议。2021年，全省新建工会{}家。河南省各级工会扎实推进建会工作。"
    article(folder, "a.txt", "河南省总工会工作通报", "2021-12-20", henan.format(6016))
    article(folder, "b.txt", "河南省工会组建情况", "2022-01-05", henan.format(6106))
    article(folder, "sub/c.txt", "河南省工会年报", "2022-02-01", henan.format(6016))
    zhoukou = ("周口市总工会召开会议。截至目前，全市累计建成户外劳动者驿站{}家。"
               "周口市各县区积极推进，周口市工会持续发力。")
    article(folder, "d.txt", "周口市总工会动态", "2021-03-01", zhoukou.format(196))
    article(folder, "e.txt", "周口市工会简报", "2021-09-01", zhoukou.format(150))
    article(folder, "f.txt", "周口市工会通讯", "2021-12-01", zhoukou.format(120))
    article(folder, "g.txt", "周口市工会通讯", "2022-03-01", zhoukou.format(230))
    return folder


def test_planted_conflicts_as_duckdb(spark, rules, planted, tmp_path):
    summary = same_as_embedded(spark, rules, [planted], tmp_path)

    def names(pairs):
        return sorted((Path(p["a_path"]).name, Path(p["b_path"]).name) for p in pairs)

    found = {frozenset(p) for p in names(summary["conflict_pairs"])}
    assert found == {frozenset({"a.txt", "b.txt"}), frozenset({"b.txt", "c.txt"})}
    # earlier total first: d (196) > e (150) > f (120); g (230, later) rose
    assert names(summary["fall_pairs"]) == [("d.txt", "e.txt"), ("d.txt", "f.txt"),
                                            ("e.txt", "f.txt")]
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)
    assert summary["documents"] == 7 and summary["errors"] == []


def test_a_bad_file_is_an_error_and_the_rest_go_in(spark, rules, planted, tmp_path):
    (planted / "empty.txt").write_bytes(b"")
    (planted / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (tmp_path / "no-drafts").mkdir()
    (tmp_path / "no-drafts" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    paths = [str(planted), str(tmp_path / "missing"), str(tmp_path / "no-drafts")]
    summary = ingest_spark(paths, tmp_path / "spark", rules, spark=spark)
    expected = read_all(paths, None)[1]  # the embedded engine's one-line errors
    assert sorted(summary["errors"]) == sorted(expected) and len(expected) == 3
    assert any("old.docx" in e for e in expected) and any("missing" in e for e in expected)
    # (the empty file is no error, and no document either: 7 as before)
    assert (summary["documents"], summary["total_documents"]) == (7, 7)
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)


def test_one_text_in_two_files_is_one_document(spark, rules, planted, tmp_path):
    shutil.copy(planted / "a.txt", planted / "sub" / "z-copy.txt")  # listed after a.txt
    summary = ingest_spark([str(planted)], tmp_path / "spark", rules, spark=spark,
                           pairs=True)
    with Ledger(tmp_path / "spark", read_only=True) as led:
        paths = [p for (p,) in led.con.execute("SELECT path FROM documents").fetchall()]
        assert len(paths) == 7 and not any(p.endswith("/a.txt") for p in paths)
        assert pair_set(led.conflicts()) == pair_set(summary["conflict_pairs"])
    assert summary["conflicts"] == 2


def test_cli_spark_engine(spark, planted, tmp_path, capsys):
    ledger = str(tmp_path / "cli") + "/"
    assert main(["ingest", str(planted), "--engine", "spark", "--ledger", ledger,
                 "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == summary["total_documents"] == 7
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)
    # the search on Spark SQL, written as a table, reported as the embedded engine reports it
    assert main(["ledger", "conflicts", "--engine", "spark", "--ledger", ledger,
                 "--format", "json"]) == 1
    on_spark = json.loads(capsys.readouterr().out)
    assert main(["ledger", "conflicts", "--ledger", ledger, "--format", "json"]) == 1
    on_duckdb = json.loads(capsys.readouterr().out)
    assert on_spark["conflicts"] == on_duckdb["conflicts"] and len(on_duckdb["conflicts"]) == 2
    assert on_spark["cumulative_falls"] == on_duckdb["cumulative_falls"]
    assert len(on_duckdb["cumulative_falls"]) == 3
    written = spark.read.parquet(on_spark["results"] + "/conflicts")
    assert written.count() == 2
    # a DuckDB file is no ledger Spark writes: one line, exit 2
    assert main(["ingest", str(planted), "--engine", "spark",
                 "--ledger", str(tmp_path / "x.duckdb")]) == 2
    assert "Parquet" in capsys.readouterr().err


def test_conflicts_against_rows_ingested_earlier_and_replacing(spark, rules, planted, tmp_path):
    """A second run is searched with the whole ledger, the first written by the embedded
    engine; re-ingesting a changed file replaces its rows, on Spark as in the embedded engine."""
    ledger = tmp_path / "spark"
    assert main(["ingest", str(planted / "a.txt"), str(planted / "d.txt"), "--ledger",
                 f"{ledger}/"]) == 0
    later = ingest_spark([str(planted / "b.txt"), str(planted / "e.txt")], ledger, rules,
                         spark=spark, pairs=True)
    assert (later["documents"], later["total_documents"]) == (2, 4)
    assert [(Path(p["a_path"]).name, Path(p["b_path"]).name) for p in later["conflict_pairs"]] \
        in ([("a.txt", "b.txt")], [("b.txt", "a.txt")])
    assert later["cumulative_falls"] == 1  # d (196, earlier run) to e (150)
    # b.txt corrected to agree with a.txt, ingested again: its old rows go
    b = planted / "b.txt"
    b.write_text(b.read_text(encoding="utf-8").replace("6106", "6016"), encoding="utf-8")
    fixed = ingest_spark([str(b)], ledger, rules, spark=spark)
    assert (fixed["conflicts"], fixed["total_documents"]) == (0, 4)
    # the embedded engine reads the same ledger the same way, and so does its copy in DuckDB
    embedded_copy = tmp_path / "copy.duckdb"
    assert main(["ledger", "import", str(ledger), "--ledger", str(embedded_copy)]) == 0
    assert contents(ledger) == contents(embedded_copy)
    fresh = tmp_path / "fresh.duckdb"
    main(["ingest", *(str(planted / n) for n in ("a.txt", "b.txt", "d.txt", "e.txt")),
          "--ledger", str(fresh)])
    assert contents(ledger) == contents(fresh)


def _table_rows(planted: Path) -> list[dict]:
    """The planted articles as rows of a table of documents: id, text, published, region."""
    rows = []
    for path in sorted(planted.rglob("*.txt")):
        head, date, body = path.read_text(encoding="utf-8").split("\n", 2)
        rows.append({"id": f"archive/{path.relative_to(planted).as_posix()}",
                     "text": f"{head}\n{body}", "published": date.split("：")[1],
                     "region": "河南省周口市" if "周口" in head else "河南省"})
    return rows


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
def test_a_table_of_documents(spark, rules, planted, tmp_path, kind):
    """Documents as rows (no dateline in the text: the published column dates them), ingested
    beside the same articles as files: each conflicts with its file twin's neighbours."""
    rows = _table_rows(planted)
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = tmp_path / "docs.parquet"
        pq.write_table(pa.Table.from_pylist(rows), table)
    else:
        table = tmp_path / "docs.jsonl"
        table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                         encoding="utf-8")
    ledger = tmp_path / "spark"
    summary = ingest_spark([str(table)], ledger, rules, spark=spark, pairs=True)
    assert summary["errors"] == [] and summary["documents"] == 7
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)
    with Ledger(ledger, read_only=True) as led:
        published = dict(led.con.execute("SELECT path, published FROM documents").fetchall())
        assert {p: d.isoformat() for p, d in published.items()} == {
            r["id"]: r["published"] for r in rows}
        provinces = {p for (p,) in led.con.execute("SELECT DISTINCT province FROM documents")
                     .fetchall()}
        assert provinces == {"河南省"}
    # without its required columns, the table is one line naming what it lacks
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "x", "body": "y"}\n', encoding="utf-8")
    out = ingest_spark([str(bad)], tmp_path / "other", rules, spark=spark)
    assert len(out["errors"]) == 1 and "id, text" in out["errors"][0]


def test_the_master_is_never_forced(monkeypatch, tmp_path):
    """An explicit master or $SPARK_MASTER, else spark-submit's or spark-defaults.conf's (set
    by Spark itself, so nothing is set here), else Spark inside the command."""
    from checker.ledger.spark import master_of

    for name in ("SPARK_MASTER", "PYSPARK_GATEWAY_PORT", "SPARK_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path))
    assert master_of() == ("local[*]", "local[*]")
    (tmp_path / "spark-defaults.conf").write_text(
        "# a cluster's defaults\nspark.master   spark://head:7077\n", encoding="utf-8")
    assert master_of() == (None, "spark://head:7077")
    monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "40000")  # launched by spark-submit
    assert master_of()[0] is None
    monkeypatch.setenv("SPARK_MASTER", "spark://other:7077")
    assert master_of() == ("spark://other:7077",) * 2
    assert master_of("local[2]") == ("local[2]",) * 2


def test_what_is_shipped_to_the_workers():
    """figcheck's own dependencies and pyarrow, not what the cluster or the driver has."""
    from checker.ledger import spark_ship

    names = {d.metadata["Name"].lower().replace("_", "-") for d in spark_ship.distributions()}
    assert {"jieba", "pandera", "polars", "pyarrow", "pyyaml", "opencc"} <= names
    assert not names & {"pyspark", "py4j", "duckdb", "great-expectations", "pytest"}
    packaged = {name for _, name in spark_ship._package_files()}
    assert "checker/__init__.py" in packaged and "checker/ledger/spark.py" in packaged
    assert any(n.startswith("checker/_rules/") and n.endswith(".yaml") for n in packaged)
    assert any(n.startswith("checker/lang/zh/") for n in packaged)
    assert not any(n.endswith(".pyc") for n in packaged)
