"""The terminal report as an editor reads it: in a real pseudo-terminal at 80 and 140 columns
(broken to the width, continuation lines indented, never inside a figure) and piped (never
hard-wrapped); one snippet a sentence with every figure marked; a clean draft in one line;
--quiet and --format concise."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from checker.cli import main
from checker.report import layout

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
FIGCHECK = [sys.executable, "-c", "from checker.cli import entry; entry()"]


def _in_terminal(args: list[str], columns: int) -> list[str]:
    """figcheck's standard output as a terminal of ``columns`` shows it, colours stripped."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "COLUMNS", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([*FIGCHECK, *args], stdout=slave, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=120) in (0, 1)
    return _ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r", "").splitlines()


def _piped(args: list[str]) -> list[str]:
    done = subprocess.run([*FIGCHECK, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "80"}, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def seed_findings() -> list[dict]:
    done = subprocess.run([*FIGCHECK, "check", "seeds", "--format", "json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    return json.loads(done.stdout)["findings"]


def _figures(findings: list[dict]) -> set[str]:
    """Every figure a finding locates, as the report shows it (one line), and the numbers of
    its message with their units (172 个)."""
    out = {" ".join(loc["text"].split()) for f in findings for loc in f["locations"]}
    out |= {f["message"][s:e].strip() for f in findings for s, e in layout.numbers_in(f["message"])}
    return {text for text in out if len(text) > 1}


@pytest.mark.parametrize("columns", [80, 140])
def test_a_terminal_report_fits_its_width_and_never_splits_a_figure(columns, seed_findings):
    lines = _in_terminal(["check", "seeds"], columns)
    body = [line for line in lines if line.strip()]
    assert any("repeat.conflict" in line for line in body)
    assert all(cell_len(line) <= columns for line in body), max(body, key=cell_len)
    # every figure of a finding reads whole on one line (a figure split over two is not)
    for figure in _figures(seed_findings):
        shown = [line for line in body if figure in line]
        joined = "".join(line.strip() for line in body)
        if figure in joined:
            assert shown, f"{figure!r} is split over lines at {columns} columns"
    # a continuation is indented under its item: only draft lines and the closing lines start
    # at column 0
    for line in body:
        if not line.startswith(" "):
            assert line.startswith(("seeds/", "ℹ", "跨稿件", "共检查")), line


def test_at_80_columns_long_items_wrap_with_a_hanging_indent():
    lines = _in_terminal(["check", "seeds"], 80)
    at = next(i for i, line in enumerate(lines) if "[repeat.conflict]" in line)
    assert lines[at].startswith("  错误 ")
    assert lines[at + 1].startswith("    ") and not lines[at + 1].startswith("    seeds/")


def test_piped_output_is_never_hard_wrapped(seed_findings):
    lines = _piped(["check", "seeds"])
    # each item is one line however long: none starts a figure's second half
    for line in lines:
        if line.strip():
            assert line.startswith(("seeds/", "  错误 ", "  警告 ", "  提示 ", "    seeds/", "ℹ",
                                    "跨稿件", "共检查")), line
    assert max(cell_len(line) for line in lines) > 80
    for figure in _figures(seed_findings):
        assert any(figure in line for line in lines), figure


def test_a_clean_draft_is_one_line():
    lines = _piped(["check", "seeds/001_d8d44239551427c6.txt"])
    assert len([line for line in lines if line.startswith("seeds/")]) == 1
    head = next(line for line in lines if line.startswith("seeds/"))
    assert "✓ 未发现问题" in head and "日期未知" in head
    # the note is explained once at the end, not under the draft
    assert lines[1].startswith("ℹ 发布日期未知（1 篇）")


def test_one_snippet_a_sentence_with_every_figure_marked(tmp_path):
    draft = tmp_path / "grim.txt"
    draft.write_text("受理调解案件117件，调解成功率81.3%，帮32名农民工追回210万元欠薪。\n", encoding="utf-8")
    lines = _piped(["check", str(draft)])
    quoted = [line for line in lines if line.startswith("    ")]
    assert len(quoted) == 1  # the rate and its base are in one sentence: quoted once
    assert "117件" in quoted[0] and "81.3%" in quoted[0]


def test_a_weekday_finding_locates_the_date_and_the_weekday(tmp_path):
    draft = tmp_path / "weekday.txt"
    draft.write_text("本报讯 2021年12月20日（星期五），全市职工代表大会召开。\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["check", str(draft), "--format", "json", "--output", str(out)]) == 1
    finding = next(f for f in json.loads(out.read_text("utf-8"))["findings"]
                   if f["rule"] == "date.weekday")
    assert [loc["text"] for loc in finding["locations"]] == ["2021年12月20日", "星期五"]
    weekday = finding["locations"][1]
    assert draft.read_text("utf-8")[weekday["start"]:weekday["end"]] == "星期五"
    assert weekday["column"] == weekday["start"] + 1


def test_a_long_sentence_is_cut_at_clauses_with_an_ellipsis(tmp_path):
    clause = "各级工会开展职工技能培训和岗位练兵活动"
    draft = tmp_path / "long.txt"
    draft.write_text(f"{clause}，{clause}，{clause}，受理调解案件117件，调解成功率81.3%，"
                     f"{clause}，{clause}，{clause}。\n", encoding="utf-8")
    lines = _piped(["check", str(draft)])
    quoted = next(line for line in lines if "81.3%" in line and line.startswith("    "))
    snippet = quoted.split("  ", 3)[-1]
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "受理调解案件117件，调解成功率81.3%，" in snippet
    # cut at a clause boundary: what is quoted starts and ends with whole clauses
    assert snippet[1:].startswith(clause) and snippet[:-1].endswith("，")


def test_quiet_prints_findings_and_the_summary_only():
    lines = [line for line in _piped(["check", "seeds", "--quiet"]) if line.strip()]
    assert not any("✓" in line for line in lines)  # no clean drafts
    assert not any(line.startswith(("ℹ", "跨稿件")) for line in lines)
    assert lines[-1].startswith("共检查 5 篇稿件")
    assert sum("[repeat.conflict]" in line for line in lines) == 1


def test_concise_is_one_line_a_finding(seed_findings):
    lines = _piped(["check", "seeds", "--format", "concise", "--lang", "en"])
    assert len(lines) == len(seed_findings)
    shape = re.compile(r"^seeds/\S+\.txt:\d+:\d+: (error|warning|info) [a-z]+\.[a-z.-]+ \S")
    assert all(shape.match(line) for line in lines), lines
    first = seed_findings[0]["locations"][0]
    assert f"{first['line']}:{first['column']}:" in lines[0]


# -- the line breaker ---------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("工会组织建立了个乡镇，。（）“”172.5%abc ")), max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, width=st.integers(13, 60), data=st.data())
def test_wrap_keeps_kept_spans_whole_and_lines_within_width(text, width, data):
    keep = []
    if text:
        a = data.draw(st.integers(0, len(text) - 1))
        b = data.draw(st.integers(a, min(len(text), a + 6)))
        keep = [(a, b)]
    indent = 4
    spans = layout.wrap(text, width, indent, keep)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for n, (s, e) in enumerate(spans):  # a piece wider than a line is folded, never overflows
        assert cell_len(text[s:e]) <= width - (indent if n else 0)
    ok = layout.breaks(text, keep)
    for (_, e), (s, _) in zip(spans, spans[1:]):
        assert text[e:s].strip() == ""  # only spaces are dropped at a break
        for a, b in keep:
            # the unbreakable piece holding the kept span: split only when wider than a line
            p, q = a, max(b, a + 1)
            while p > 0 and not ok[p]:
                p -= 1
            while q < len(text) and not ok[q]:
                q += 1
            split = text[a:e].strip() and text[max(a, s):b].strip() and a < e and s < b
            if cell_len(text[p:q]) <= width - indent:
                assert not split, (text, spans, keep)


def test_wrap_follows_chinese_line_breaking_rules():
    text = "全市172个乡镇（街道）全部建立了职工维权服务站，各级工会累计开展信访接待3.7万次。"
    for width in range(14, 40):
        spans = layout.wrap(text, width, 2)
        for s, e in spans[1:]:
            assert text[s] not in "，。）"  # no line starts with closing punctuation
        for s, e in spans[:-1]:
            assert text[e - 1] != "（"  # nor ends with an opening one
            assert not (text[e - 1].isdigit() and text[e].isdigit())  # nor splits 172


def test_the_rule_list_is_readable_at_80_columns():
    """Each rule's first sentence of why, whole, broken under it (a table cut it to a dozen
    characters)."""
    from checker.rules import load_rules

    lines = _in_terminal(["rules"], 80)
    assert all(cell_len(line) <= 80 for line in lines)
    shown = "".join(line.strip() for line in lines)
    for rule in load_rules(None):
        first = rule.why["zh"].split("。")[0]
        assert rule.id in shown and first in shown, rule.id
