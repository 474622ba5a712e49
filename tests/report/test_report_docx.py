"""`figcheck check draft.docx --format docx --output checked.docx`: a copy of the Word draft with a
Word comment on each finding's figures, and nothing else changed.

The drafts are built here with python-docx (figures split over runs of different formatting, a
table cell, a content control, a hyperlink), checked through ``checker.cli.main``, and the copies
read back with python-docx and lxml: the comments, the text each comment is anchored on, every
paragraph's text and every character's formatting.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from checker.check import check_document
from checker.cli import main
from checker.errors import InputError
from checker.report.docx_format import AUTHOR, INITIALS, comment_draft, commented_docx
from checker.rules import Finding, load_rules
from checker.rules.model import Location
from checker.source import read_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "002_fc2b4df85566778c.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ERROR = "建会企业集体协商建制率达102.1%。"  # range.rate: a rate over 100%
WARNING_ONLY = "受理调解案件117件，调解成功率81.3%。"  # granularity.grim, a warning
CLEAN = "全市新建工会组织618个，其中非公企业工会420个。"
HEADING = "郑州市总工会"


def _seed_sentence(figure: str) -> str:
    (line,) = [line for line in SEED.read_text(encoding="utf-8").splitlines() if figure in line]
    return line


FIRST = _seed_sentence("172 个乡镇")  # the seed's conflict: 172 here ...
SECOND = _seed_sentence("181 个乡镇")  # ... and 181 个乡镇（街道） further on


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


# -- drafts -----------------------------------------------------------------------------------

def _save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def _seed_draft(path: Path) -> Path:
    """The seed's two sentences: "172" bold in the first paragraph (" 个乡镇…" plain), the second
    sentence in a table cell (italic), a paragraph between them, a heading with a tab and a line
    break, and the rate over 100% inside a content control, its figure split between a run and a
    hyperlink."""
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run(HEADING).bold = True
    tabbed = heading.add_run("\t工作报告")
    tabbed.add_break()
    tabbed.add_text("（摘要）")
    before, after = FIRST.split("172", 1)
    paragraph = document.add_paragraph()
    paragraph.add_run(before)
    paragraph.add_run("172").bold = True
    paragraph.add_run(after)
    document.add_paragraph("会议指出，全市工会工作稳步推进。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "说明"
    table.cell(0, 1).paragraphs[0].add_run(SECOND).italic = True
    body = document.element.body
    head, tail = ERROR.split("102.1%")
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w", "r")}><w:sdtContent><w:p>'
        f'<w:r><w:t xml:space="preserve">{head}</w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>10</w:t></w:r>'
        '<w:hyperlink w:anchor="x"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
        f'<w:t>2.1%{tail}</w:t></w:r></w:hyperlink>'
        "</w:p></w:sdtContent></w:sdt>"
    )
    body.insert(len(body) - 1, sdt)  # before the section properties
    return _save(document, path)


def _draft(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return _save(document, path)


# -- reading a copy back ----------------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("figcheck: error: "), err
    return lines[0]


def _body(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def _run_chars(run) -> list[str]:
    return [ch for child in run for ch in
            (child.text or "" if child.tag == f"{W}t" else "\t" if child.tag == f"{W}tab"
             else "\n" if child.tag == f"{W}br" else "")]


def _anchored(path: Path) -> dict[str, str]:
    """comment id -> the text between its w:commentRangeStart and w:commentRangeEnd."""
    out: dict[str, str] = {}
    open_ids: list[str] = []
    for node in _body(path).iter():
        if node.tag == f"{W}commentRangeStart":
            open_ids.append(node.get(f"{W}id"))
            out[open_ids[-1]] = ""
        elif node.tag == f"{W}commentRangeEnd":
            open_ids.remove(node.get(f"{W}id"))
        elif node.tag == f"{W}r":
            for cid in open_ids:
                out[cid] += "".join(_run_chars(node))
    assert not open_ids, "a comment range is never closed"
    return out


def _comments(path: Path) -> list[tuple[str, str, str, str]]:
    """(author, initials, text, anchored text) of each comment, as python-docx reads them."""
    anchored = _anchored(path)
    document = docx.Document(str(path))
    return [(c.author, c.initials, c.text, anchored[str(c.comment_id)]) for c in document.comments]


def _texts(path: Path) -> list[str]:
    """Every paragraph's and cell's text: python-docx's, and each w:p's (content controls too)."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    every = ["".join(ch for r in p.iter(f"{W}r") for ch in _run_chars(r))
             for p in _body(path).iter(f"{W}p")]
    return [p.text for p in document.paragraphs] + cells + every


def _formatting(path: Path) -> list[list[tuple[str, bytes]]]:
    """Each paragraph's characters with the run properties (w:rPr) they are shown in."""
    out = []
    for paragraph in _body(path).iter(f"{W}p"):
        chars = []
        for run in paragraph.iter(f"{W}r"):
            properties = run.find(f"{W}rPr")
            shown = etree.tostring(properties, method="c14n") if properties is not None else b""
            chars += [(ch, shown) for ch in _run_chars(run)]
        out.append(chars)
    return out


