"""The ledger as a Parquet folder, on the embedded engine: the same rows, reads and replacing as
the DuckDB file; export and import between the two; an interrupted write adds nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.cli import main
from checker.ledger import Ledger, parquet
from checker.ledger.parquet import ParquetLedger, is_parquet_ledger
from ledger_rows import contents

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def article(folder: Path, name: str, date: str, count: int) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"河南省总工会工作通报\n时间：{date}\n河南省总工会召开会议。2021年，全省新建工会"
                    f"{count}家。河南省各级工会扎实推进建会工作。\n", encoding="utf-8")
    return path


def test_which_layout_a_path_names(tmp_path):
    (tmp_path / "dir").mkdir()
    assert is_parquet_ledger(tmp_path / "dir") and is_parquet_ledger(f"{tmp_path}/new/")
    assert is_parquet_ledger("hdfs://nn:8020/ledger") and is_parquet_ledger("s3a://b/ledger")
    assert not is_parquet_ledger(tmp_path / "ledger.duckdb")
    assert isinstance(Ledger(f"{tmp_path}/new/"), ParquetLedger)
    with pytest.raises(Exception, match="spark"):
        Ledger("s3a://bucket/ledger", read_only=True)


def test_same_rows_and_reads_as_the_duckdb_file(tmp_path):
    folder, file = f"{tmp_path}/pq/", tmp_path / "l.duckdb"
    assert main(["ingest", str(SEEDS), "--ledger", folder]) == 0
    assert main(["ingest", str(SEEDS), "--ledger", str(file)]) == 0
    assert contents(Path(folder)) == contents(file)
    with Ledger(folder, read_only=True) as pq, Ledger(file, read_only=True) as db:
        stats = pq.stats(), db.stats()
        assert {k: v for k, v in stats[0].items() if k != "path"} == \
            {k: v for k, v in stats[1].items() if k != "path"}
        keys = [k for (k,) in db.con.execute("SELECT key FROM figures LIMIT 5").fetchall()]
        assert pq.matching(keys, "") == db.matching(keys, "")
    # the layout: partitioned by publication year, one committed run
    assert {p.name for p in (tmp_path / "pq" / "figures").iterdir()} == {"year=2013", "year=unknown"}
    assert len(list((tmp_path / "pq" / "runs").glob("*.json"))) == 1


def test_reingesting_replaces_by_text_and_by_path(tmp_path):
    arts, ledger = tmp_path / "arts", tmp_path / "ledger"
    ledger.mkdir()
    a = article(arts, "a.txt", "2021-12-20", 6016)
    b = article(arts, "b.txt", "2022-01-05", 6106)
    main(["ingest", str(arts), "--ledger", str(ledger)])
    main(["ingest", str(arts), "--ledger", str(ledger)])  # again: nothing added
    with Ledger(ledger, read_only=True) as led:
        assert led.stats()["documents"] == 2 and len(led.conflicts()) == 1
    b.write_text(a.read_text(encoding="utf-8").replace("12-20", "01-05"), encoding="utf-8")
    shutil.copy(a, arts / "copy-of-a.txt")  # one text in two files: one document
    main(["ingest", str(arts), "--ledger", str(ledger)])
    with Ledger(ledger, read_only=True) as led:
        paths = sorted(Path(p).name for (p,) in led.con.execute("SELECT path FROM documents")
                       .fetchall())
        assert paths == ["b.txt", "copy-of-a.txt"] and led.conflicts() == []
    # the same history written into a DuckDB file holds the same rows
    file = tmp_path / "l.duckdb"
    main(["ingest", str(arts), "--ledger", str(file)])
    assert contents(ledger) == contents(file)


def test_check_against_a_parquet_ledger(tmp_path, capsys):
    arts = tmp_path / "arts"
    article(arts, "a.txt", "2021-12-20", 6016)
    main(["ingest", str(arts), "--ledger", f"{tmp_path}/pq/"])
    draft = article(tmp_path, "draft.txt", "2022-01-05", 6106)
    capsys.readouterr()
    code = main(["check", str(draft), "--ledger", f"{tmp_path}/pq", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1 and [f["rule"] for f in findings] == ["cross.conflict"]
    assert "a.txt" in json.dumps(findings, ensure_ascii=False)


def test_export_and_import(tmp_path, capsys):
    file = tmp_path / "l.duckdb"
    main(["ingest", str(SEEDS), "--ledger", str(file)])
    assert main(["ledger", "export", str(tmp_path / "pq"), "--ledger", str(file)]) == 0
    assert contents(tmp_path / "pq") == contents(file)
    back = tmp_path / "back.duckdb"
    assert main(["ledger", "import", str(tmp_path / "pq"), "--ledger", str(back)]) == 0
    assert contents(back) == contents(file)
    # importing again replaces rather than adds, and the conflict search still has its bounds
    assert main(["ledger", "import", str(tmp_path / "pq"), "--ledger", str(back),
                 "--format", "json"]) == 0
    assert contents(back) == contents(file)
    with Ledger(back, read_only=True) as led:
        assert led.bounded
    capsys.readouterr()
    # misuse: one line, exit 2
    for args in (["ledger", "export", "--ledger", str(file)],
                 ["ledger", "import", str(tmp_path / "none"), "--ledger", str(back)],
                 ["ledger", "export", str(tmp_path / "x"), "--ledger", str(tmp_path / "pq")],
                 ["ledger", "stats", str(tmp_path / "pq"), "--ledger", str(file)],
                 ["ingest", str(SEEDS), "--input-format", "parquet", "--ledger", str(file)]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_an_interrupted_write_adds_nothing(tmp_path, monkeypatch):
    """Killed after its files are in place and before its run is committed, a write leaves the
    ledger as it was; the next write is read whole."""
    arts, ledger = tmp_path / "arts", tmp_path / "pq"
    article(arts, "a.txt", "2021-12-20", 6016)
    main(["ingest", str(arts), "--ledger", f"{ledger}/"])
    before = contents(ledger)
    article(arts, "b.txt", "2022-01-05", 6106)
    real_replace = os.replace

    def dies_at_commit(src, dst):
        if Path(dst).parent.name == parquet.RUNS:
            raise KeyboardInterrupt  # the run's files are in place; its line is not written
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dies_at_commit)
    assert main(["ingest", str(arts), "--ledger", str(ledger)]) == 130  # as after Ctrl-C
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(list((ledger / "figures").rglob("*.parquet"))) > 1  # the files were written
    assert contents(ledger) == before
    assert not (ledger / "_staging").exists()
    main(["ingest", str(arts), "--ledger", str(ledger)])
    with Ledger(ledger, read_only=True) as led:
        assert led.stats()["documents"] == 2 and len(led.conflicts()) == 1
