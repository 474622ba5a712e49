"""The ledger: idempotent ingest, atomic batches, conflicts and running totals across articles."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from checker.cli import main

ARTICLE = """时间：{date}
河南省总工会工作综述
河南省各级工会扎实推进建会入会。{year}年，全省新建工会{n}家，新发展会员65.9万人。
截至目前，全省累计建成户外劳动者驿站{total}家。
"""


def article(tmp: Path, name: str, date: str, n: int, total: int = 1000, year: int = 2021) -> Path:
    p = tmp / name
    p.write_text(ARTICLE.format(date=date, n=n, total=total, year=year), encoding="utf-8")
    return p


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs, declared = con.execute("SELECT count(*), coalesce(sum(figures), 0) FROM documents").fetchone()
        rows = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        return docs, declared, rows
    finally:
        con.close()


def test_ingest_is_idempotent(tmp_path: Path, capsys) -> None:
    db = tmp_path / "l.duckdb"
    a = article(tmp_path, "a.txt", "2021-12-20", 6016)
    article(tmp_path, "b.txt", "2022-01-05", 6016)
    assert run(capsys, "ingest", str(tmp_path), "--ledger", str(db))[0] == 0
    first = counts(db)
    assert first[0] == 2 and first[1] == first[2] > 0
    assert run(capsys, "ingest", str(tmp_path), "--ledger", str(db))[0] == 0
    assert counts(db) == first  # the same files again: nothing added
    a.write_text(a.read_text(encoding="utf-8").replace("6016", "6020"), encoding="utf-8")
    run(capsys, "ingest", str(a), "--ledger", str(db))
    assert counts(db) == first  # a changed file replaces its old version, it is not added
    con = duckdb.connect(str(db), read_only=True)
    texts = {r[0] for r in con.execute("SELECT text FROM figures WHERE path LIKE '%a.txt'").fetchall()}
    con.close()
    assert "6020家" in texts and "6016家" not in texts


def test_conflicts_and_falling_totals_in_the_ledger(tmp_path: Path, capsys) -> None:
    db = tmp_path / "l.duckdb"
    article(tmp_path, "a.txt", "2021-12-20", 6016, total=1000)
    article(tmp_path, "b.txt", "2022-01-05", 6106, total=900)  # same 2021 figure, other value
    article(tmp_path, "c.txt", "2023-01-05", 7000, total=1200, year=2022)  # another year: fine
    run(capsys, "ingest", str(tmp_path), "--ledger", str(db))
    code, out = run(capsys, "ledger", "conflicts", "--ledger", str(db), "--format", "json")
    result = json.loads(out)
    assert code == 1
    assert {(r["a_text"], r["b_text"]) for r in result["conflicts"]} in (
        {("6016家", "6106家")}, {("6106家", "6016家")})
    falls = {(r["a_text"], r["b_text"]) for r in result["cumulative_falls"]}
    assert falls == {("1000家", "900家")}  # earlier 1000, later 900; 1200 later still is fine


def test_check_against_the_ledger_quotes_both_articles(tmp_path: Path, capsys) -> None:
    db = tmp_path / "l.duckdb"
    published = tmp_path / "published"
    published.mkdir()
    article(published, "a.txt", "2021-12-20", 6016)
    run(capsys, "ingest", str(published), "--ledger", str(db))
    draft = article(tmp_path, "draft.txt", "2022-01-05", 6106)
    code, out = run(capsys, "check", str(draft), "--ledger", str(db), "--format", "json")
    findings = [f for f in json.loads(out)["findings"] if f["rule"] == "cross.conflict"]
    assert code == 1 and len(findings) == 1
    paths = [loc["path"] for loc in findings[0]["locations"]]
    assert paths[0] == str(draft) and paths[1].endswith("a.txt")
    assert all(loc["snippet"] for loc in findings[0]["locations"])
    # the draft ingested into the ledger is not compared with itself
    run(capsys, "ingest", str(draft), "--ledger", str(db))
    code, out = run(capsys, "check", str(published / "a.txt"), "--ledger", str(db), "--format", "json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["cross.conflict"]


def test_articles_of_one_run_are_compared(tmp_path: Path, capsys) -> None:
    article(tmp_path, "a.txt", "2021-12-20", 6016)
    article(tmp_path, "b.txt", "2022-01-05", 6106)
    code, out = run(capsys, "check", str(tmp_path), "--format", "json", "--no-ledger")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == 1 and rules == ["cross.conflict"]


def test_an_undated_drafts_own_years_are_never_another_drafts(tmp_path: Path, capsys) -> None:
    """过去一年 in two undated drafts: each is compared within itself, neither with the other."""
    for name, n in (("a.txt", 6016), ("b.txt", 6106)):
        (tmp_path / name).write_text(f"河南省总工会工作综述\n过去一年，全省新建工会{n}家。\n", encoding="utf-8")
    code, out = run(capsys, "check", str(tmp_path), "--format", "json", "--no-ledger")
    assert code == 0 and json.loads(out)["findings"] == []
    (tmp_path / "b.txt").write_text("河南省总工会工作综述\n过去一年，全省新建工会6106家。\n过去一年，全省"
                                    "各级工会扎实推进建会入会，新建工会6016家。\n", encoding="utf-8")
    code, out = run(capsys, "check", str(tmp_path), "--format", "json", "--no-ledger")
    assert [(f["rule"], f["locations"][0]["path"]) for f in json.loads(out)["findings"]] \
        == [("repeat.conflict", str(tmp_path / "b.txt"))]


def test_a_killed_ingest_leaves_only_whole_documents(tmp_path: Path) -> None:
    """Kill an ingest midway: reopened, the ledger holds every committed document whole and none
    half-written (each document's figure rows match the count written with it)."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(600):
        article(archive, f"{i:04d}.txt", "2021-12-20", 6000 + i, total=1000 + i)
    db = tmp_path / "l.duckdb"
    script = textwrap.dedent(f"""
        import sys
        import checker.cli.ledger_cmd as cmd
        from checker.ledger import store
        cmd._BATCH = 25  # small batches: many commits before the kill
        write = store.Ledger.write
        def reporting_write(self, entries):
            write(self, entries)
            print("committed", len(entries), flush=True)
        store.Ledger.write = reporting_write
        from checker.cli import main
        main(["ingest", {str(archive)!r}, "--ledger", {str(db)!r}])
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    commits = 0
    for line in proc.stdout:  # kill it after a few batches, in the middle of the run
        commits += line.startswith("committed")
        if commits >= 4:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    docs, declared, rows = counts(db)
    if docs == 600:
        pytest.skip("the ingest finished before it could be killed")
    assert 0 < docs < 600
    assert declared == rows  # no document with part of its figures
    con = duckdb.connect(str(db), read_only=True)
    orphans = con.execute("SELECT count(*) FROM figures WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    con.close()
    assert orphans == 0


def test_two_files_with_one_text_are_one_document(tmp_path: Path, capsys) -> None:
    db = tmp_path / "l.duckdb"
    article(tmp_path, "a.txt", "2021-12-20", 6016)
    (tmp_path / "copy.txt").write_text((tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "ingest", str(tmp_path), "--ledger", str(db))[0] == 0
    docs, declared, rows = counts(db)
    assert docs == 1 and declared == rows > 0


def bounds_and_truth(db: Path) -> tuple[set, set]:
    """The ledger's key_bounds, and the same bounds worked out from its figures."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        kept = set(con.execute("SELECT key, max_lo, min_hi FROM key_bounds").fetchall())
        truth = set(con.execute("SELECT key, max(r_lo), min(r_hi) FROM figures "
                                "WHERE key IS NOT NULL GROUP BY key").fetchall())
        return kept, truth
    finally:
        con.close()


def test_key_bounds_follow_every_write(tmp_path: Path, capsys) -> None:
    """key_bounds, which the conflict search starts from, equals the bounds of the figures after
    new articles, re-ingests, a changed text (its old rows' bounds taken back) and a removal of
    a key's last figure."""
    db = tmp_path / "l.duckdb"
    a = article(tmp_path, "a.txt", "2021-12-20", 6016, total=1000)
    article(tmp_path, "b.txt", "2022-01-05", 6106, total=900)
    run(capsys, "ingest", str(tmp_path), "--ledger", str(db))
    kept, truth = bounds_and_truth(db)
    assert kept == truth and len(kept) >= 2
    assert json.loads(run(capsys, "ledger", "conflicts", "--ledger", str(db),
                          "--format", "json")[1])["conflicts"]
    # a's 2021 count now agrees with b's: the bound 6016 must go, and the conflict with it
    a.write_text(a.read_text(encoding="utf-8").replace("6016", "6106"), encoding="utf-8")
    run(capsys, "ingest", str(a), "--ledger", str(db))
    kept, truth = bounds_and_truth(db)
    assert kept == truth
    assert not json.loads(run(capsys, "ledger", "conflicts", "--ledger", str(db),
                              "--format", "json")[1])["conflicts"]
    # a text without the running total: its key keeps only b's figure
    a.write_text(a.read_text(encoding="utf-8").replace("截至目前，全省累计建成户外劳动者驿站1000家。", ""),
                 encoding="utf-8")
    run(capsys, "ingest", str(a), "--ledger", str(db))
    kept, truth = bounds_and_truth(db)
    assert kept == truth


def test_a_ledger_from_before_key_bounds(tmp_path: Path, capsys) -> None:
    """A ledger written before key_bounds existed: read-only, the conflicts come from the figures
    alone; opened for writing, key_bounds is built from them; both find the same pairs."""
    db = tmp_path / "l.duckdb"
    article(tmp_path, "a.txt", "2021-12-20", 6016)
    article(tmp_path, "b.txt", "2022-01-05", 6106)
    run(capsys, "ingest", str(tmp_path), "--ledger", str(db))
    from checker.ledger.store import Ledger

    with Ledger(db, read_only=True) as current:
        expected = current.conflicts()
    assert expected
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE key_bounds")
    con.close()

    def pairs(rows: list[dict]) -> set:
        return {tuple(sorted(r.items())) for r in rows}

    with Ledger(db, read_only=True) as old:
        assert not old.bounded and pairs(old.conflicts()) == pairs(expected)
    with Ledger(db) as reopened:
        assert reopened.bounded and pairs(reopened.conflicts()) == pairs(expected)
    kept, truth = bounds_and_truth(db)
    assert kept == truth


def test_building_key_bounds_is_all_or_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    """If building key_bounds for an old ledger fails midway (here: its INSERT), no empty table
    is left behind to hide conflicts: the next open for writing builds it whole."""
    db = tmp_path / "l.duckdb"
    article(tmp_path, "a.txt", "2021-12-20", 6016)
    article(tmp_path, "b.txt", "2022-01-05", 6106)
    run(capsys, "ingest", str(tmp_path), "--ledger", str(db))
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE key_bounds")
    con.close()
    from checker.ledger import store

    good = store._BOUNDS_OF
    monkeypatch.setattr(store, "_BOUNDS_OF", "SELECT no_such_column FROM {source} {where}")
    with pytest.raises(duckdb.Error):
        store.Ledger(db)
    import gc

    gc.collect()  # the failed connection goes, and its open transaction with it
    with store.Ledger(db, read_only=True) as old:
        assert not old.bounded  # not an empty key_bounds
    monkeypatch.setattr(store, "_BOUNDS_OF", good)
    with store.Ledger(db) as reopened:
        assert reopened.bounded and reopened.conflicts()
    kept, truth = bounds_and_truth(db)
    assert kept == truth


def test_key_bounds_written_around_are_not_trusted(tmp_path: Path, capsys) -> None:
    """Rows written by something that does not keep key_bounds (an older figcheck) make the
    bounds stale: the conflicts they bring are still found, and the next open for writing builds
    the bounds again."""
    db = tmp_path / "l.duckdb"
    article(tmp_path, "a.txt", "2021-12-20", 6016)
    run(capsys, "ingest", str(tmp_path), "--ledger", str(db))
    con = duckdb.connect(str(db))  # another article's figure, written around the bounds
    con.execute("INSERT INTO figures SELECT * REPLACE ('other' AS doc_id, 'other.txt' AS path, "
                "6106.0 AS value, 6106.0 AS r_lo, 6106.0 AS r_hi, '6106家' AS text) "
                "FROM figures WHERE text = '6016家'")
    con.close()
    from checker.ledger.store import Ledger

    with Ledger(db, read_only=True) as stale:
        assert not stale.bounded
        assert {(r["a_text"], r["b_text"]) for r in stale.conflicts()} in (
            {("6016家", "6106家")}, {("6106家", "6016家")})
    with Ledger(db) as rebuilt:
        assert rebuilt.bounded and len(rebuilt.conflicts()) == 1
    kept, truth = bounds_and_truth(db)
    assert kept == truth


# -- two processes on one ledger ---------------------------------------------------------------

_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextmanager
def _held(db: Path, seconds: float):
    """Another process with the ledger open for writing, as a running ingest has it, for at
    most ``seconds`` (ended when the block ends, if it has not let go by then)."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def _ledger_with_one_article(tmp_path: Path, capsys) -> Path:
    db = tmp_path / "l.duckdb"
    published = tmp_path / "published"
    published.mkdir()
    article(published, "a.txt", "2021-12-20", 6016)
    assert main(["ingest", str(published), "--ledger", str(db)]) == 0
    capsys.readouterr()
    return db


def test_a_check_while_another_process_writes_still_reports(tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    db = _ledger_with_one_article(tmp_path, capsys)
    monkeypatch.setenv("FIGCHECK_LEDGER_READ_WAIT", "0.5")
    draft = tmp_path / "draft.txt"
    draft.write_text("受理调解案件117件，调解成功率81.3%。\n", encoding="utf-8")
    with _held(db, 30) as holder:
        code = main(["check", str(draft), "--ledger", str(db)])
    captured = capsys.readouterr()
    assert code == 0  # the draft's own warning is reported; the exit is as without a ledger
    assert "granularity.grim" in captured.out and "正被另一个进程写入，本次未与账本比对" in captured.out
    busy = [line for line in captured.err.splitlines() if "locked by another process" in line]
    assert len(busy) == 1 and f"PID {holder.pid}" in busy[0]


def test_a_second_writer_waits_a_bounded_time_then_names_the_lock(tmp_path: Path, capsys,
                                                                  monkeypatch) -> None:
    db = _ledger_with_one_article(tmp_path, capsys)
    other = article(tmp_path, "b.txt", "2022-01-05", 6106)
    monkeypatch.setenv("FIGCHECK_LEDGER_WAIT", "0.6")
    with _held(db, 30) as holder:
        code = main(["ingest", str(other), "--ledger", str(db)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert "waiting up to 0.6 s" in err[0]
    assert err[-1].startswith("figcheck: error:") and f"PID {holder.pid}" in err[-1]
    assert counts(db)[0] == 1  # nothing half-written


def test_a_second_writer_goes_on_once_the_first_is_done(tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    db = _ledger_with_one_article(tmp_path, capsys)
    other = article(tmp_path, "b.txt", "2022-01-05", 6106)
    monkeypatch.setenv("FIGCHECK_LEDGER_WAIT", "60")
    with _held(db, 1.5):
        code = main(["ingest", str(other), "--ledger", str(db)])
    assert code == 0 and "waiting up to 60 s" in capsys.readouterr().err
    assert counts(db)[0] == 2