def _expected(capsys, src: Path, *options: str) -> Counter:
    """(comment text, figure) for every location of every finding, from the JSON report."""
    _, out, _ = _run(capsys, "check", str(src), "--format", "json", *options)
    return Counter((f"{f['message']} [{f['rule']}]", loc["text"])
                   for f in json.loads(out)["findings"] for loc in f["locations"])


def _assert_untouched(src: Path, out: Path) -> None:
    assert _texts(out) == _texts(src)
    assert _formatting(out) == _formatting(src)
    assert read_document(out).text == read_document(src).text  # figcheck reads the same draft


# -- the copy ---------------------------------------------------------------------------------

def test_seed_conflict_is_a_comment_on_each_figure(tmp_path, capsys) -> None:
    src = _seed_draft(tmp_path / "draft.docx")
    out = tmp_path / "checked.docx"
    code, stdout, err = _run(capsys, "check", str(src), "--format", "docx", "--output", str(out))
    assert code == 1 and stdout == ""
    comments = _comments(out)
    assert err == (f"figcheck: 批注已写入 (comments written to) {out}：{len(comments)} 条 "
                   f"({len(comments)} comments)\n")
    assert {(author, initials) for author, initials, _, _ in comments} == {(AUTHOR, INITIALS)}
    assert Counter((text, anchored) for _, _, text, anchored in comments) == _expected(capsys, src)
    conflict = sorted((anchored, text) for _, _, text, anchored in comments
                      if text.endswith(" [repeat.conflict]"))
    assert [anchored for anchored, _ in conflict] == ["172 个", "181 个"]
    assert all("“乡镇”在文中出现两次，数值不同" in text for _, text in conflict)
    assert any(anchored == "102.1%" and text.endswith(" [range.rate]")
               for _, _, text, anchored in comments)  # in the content control and the hyperlink
    _assert_untouched(src, out)


def test_english_comments(tmp_path, capsys) -> None:
    src = _seed_draft(tmp_path / "draft.docx")
    out = tmp_path / "checked-en.docx"
    code, _, _ = _run(capsys, "check", str(src), "--format", "docx", "-o", str(out), "--lang", "en")
    assert code == 1
    comments = Counter((text, anchored) for _, _, text, anchored in _comments(out))
    assert comments == _expected(capsys, src, "--lang", "en")
    assert comments != _expected(capsys, src)  # not the Chinese messages
    assert any("twice" in text and text.endswith(" [repeat.conflict]") for text, _ in comments)
    _assert_untouched(src, out)


def test_a_clean_draft_gives_a_copy_without_comments(tmp_path, capsys) -> None:
    src = _draft(tmp_path / "clean.docx", CLEAN)
    out = tmp_path / "out" / "clean-checked.docx"
    code, _, err = _run(capsys, "check", str(src), "--format", "docx", "--output", str(out))
    assert code == 0
    assert err == f"figcheck: 批注已写入 (comments written to) {out}：0 条 (0 comments)\n"
    assert out.read_bytes() == src.read_bytes()
    assert len(docx.Document(str(out)).comments) == 0


@pytest.mark.parametrize("text, options, code", [
    (CLEAN, [], 0),
    (ERROR, [], 1),
    (WARNING_ONLY, [], 0),
    (WARNING_ONLY, ["--fail-on", "warning"], 1),
    (ERROR, ["--fail-on", "never"], 0),
])
def test_exit_status_as_for_other_formats(tmp_path, capsys, text, options, code) -> None:
    src = _draft(tmp_path / "d.docx", text)
    assert _run(capsys, "check", str(src), "--format", "json", *options)[0] == code
    got, _, err = _run(capsys, "check", str(src), "--format", "docx", "-o", "c.docx", *options)
    assert got == code and len(err.splitlines()) == 1
    assert (tmp_path / "c.docx").exists()


def test_several_drafts_go_into_a_folder_by_name(tmp_path, capsys) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _draft(drafts / "a.docx", ERROR)
    _draft(drafts / "b.docx", CLEAN)
    (drafts / "sub").mkdir()
    _draft(drafts / "sub" / "a.docx", WARNING_ONLY)
    code, _, err = _run(capsys, "check", str(drafts), "--format", "docx", "--output", "checked")
    assert code == 1
    written = sorted(p.relative_to(tmp_path / "checked").as_posix()
                     for p in (tmp_path / "checked").rglob("*.docx"))
    assert written == ["a.docx", "b.docx", "sub/a.docx"]  # one name twice: paths kept
    assert len(err.splitlines()) == 3
    assert [c[2] for c in _comments(tmp_path / "checked" / "a.docx")][0].endswith("[range.rate]")
    _run(capsys, "check", str(drafts / "a.docx"), str(drafts / "b.docx"), "--format", "docx",
         "--output", "flat")
    assert sorted(p.name for p in (tmp_path / "flat").iterdir()) == ["a.docx", "b.docx"]


