"""`figcheck extract`: every figure with its interval and meaning, as JSON (the contract), CSV
and a table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from checker.extract.figure import FIELD_NAMES
from checker.source import read_document
from cli_drafts import draft, one_line, run

# the interval semantics of DESIGN.md: 余 [4900, 5000), 近 below, 超 above
TEXT = "今年全市新建工会组织618个，新发展会员4900余户、近1万人，服务职工超3000万人次，建制率达92.1%。\n"
CONTRACT = {"path", "start", "end", "text", "kind", "value", "lo", "hi", "unit", "metric", "scope",
            "period"}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def _figures(capsys, *argv: str) -> list[dict]:
    r = run(capsys, "extract", "--format", "json", *argv)
    assert r.code == 0, r.err
    payload = json.loads(r.out)
    assert payload["version"] == 4
    return payload["figures"]


def test_json_follows_the_contract(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", TEXT)
    figures = _figures(capsys, path)
    text = read_document(path).text
    assert [f["text"] for f in figures] == ["618个", "4900余户", "近1万人", "超3000万人次", "92.1%"]
    for f in figures:
        assert CONTRACT <= set(f)
        assert f["path"] == path and text[f["start"]:f["end"]] == f["text"]
    by_text = {f["text"]: f for f in figures}
    assert (by_text["618个"]["value"], by_text["618个"]["unit"], by_text["618个"]["kind"]) == (618, "个", "count")
    assert (by_text["4900余户"]["lo"], by_text["4900余户"]["hi"]) == (4900, 5000)
    assert (by_text["近1万人"]["lo"], by_text["近1万人"]["hi"]) == (None, 10000)
    assert (by_text["超3000万人次"]["lo"], by_text["超3000万人次"]["hi"]) == (30_000_000, None)
    assert (by_text["92.1%"]["kind"], by_text["92.1%"]["value"]) == ("percent", 92.1)
    assert by_text["618个"]["metric"] == "新建工会组织" and by_text["618个"]["scope"] == "全市"  # the city is not named: known within the draft only


def test_date_resolves_relative_periods(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", TEXT)
    assert _figures(capsys, path)[0]["period"] == "@Y"  # this year of an undated draft: its own
    assert _figures(capsys, "--date", "2021-12-20", path)[0]["period"] == "2021"


def test_offsets_are_into_the_original_text(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", "标题\r\n全市新建工会组织６１８个。\r\n", encoding="gb18030")
    (f,) = [f for f in _figures(capsys, path) if f["kind"] == "count"]
    assert f["text"] == "６１８个" and f["value"] == 618
    assert read_document(path).text[f["start"]:f["end"]] == "６１８个"
    assert (f["line"], f["column"]) == (2, 9)


def test_csv(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", TEXT)
    r = run(capsys, "extract", "--format", "csv", path)
    assert r.code == 0
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert tuple(rows[0]) == FIELD_NAMES
    assert [row["text"] for row in rows] == [f["text"] for f in _figures(capsys, path)]
    assert rows[1]["lo"] == "4900" and rows[1]["hi"] == "5000" and rows[2]["lo"] == ""


def test_text_table(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, "draft.txt", TEXT)
    r = run(capsys, "extract", path)
    assert r.code == 0
    assert f"{path}  (5)" in r.out
    for word in ("原文", "指标", "4900余户", "[4,900, 5,000)", "< 10,000", "> 30,000,000", "新建工会组织"):
        assert word in r.out, word
    english = run(capsys, "extract", "--lang", "en", path).out
    assert "metric" in english and "指标" not in english


def test_several_files_and_a_missing_one(tmp_path: Path, capsys) -> None:
    a = draft(tmp_path, "a.txt", TEXT)
    b = draft(tmp_path, "b.txt", "全市新建工会35家。\n")
    missing = str(tmp_path / "missing.txt")
    r = run(capsys, "extract", "--format", "json", a, missing, b)
    assert r.code == 2
    assert missing in one_line(r.err)
    paths = [f["path"] for f in json.loads(r.out)["figures"]]
    assert paths == [a] * 5 + [b]


def test_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "extract", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--format", "--date", "--lang", "PATH"):
        assert option in out


def test_bad_format(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "extract", "--format", "xml", draft(tmp_path, "a.txt", TEXT))
    assert exit_.value.code == 2
    assert "xml" in one_line(capsys.readouterr().err)
