"""figcheck ingest --engine spark, on a local Spark (local[2]): the same ledger and the same
conflicts as the embedded engine, from the same SQL."""

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


def contents(path: Path) -> dict:
    """What a ledger holds, in an order that does not depend on how it was written."""
    with Ledger(path, read_only=True) as ledger:
        con = ledger.con
        return {
            "documents": con.execute(
                "SELECT doc_id, path, published, province, city, title, chars, figures "
                "FROM documents ORDER BY doc_id").fetchall(),
            "figures": con.execute("SELECT * FROM figures ORDER BY doc_id, idx").fetchall(),
            "candidates": con.execute(
                "SELECT * FROM candidates ORDER BY ALL").fetchall(),
        }


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
    summary = ingest_spark([str(p) for p in paths], tmp_path / "spark.duckdb", rules,
                           spark=spark, pairs=True)
    assert contents(tmp_path / "spark.duckdb") == contents(tmp_path / "embedded.duckdb")
    assert pair_set(summary["conflict_pairs"]) == pair_set(by_duckdb[0])
    assert pair_set(summary["fall_pairs"]) == pair_set(by_duckdb[1])
    # and in the order the shared SQL gives
    def order(pairs):
        return [(p["a_path"], p["a_start_offset"]) for p in pairs]

    assert order(summary["conflict_pairs"]) == order(by_duckdb[0])
    assert order(summary["fall_pairs"]) == order(by_duckdb[1])
    # the Spark-written ledger finds in DuckDB what Spark SQL found
    with Ledger(tmp_path / "spark.duckdb", read_only=True) as led:
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
    paths = [str(planted), str(tmp_path / "missing")]
    summary = ingest_spark(paths, tmp_path / "spark.duckdb", rules, spark=spark)
    expected = read_all(paths, None)[1]  # the embedded engine's one-line errors
    assert summary["errors"] == expected and len(expected) == 2
    assert any("old.docx" in e for e in expected) and any("missing" in e for e in expected)
    # (the empty file is no error, and no document either: 7 as before)
    assert (summary["documents"], summary["total_documents"]) == (7, 7)
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)


def test_one_text_in_two_files_is_one_document(spark, rules, planted, tmp_path):
    shutil.copy(planted / "a.txt", planted / "sub" / "z-copy.txt")  # listed after a.txt
    summary = ingest_spark([str(planted)], tmp_path / "spark.duckdb", rules, spark=spark,
                           pairs=True)
    with Ledger(tmp_path / "spark.duckdb", read_only=True) as led:
        paths = [p for (p,) in led.con.execute("SELECT path FROM documents").fetchall()]
        assert len(paths) == 7 and not any(p.endswith("/a.txt") for p in paths)
        assert pair_set(led.conflicts()) == pair_set(summary["conflict_pairs"])
    assert summary["conflicts"] == 2


def test_cli_spark_engine(spark, planted, tmp_path, capsys):
    ledger = str(tmp_path / "cli.duckdb")
    assert main(["ingest", str(planted), "--engine", "spark", "--ledger", ledger,
                 "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == summary["total_documents"] == 7
    assert (summary["conflicts"], summary["cumulative_falls"]) == (2, 3)
    assert main(["ledger", "conflicts", "--ledger", ledger, "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (len(result["conflicts"]), len(result["cumulative_falls"])) == (2, 3)