def test_usage_errors_are_one_line_and_exit_2(tmp_path, capsys) -> None:
    src = _draft(tmp_path / "d.docx", ERROR)
    original = src.read_bytes()
    code, _, err = _run(capsys, "check", str(src), "--format", "docx")  # no --output
    assert code == 2 and "--output" in _one_line(err)

    text = tmp_path / "notes.txt"
    text.write_text(ERROR, encoding="utf-8")
    code, _, err = _run(capsys, "check", str(src), str(text), "--format", "docx", "-o", "out")
    assert code == 2 and "notes.txt" in _one_line(err)
    assert not (tmp_path / "out").exists()  # refused before anything was written

    code, _, err = _run(capsys, "check", str(src), "--format", "docx", "-o", str(src))
    assert code == 2 and "d.docx" in _one_line(err)
    code, _, err = _run(capsys, "check", str(src), "--format", "docx", "-o", str(tmp_path))
    assert code == 2 and "d.docx" in _one_line(err)  # a folder: the copy would be the draft
    other = _draft(tmp_path / "e.docx", CLEAN)
    code, _, err = _run(capsys, "check", str(src), str(other), "--format", "docx", "-o", ".")
    assert code == 2 and _one_line(err)
    assert src.read_bytes() == original

    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, _, err = _run(capsys, "check", str(src), str(other), "--format", "docx", "-o", "taken")
    assert code == 2 and "taken" in _one_line(err)


# -- the writer itself ------------------------------------------------------------------------

def _report(path: Path):
    return check_document(read_document(path), load_rules())


def _finding(doc, start: int, end: int, message: str = "m", rule: str = "x.y",
             path: str | None = None) -> Finding:
    return Finding(rule, "error", message, (Location(path or doc.path, start, end, 1, start + 1,
                                                     "", doc.text[start:end]),))


def test_a_tab_or_a_line_break_anchors_on_its_whole_run(tmp_path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("甲")
    run = paragraph.add_run("乙\t丙")
    run.bold = True
    run.add_break()
    run.add_text("丁")
    src = _save(document, tmp_path / "t.docx")
    report = _report(src)
    doc = report.doc
    assert doc.text == "甲乙\t丙\n丁"
    whole = [_finding(doc, 2, 3, "tab"), _finding(doc, 4, 5, "break")]
    exact = [_finding(doc, 0, 2, "runs"), _finding(doc, 3, 4, "char"),
             _finding(doc, 3, 4, "again")]
    for findings, expected in [
        (whole, {"tab [x.y]": "乙\t丙\n丁", "break [x.y]": "乙\t丙\n丁"}),
        (exact, {"runs [x.y]": "甲乙", "char [x.y]": "丙", "again [x.y]": "丙"}),
    ]:
        data, count = commented_docx(src.read_bytes(), replace(report, findings=findings))
        out = tmp_path / "out.docx"
        out.write_bytes(data)
        assert count == len(findings)
        assert {text: anchored for _, _, text, anchored in _comments(out)} == expected
        _assert_untouched(src, out)


def test_a_finding_with_no_place_is_noted_on_the_first_paragraph(tmp_path) -> None:
    src = _draft(tmp_path / "u.docx", "", "第一段", "第二段102.1%")
    report = _report(src)
    doc = report.doc
    elsewhere = _finding(doc, 0, 3, "elsewhere", path="other.docx")
    done = comment_draft(src.read_bytes(), replace(report, findings=[elsewhere]), "en")
    assert (done.comments, done.unplaced) == (1, 1)
    out = tmp_path / "out.docx"
    out.write_bytes(done.data)
    ((_, _, text, anchored),) = _comments(out)
    assert text.startswith("elsewhere (its place") and text.endswith(" [x.y]")
    assert anchored == "第一段"
    _assert_untouched(src, out)


def test_a_draft_changed_since_its_check_is_refused(tmp_path) -> None:
    src = _draft(tmp_path / "c.docx", ERROR)
    report = _report(src)
    assert report.findings
    changed = io.BytesIO()
    document = docx.Document(str(src))
    document.add_paragraph("加一段")
    document.save(changed)
    with pytest.raises(InputError):
        commented_docx(changed.getvalue(), report)


def test_other_formats_do_not_import_python_docx(tmp_path) -> None:
    script = ("import sys\nfrom checker.cli import main\n"
              f"main(['check', {str(SEED)!r}, '--format', 'json', '--no-ledger'])\n"
              "print(sorted(m for m in ('docx', 'checker.report.docx_format') if m in sys.modules),"
              " file=sys.stderr)\n")
    env = {**os.environ, "FIGCHECK_LEDGER": str(tmp_path / "l.duckdb")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=300)
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
