"""`figcheck check --format F [--output FILE]`: every format on stdout or in a file, the same exit
statuses for all of them, the HTML report's default place, and when a progress bar may show."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.cli.check_cmd import PROGRESS_MIN_FILES, show_progress
from checker.config import FORMATS
from cli_drafts import CLEAN, ERROR, INFO_ONLY, WARNING_ONLY, draft, one_line, run


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the HTML report's default folder, reports/, is made here
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def _format_args(fmt: str, tmp_path: Path) -> list[str]:
    # an HTML report always goes to a file; the others to stdout unless --output says otherwise
    return ["--format", fmt] + (["--output", str(tmp_path / "r.html")] if fmt == "html" else [])


# docx is no report but a commented copy of a Word draft: its exit statuses are tested on .docx
# drafts in tests/report/test_report_docx.py
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "docx"])
@pytest.mark.parametrize("text, options, code", [
    (CLEAN, [], 0),
    (ERROR, [], 1),
    (WARNING_ONLY, [], 0),
    (WARNING_ONLY, ["--fail-on", "warning"], 1),
    (INFO_ONLY, ["--fail-on", "warning"], 0),
    (INFO_ONLY, ["--fail-on", "info"], 1),
    (ERROR, ["--fail-on", "never"], 0),
])
def test_exit_status_is_the_same_for_every_format(tmp_path, capsys, fmt, text, options, code) -> None:
    r = run(capsys, "check", draft(tmp_path, "d.txt", text), *_format_args(fmt, tmp_path), *options)
    assert r.code == code, (r.out, r.err)


@pytest.mark.parametrize("fmt", FORMATS)
def test_usage_and_input_errors_are_2_for_every_format(tmp_path, capsys, fmt) -> None:
    good = draft(tmp_path, "d.txt", CLEAN)
    r = run(capsys, "check", good, "--select", "nope", *_format_args(fmt, tmp_path))
    assert r.code == 2 and "nope" in one_line(r.err)
    r = run(capsys, "check", good, str(tmp_path / "missing.txt"), *_format_args(fmt, tmp_path))
    assert r.code == 2 and "missing.txt" in r.err.splitlines()[0]
    (tmp_path / "figcheck.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    r = run(capsys, "check", good, *_format_args(fmt, tmp_path))
    assert r.code == 2 and "fail-on" in one_line(r.err)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_output_file_for_every_format(tmp_path, capsys, fmt) -> None:
    path = draft(tmp_path, "d.txt", ERROR)
    target = tmp_path / "out" / f"report.{fmt}"
    r = run(capsys, "check", path, "--format", fmt, "--output", str(target))
    assert r.code == 1 and r.out == "" and r.err == ""
    content = target.read_text(encoding="utf-8")
    assert "range.rate" in content
    r2 = run(capsys, "check", path, "--format", fmt)  # the same report on stdout
    if fmt != "sarif":  # (SARIF holds the working directory's URI: the same here too)
        assert r2.out == content
    parse = {"json": json.loads, "sarif": json.loads, "junit": ET.fromstring,
             "github": str.splitlines, "text": str.splitlines}[fmt]
    assert parse(content.split("\n", 1)[1] if fmt == "junit" else content)


def test_html_goes_to_reports_by_default(tmp_path, capsys) -> None:
    r = run(capsys, "check", draft(tmp_path, "d.txt", ERROR), "--format", "html")
    assert r.code == 1 and r.out == ""
    (written,) = (tmp_path / "reports").glob("figcheck-*.html")
    assert r.err == f"figcheck: 报告已写入 (report written to) {Path('reports') / written.name}\n"
    assert "range.rate" in written.read_text(encoding="utf-8")


def test_html_output_file(tmp_path, capsys) -> None:
    target = tmp_path / "site" / "figcheck.html"
    r = run(capsys, "check", draft(tmp_path, "d.txt", CLEAN), "--format", "html", "-o", str(target))
    assert r.code == 0 and str(target) in r.err and target.exists()


def test_unwritable_output_is_a_usage_error(tmp_path, capsys) -> None:
    (tmp_path / "taken").mkdir()
    r = run(capsys, "check", draft(tmp_path, "d.txt", CLEAN), "--format", "json",
            "--output", str(tmp_path / "taken"))
    assert r.code == 2 and "taken" in one_line(r.err)


# -- the progress bar --------------------------------------------------------------------------

class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_progress_only_on_a_terminal_and_never_in_ci(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    many = PROGRESS_MIN_FILES + 10
    assert show_progress(many, _Stream(tty=True))
    assert not show_progress(many, _Stream(tty=False))  # a log file, a pipe
    assert not show_progress(PROGRESS_MIN_FILES - 1, _Stream(tty=True))
    monkeypatch.setenv("CI", "true")
    assert not show_progress(many, _Stream(tty=True))


def test_no_progress_output_when_not_a_terminal(tmp_path, capsys) -> None:
    paths = [draft(tmp_path, f"d{i}.txt", CLEAN) for i in range(PROGRESS_MIN_FILES + 2)]
    r = run(capsys, "check", *paths, "--format", "json")
    assert r.code == 0 and r.err == ""
    assert len(json.loads(r.out)["documents"]) == len(paths)
