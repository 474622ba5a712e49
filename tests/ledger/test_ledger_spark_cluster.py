"""figcheck ingest --engine spark on a real standalone cluster: a master and two workers on
loopback, started from the pyspark distribution, whose Python has nothing installed (figcheck
ships itself). An archive given as a folder and as a Parquet table, conflicts found across runs,
the same conflicts on the embedded engine, and an interrupted ingest that adds nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java (17 or later)", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from spark_cluster import cluster  # noqa: E402

from checker.ledger import Ledger  # noqa: E402

FIGCHECK = str(Path(sys.executable).with_name("figcheck"))
HENAN = "河南省总工会召开会议。2021年，全省新建工会{}家。河南省各级工会扎实推进建会工作。"
ZHOUKOU = ("周口市总工会召开会议。截至目前，全市累计建成户外劳动者驿站{}家。"
           "周口市各县区积极推进，周口市工会持续发力。")


@pytest.fixture(scope="module")
def spark_cluster(tmp_path_factory):
    with cluster(tmp_path_factory.mktemp("cluster"), workers=2) as running:
        yield running


def figcheck(running, *args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([FIGCHECK, *args], cwd=cwd, env=running.env(), capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode not in (0, 1):
        raise AssertionError(f"figcheck {' '.join(args)} exited {done.returncode}:\n"
                             f"{done.stderr[-4000:]}\n{running.logs()}")
    return done


def write(folder: Path, name: str, head: str, date: str, body: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{head}\n时间：{date}\n{body}\n", encoding="utf-8")


def pairs(rows) -> list[tuple]:
    return sorted((Path(r["a_path"]).name, Path(r["b_path"]).name, r["a_text"], r["b_text"])
                  for r in rows)


def test_archive_as_folder_then_table_on_a_cluster(spark_cluster, tmp_path):
    # the workers' Python cannot import figcheck: whatever they run was shipped
    bare = subprocess.run([str(spark_cluster.python), "-c", "import checker"],
                          capture_output=True, env={"PATH": os.environ["PATH"]}, cwd=tmp_path)
    assert bare.returncode != 0
    archive = tmp_path / "archive"
    write(archive, "a.txt", "河南省总工会工作通报", "2021-12-20", HENAN.format(6016))
    write(archive, "b.txt", "河南省工会组建情况", "2022-01-05", HENAN.format(6106))
    write(archive, "sub/d.txt", "周口市总工会动态", "2021-03-01", ZHOUKOU.format(196))
    write(archive, "sub/e.txt", "周口市工会简报", "2021-09-01", ZHOUKOU.format(150))
    ledger = f"{tmp_path}/ledger/"
    first = json.loads(figcheck(spark_cluster, "ingest", "archive", "--engine", "spark",
                                "--ledger", ledger, "--format", "json", cwd=tmp_path).stdout)
    assert (first["documents"], first["figures"]) == (4, 4) and first["errors"] == []
    assert (first["conflicts"], first["cumulative_falls"]) == (1, 1)
    # the second part of the archive, as a Parquet table: it conflicts with rows ingested earlier
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "table/h1", "text": "河南省工会年报\n" + HENAN.format(6016),
             "published": "2022-02-01", "region": "河南省"},
            {"id": "table/h2", "text": "河南省工会通讯\n" + HENAN.format(6160),
             "published": "2022-03-01", "region": "河南省"},
            {"id": "table/z1", "text": "周口市工会通讯\n" + ZHOUKOU.format(120),
             "published": "2021-12-01", "region": "河南省周口市"}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "more.parquet")
    second = json.loads(figcheck(spark_cluster, "ingest", "more.parquet", "--engine", "spark",
                                 "--ledger", ledger, "--format", "json", cwd=tmp_path).stdout)
    assert (second["documents"], second["total_documents"]) == (3, 7)
    # 6016 (a, h1) against 6106 (b) and 6160 (h2), and 6106 against 6160: 5 pairs;
    # the running total fell 196 → 150 → 120: 3 pairs
    assert (second["conflicts"], second["cumulative_falls"]) == (5, 3)
    # the embedded engine, on the folder Spark wrote, finds the same pairs Spark SQL wrote
    with Ledger(ledger, read_only=True) as led:
        embedded = pairs(led.conflicts()), pairs(led.cumulative_falls())
        on_spark = tuple(pairs(led.con.execute(
            f"SELECT * FROM read_parquet('{tmp_path}/ledger/results/{name}/*.parquet')").df()
            .to_dict("records")) for name in ("conflicts", "cumulative_falls"))
        whole = led.con.execute("SELECT count(*) FROM documents d WHERE figures <> "
                                "(SELECT count(*) FROM figures f WHERE f.doc_id = d.doc_id)"
                                ).fetchone()[0]
    assert embedded == on_spark and len(embedded[0]) == 5 and whole == 0
    assert ("a.txt", "b.txt", "6016家", "6106家") in embedded[0] or \
        ("b.txt", "a.txt", "6106家", "6016家") in embedded[0]
    # a draft checked on the embedded engine against the ledger the cluster wrote
    write(tmp_path, "draft.txt", "河南省总工会通报", "2022-04-01", HENAN.format(6200))
    checked = figcheck(spark_cluster, "check", "draft.txt", "--ledger", ledger, "--format",
                       "json", cwd=tmp_path)
    findings = json.loads(checked.stdout)["findings"]
    assert checked.returncode == 1 and findings
    assert {f["rule"] for f in findings} == {"cross.conflict"}
    assert {"a.txt", "b.txt", "h1", "h2"} <= {Path(loc["path"]).name for f in findings
                                              for loc in f["locations"]}
    # what ran on the executors came from the archive the command shipped
    assert list(spark_cluster.folder.glob("work*/*/*/figcheck_env/checker/__init__.py"))


def test_an_interrupted_ingest_adds_nothing(spark_cluster, tmp_path):
    """The driver killed once the documents table of its run is written (and before the run is
    committed): the ledger holds what it held, every document whole."""
    archive = tmp_path / "archive"
    for i in range(40):
        write(archive, f"{i:02d}.txt", "河南省总工会工作通报", f"2021-{i % 12 + 1:02d}-10",
              HENAN.replace("2021年", f"{2000 + i}年").format(1000 + i))
    ledger = tmp_path / "ledger"
    subprocess.run([FIGCHECK, "ingest", str(archive / "00.txt"), "--ledger", f"{ledger}/"],
                   check=True, capture_output=True)
    with Ledger(ledger, read_only=True) as led:
        before = led.con.execute("SELECT doc_id, path FROM documents").fetchall()
    driver = subprocess.Popen([FIGCHECK, "ingest", str(archive), "--engine", "spark",
                               "--ledger", str(ledger)], env=spark_cluster.env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    deadline = time.monotonic() + 300
    while not (ledger / "documents" / "_SUCCESS").exists():  # Spark's job commit of documents
        assert driver.poll() is None and time.monotonic() < deadline, "ingest ended too early"
        time.sleep(0.05)
    os.killpg(driver.pid, signal.SIGKILL)  # the driver and its JVM
    driver.wait()
    with Ledger(ledger, read_only=True) as led:
        assert led.con.execute("SELECT doc_id, path FROM documents").fetchall() == before
        assert led.con.execute("SELECT count(*) FROM figures").fetchone()[0] == 1
    # the documents of the killed run are on disk, and no reader counts them (a run done again
    # after an interruption: test_ledger_parquet.py, on the same layout)
    assert len(list((ledger / "documents").rglob("part-*.parquet"))) > 1
