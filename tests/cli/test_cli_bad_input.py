"""Every bad input answered clearly: one line on stderr and exit 2 (or, for a draft figcheck
itself fails on, exit 3 naming that draft while the others are still reported), never a
traceback, never a hang, never a lost report."""

from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from cli_drafts import CLEAN, ERROR, WARNING_ONLY, draft, run

RULE = """rules:
  - id: local.rate
    kind: range
    severity: error
    params: {subject: rate, max: 100}
    message:
      zh: "%s"
      en: "{metric} is {value}"
"""


def _one_error_line(err: str, *words: str) -> None:
    lines = [line for line in err.splitlines() if line.startswith("figcheck:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err and all(w in lines[0] for w in words), err


# -- what is not a draft -----------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(12))
def test_random_bytes_are_not_text_whatever_the_charset_guess(tmp_path: Path, capsys, seed: int) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(seed).randbytes(32 + seed * 97))
    r = run(capsys, "check", str(path))
    assert r.code == 2
    _one_error_line(r.err, "noise.txt", "不是文本文件 (not a text file)")


def test_an_archive_renamed_txt_is_not_text(tmp_path: Path, capsys) -> None:
    path = tmp_path / "draft.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", ERROR * 50)
    r = run(capsys, "check", str(path))
    assert r.code == 2
    _one_error_line(r.err, "draft.txt", "不是文本文件")


@pytest.mark.parametrize("text", ["", "   \n\u3000\n\t"])
def test_an_empty_or_blank_draft_is_checked_with_a_note(tmp_path: Path, capsys, text: str) -> None:
    r = run(capsys, "check", draft(tmp_path, "blank.txt", text))
    assert r.code == 0 and r.err == ""
    assert "稿件为空" in r.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_files_in_a_folder_are_named_and_never_hang(tmp_path: Path, capsys) -> None:
    draft(tmp_path, "good.txt", ERROR)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "device.txt").symlink_to("/dev/zero")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop.txt")
    r = run(capsys, "check", str(tmp_path))
    assert r.code == 2
    refused = [line for line in r.err.splitlines() if line.startswith("figcheck: error:")]
    assert sorted(Path(line.split()[2].rstrip(":")).name for line in refused) == [
        "device.txt", "loop.txt", "loop2.txt", "pipe.txt"]
    assert "102.1%" in r.out  # the good draft is still checked


def test_a_huge_max_bytes_is_a_limit_not_an_allocation(tmp_path: Path, capsys) -> None:
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), "--max-bytes", "9" * 30)
    assert r.code == 1 and "102.1%" in r.out


# -- configuration and rule files ---------------------------------------------------------------

def test_a_deeply_nested_configuration(tmp_path: Path, capsys) -> None:
    config = tmp_path / "figcheck.toml"
    config.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    r = run(capsys, "check", draft(tmp_path, "a.txt", CLEAN), "--config", str(config))
    assert r.code == 2
    _one_error_line(r.err, "figcheck.toml", "嵌套过深")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_configuration_that_is_a_pipe_is_refused(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "figcheck.toml")
    r = run(capsys, "check", draft(tmp_path, "a.txt", CLEAN), "--config", str(tmp_path / "figcheck.toml"))
    assert r.code == 2
    _one_error_line(r.err, "figcheck.toml")


@pytest.mark.parametrize("template, words", [
    ("{value.__class__.__mro__}", "占位符只能是名称"),
    ("{value:>999999999999}", "占位符只能是名称"),
    ("{value!r}", "占位符只能是名称"),
    ("{0}{}", "占位符只能是名称"),
    ("{metric", "格式错误"),
    ("{nope}", "未知占位符 (unknown placeholder) {nope}"),
])
def test_message_templates_name_only_the_documented_placeholders(tmp_path: Path, capsys, template: str,
                                                                 words: str) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text(RULE % template, encoding="utf-8")
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), "--rules", str(rules))
    assert r.code == 2
    _one_error_line(r.err, "local.yaml", words)


def test_a_template_of_known_placeholders_is_used(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text(RULE % "{metric}达{value}，见{text0}", encoding="utf-8")
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), "--rules", str(rules))
    assert r.code == 1 and "建制率达102.1%，见102.1%" in r.out


# -- the ledger ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "ingest"])
def test_a_ledger_path_under_a_file(tmp_path: Path, capsys, command: str) -> None:
    path = draft(tmp_path, "a.txt", CLEAN)
    r = run(capsys, command, path, "--ledger", str(Path(path) / "ledger.duckdb"))
    assert r.code == 2
    _one_error_line(r.err, "ledger.duckdb")


@pytest.mark.parametrize("spoil", ["truncate", "garbage"])
def test_a_spoiled_ledger(tmp_path: Path, capsys, spoil: str) -> None:
    ledger = tmp_path / "ledger.duckdb"
    assert run(capsys, "ingest", draft(tmp_path, "old.txt", ERROR), "--ledger", str(ledger)).code == 0
    data = ledger.read_bytes()
    ledger.write_bytes(data[:12_000] if spoil == "truncate" else random.Random(1).randbytes(len(data)))
    r = run(capsys, "check", draft(tmp_path, "new.txt", CLEAN), "--ledger", str(ledger))
    assert r.code == 2
    _one_error_line(r.err, "ledger.duckdb", "无法打开账本")


# -- a draft figcheck fails on costs that draft alone -------------------------------------------

def _bug_on(monkeypatch, marker: str) -> None:
    import checker.check
    import checker.extract

    real = checker.extract.read_figures

    def read(doc):
        if marker in doc.text:
            raise ZeroDivisionError("planted")
        return real(doc)

    monkeypatch.setattr(checker.check, "read_figures", read)
    monkeypatch.setattr(checker.extract, "read_figures", read)
    monkeypatch.delenv("FIGCHECK_DEBUG", raising=False)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_one_bad_draft_never_silences_the_others(tmp_path: Path, capsys, monkeypatch, fmt: str) -> None:
    _bug_on(monkeypatch, "坏稿")
    draft(tmp_path, "a.txt", ERROR)
    draft(tmp_path, "b.txt", "坏稿。" + CLEAN)
    draft(tmp_path, "c.txt", ERROR.replace("102.1%", "103.5%"))
    r = run(capsys, "check", str(tmp_path), "--format", fmt)
    assert r.code == 3
    _one_error_line(r.err, "b.txt", "ZeroDivisionError: planted")
    assert "102.1%" in r.out and "103.5%" in r.out  # a's and c's reports


def test_an_ingest_keeps_every_document_but_the_bad_one(tmp_path: Path, capsys, monkeypatch) -> None:
    import duckdb

    _bug_on(monkeypatch, "坏稿")
    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c"):
        draft(tmp_path / "in", f"{name}.txt", ("坏稿。" if name == "b" else "") + ERROR + name * 3)
    ledger = tmp_path / "ledger.duckdb"
    r = run(capsys, "ingest", str(tmp_path / "in"), "--ledger", str(ledger))
    assert r.code == 3
    _one_error_line(r.err, "b.txt", "未收录")
    with duckdb.connect(str(ledger), read_only=True) as con:
        paths = sorted(Path(p).name for (p,) in con.execute("SELECT path FROM documents").fetchall())
    assert paths == ["a.txt", "c.txt"]


@contextmanager
def _unwritable(folder: Path):
    """A folder no process may create files in: immutable (chattr +i) where the file system
    and privileges allow it, which holds for root too; else read-only for a non-root user."""
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True) \
        if shutil.which("chattr") else None
    if done is not None and done.returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        return
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere and chattr +i is not available here")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_read_only_ledger_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with _unwritable(folder):
        r = run(capsys, "ingest", draft(tmp_path, "a.txt", CLEAN), "--ledger", str(folder / "l.duckdb"))
    assert r.code == 2
    _one_error_line(r.err, "l.duckdb")


def test_a_ledger_in_a_folder_that_refuses_its_write_ahead_log(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    ledger = folder / "l.duckdb"
    assert run(capsys, "ingest", draft(tmp_path, "a.txt", CLEAN), "--ledger", str(ledger)).code == 0
    with _unwritable(folder):
        r = run(capsys, "ingest", draft(tmp_path, "b.txt", WARNING_ONLY), "--ledger", str(ledger))
        assert r.code == 2
        _one_error_line(r.err, "无法写入账本")
        # the ledger still reads, and holds what it held: nothing of the refused batch
        r = run(capsys, "check", draft(tmp_path, "c.txt", CLEAN), "--ledger", str(ledger))
        assert r.code == 0 and "（1 篇）比对" in r.out


def test_a_run_where_every_input_was_refused_says_nothing_was_checked(tmp_path: Path, capsys) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(500))
    r = run(capsys, "check", str(path))
    assert r.code == 2
    assert "没有发现问题" not in r.out and "没有可检查的稿件：1 个文件无法读取" in r.out


def test_the_summary_counts_the_refused_files(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the text report folds long lines to the terminal
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(500))
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), str(path), "--lang", "en")
    assert r.code == 2
    assert "Checked 1 draft, " in r.out and "1 file could not be read" in r.out


def test_an_alias_bomb_in_a_rule_file_is_refused_at_once(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    lines = [RULE % "{metric}", "    examples:", '      pass: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"      p{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (rules / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), "--rules", str(rules))
    assert r.code == 2
    _one_error_line(r.err, "bomb.yaml", "aliases are not allowed")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_rule_file_that_is_a_pipe_is_refused(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    os.mkfifo(rules / "local.yaml")
    r = run(capsys, "check", draft(tmp_path, "a.txt", ERROR), "--rules", str(rules))
    assert r.code == 2
    _one_error_line(r.err, "local.yaml", "不是普通文件")


@pytest.mark.parametrize("text, encoding", [("今天是星期二，", "gb18030"), ("全市新建工会120家。", "gb18030"),
                                            ("2月29日，0年", "gb18030"),
                                            ("全市新建工會120家，會員增長", "big5")])
def test_a_short_chinese_draft_guessed_to_be_korean_is_read(tmp_path: Path, capsys, text: str,
                                                           encoding: str) -> None:
    # found by the long fuzz run: charset detection calls 今天是星期二 in GB18030 cp949
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    r = run(capsys, "check", str(path))
    assert r.code == 0 and r.err == ""


def test_a_rate_beyond_a_float_with_its_counts(tmp_path: Path, capsys) -> None:
    # found by the long fuzz run: 10^309 % is infinite as a float, and GRIM rounded it
    r = run(capsys, "check", draft(tmp_path, "a.txt", "受理投诉1件，办结1件，办结率1" + "0" * 309 + "%。"),
            "--date", "2024-03-01")
    assert r.code == 1 and "Traceback" not in r.err and "internal error" not in r.err
