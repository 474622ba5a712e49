"""Every draft format gives the same figures as its plain UTF-8 text, and says where they are.

The .docx files are built here with python-docx, not committed: the test shows what went in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from checker.extract import QUANTITY_KINDS, extract, read_figures
from checker.source import Document, read_document

REPO = Path(__file__).resolve().parents[2]

TITLE = "周口市总工会2025年工作综述"
PARAGRAPH = (
    "周口市总工会紧紧围绕市委、市政府中心工作，带领全市各级工会开拓创新，全年新建工会组织326家，"
    "新发展会员2.1万人，筹集送温暖资金1200万元，慰问困难职工和农民工8600余人次。"
)
CELLS = (("新建工会组织", "326家"), ("职工服务中心接待来访", "1.2万人次，办结率98.5%"))
LINES = [TITLE, PARAGRAPH, *(cell for row in CELLS for cell in row)]

# Traditional Chinese, as a Taiwan or Hong Kong union report would put it: 150+ characters.
BIG5_TEXT = (
    "臺灣省總工會2025年工作綜述\n"
    "全省新建工會6016家，新發展會員65.9萬人，建制率92.1%。全年籌集送溫暖資金1.2億元，"
    "慰問困難職工和農民工8.6萬人次，其中慰問困難職工3.1萬人次，農民工5.5萬人次。"
    "職工服務中心全年接待職工來訪1.2萬人次，辦結率達到98.5%，比上年提高2.3個百分點。"
    "各級工會堅持以職工為中心，紮實推進各項工作，為全省高品質發展貢獻工會力量。\n"
)


def _quantities(doc: Document) -> list[tuple]:
    return [(f.text, f.kind, f.lo, f.hi, f.unit) for f in extract(doc) if f.kind in QUANTITY_KINDS]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _plain(tmp_path: Path) -> Document:
    return read_document(_write(tmp_path, "plain.txt", "\n".join(LINES).encode("utf-8")))


def _docx(tmp_path: Path, name: str = "draft.docx") -> Path:
    """A heading, a paragraph and a 2x2 table, as an author would write them in Word."""
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("")  # blank paragraphs are not paragraphs to a reader
    paragraph = document.add_paragraph(PARAGRAPH[:40])
    paragraph.add_run(PARAGRAPH[40:]).bold = True  # one paragraph, two runs
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(CELLS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / name
    document.save(str(path))
    return path


HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}</title>
<style>p {{ color: red }} /* 999万人 */</style>
<script>var total = "全省8888万人";</script></head>
<body>
<!-- 注释里的7777万元不算 -->
<noscript>请启用脚本 5555家</noscript>
<div hidden>隐藏的4444万人</div>
<p id="lead">
  {PARAGRAPH[:40]}<b>{PARAGRAPH[40:80]}</b>
  {PARAGRAPH[80:]}
</p>
<p style="display: none">隐藏的3333万人</p>
<table>
  <tr><td>{CELLS[0][0]}</td><td>{CELLS[0][1]}</td></tr>
  <tr><th>{CELLS[1][0]}</th><td>{CELLS[1][1]}</td></tr>
</table>
<template><p>模板里的2222家</p></template>
</body></html>
"""


def test_gb18030_file_gives_the_same_figures_as_utf8(tmp_path: Path) -> None:
    text = "\n".join(LINES)
    doc = read_document(_write(tmp_path, "gb.txt", text.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert doc.text == text
    assert _quantities(doc) == _quantities(_plain(tmp_path))


def test_big5_file_gives_the_same_figures_as_utf8(tmp_path: Path) -> None:
    assert len(BIG5_TEXT) >= 150
    doc = read_document(_write(tmp_path, "big5.txt", BIG5_TEXT.encode("big5")))
    utf8 = read_document(_write(tmp_path, "utf8.txt", BIG5_TEXT.encode("utf-8")))
    assert doc.encoding == "big5"
    assert doc.text == BIG5_TEXT
    assert doc.title == "臺灣省總工會2025年工作綜述"
    assert _quantities(doc) == _quantities(utf8)
    assert ("6016家", "count", 6016.0, 6016.0, "家") in _quantities(doc)


def test_big5_with_cp950_only_characters_is_read(tmp_path: Path) -> None:
    text = BIG5_TEXT + "會員繳費折合€12萬。\n"  # the euro sign is in cp950, not in strict Big5
    doc = read_document(_write(tmp_path, "cp950.txt", text.encode("cp950")))
    assert doc.text == text
    assert doc.encoding in ("cp950", "big5hkscs")


def test_docx_gives_the_same_figures_as_its_text(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path))
    assert doc.text == "\n".join(LINES)
    assert (doc.source_format, doc.title, doc.encoding) == ("docx", TITLE, "utf-8")
    assert _quantities(doc) == _quantities(_plain(tmp_path))


def test_html_gives_the_same_figures_as_its_visible_text(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.html", HTML.encode("utf-8")))
    assert doc.text == "\n".join(LINES)  # no script, style, comment, noscript, hidden or template
    assert (doc.source_format, doc.title, doc.encoding) == ("html", TITLE, "utf-8")
    assert _quantities(doc) == _quantities(_plain(tmp_path))


def test_html_declaring_gbk_is_decoded_by_its_declaration(tmp_path: Path) -> None:
    page = HTML.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" '
                        'content="text/html; charset=gb2312">')
    doc = read_document(_write(tmp_path, "page.htm", page.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert doc.text == "\n".join(LINES)


def test_html_declared_charset_is_not_trusted_over_valid_utf8(tmp_path: Path) -> None:
    page = HTML.replace('<meta charset="utf-8">', '<meta charset="gbk">')
    assert read_document(_write(tmp_path, "page.html", page.encode("utf-8"))).encoding == "utf-8"


def test_html_declaring_latin1_about_gbk_bytes_is_detected(tmp_path: Path) -> None:
    page = HTML.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    doc = read_document(_write(tmp_path, "page.html", page.encode("gb18030")))
    assert doc.encoding == "gb18030"  # Latin-1 would decode anything, into mojibake
    assert doc.text == "\n".join(LINES)


def test_html_big5_page(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="big5"></head><body><p>{BIG5_TEXT}</p></body></html>'
    doc = read_document(_write(tmp_path, "tw.html", page.encode("big5")))
    utf8 = read_document(_write(tmp_path, "tw.txt", BIG5_TEXT.encode("utf-8")))
    assert doc.encoding == "big5"
    assert _quantities(doc) == _quantities(utf8)


def test_docx_where_points_at_paragraphs_and_cells(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path))
    expected = {
        "2.1万人": "段落 2",
        "326家": "表格 1 第 1 行第 2 列",
        "1.2万人次": "表格 1 第 2 行第 2 列",
        "98.5%": "表格 1 第 2 行第 2 列",
    }
    figures = {f.text: f for f in extract(doc)}  # the later 326家, the table's, wins
    for text, label in expected.items():
        assert doc.where(figures[text].start) == label, text
    assert doc.where(0) == "段落 1"
    assert doc.where(doc.text.index("新建工会组织\n")) == "表格 1 第 1 行第 1 列"
    assert doc.parts[0] == (0, "段落 1")


def test_html_where_points_at_blocks_and_cells(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.html", HTML.encode("utf-8")))
    by_text = {f.text: f for f in extract(doc)}  # the later 326家, the table's, wins
    assert doc.where(0) == "<title>"
    assert doc.where(by_text["2.1万人"].start) == "<p> 1 #lead"
    assert doc.where(by_text["326家"].start) == "表格 1 第 1 行第 2 列"
    assert doc.where(doc.text.index(CELLS[1][0])) == "表格 1 第 2 行第 1 列"
    assert doc.where(by_text["98.5%"].start) == "表格 1 第 2 行第 2 列"


def test_each_table_cell_is_its_own_clause(tmp_path: Path) -> None:
    """A cell's figures are never read as one phrase with the next cell's words: a statistics
    table row (indicator, unit, last year, this year, growth) gives one clause per figure."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=5)
    for r, row in enumerate((("指标", "单位", "2024年", "2025年", "增长"),
                             ("会员人数", "万人", "63.2", "65.9", "4.3%"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc = read_document(_save(document, tmp_path / "t.docx"))
    figures = read_figures(doc).figures
    assert [f.text for f in figures] == ["2024年", "2025年", "63.2", "65.9", "4.3%"]
    assert len({f.clause for f in figures}) == len(figures)
    assert doc.where(figures[-1].start) == "表格 1 第 2 行第 5 列"


def test_plain_text_has_no_parts(tmp_path: Path) -> None:
    doc = _plain(tmp_path)
    assert (doc.source_format, doc.parts, doc.where(0)) == ("text", (), None)
    md = read_document(_write(tmp_path, "a.md", "# 标题\n正文326家".encode("utf-8")))
    assert (md.source_format, md.where(3)) == ("markdown", None)


def test_docx_reads_what_document_paragraphs_misses(tmp_path: Path) -> None:
    """Content controls hide paragraphs from python-docx's Document.paragraphs; deleted tracked
    changes, text boxes and tab-stop definitions are not text the reader sees."""
    document = docx.Document()
    document.add_paragraph("开头段落")
    body = document.element.body
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>控件里的326家</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    tracked = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>会员</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>3万</w:delText>"
        "</w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>2.1万人</w:t></w:r></w:ins>"
        "<w:r><w:tab/><w:t>完</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    )
    body.insert(len(body) - 1, sdt)  # before the section properties
    body.insert(len(body) - 1, tracked)
    path = tmp_path / "controls.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.text == "开头段落\n控件里的326家\n会员2.1万人\t完\n下一行"
    assert [label for _, label in doc.parts] == ["段落 1", "段落 2", "段落 3"]


def test_docx_merged_and_nested_cells(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "纵向合并326家"  # text appears once
    table.cell(0, 1).merge(table.cell(0, 2)).text = "横向合并"
    table.cell(0, 3).text = "第四列"
    table.cell(1, 1).text = "第二行第二列"
    inner = table.cell(1, 3).add_table(rows=1, cols=2)
    inner.cell(0, 1).text = "内嵌6016家"
    doc = read_document(_save(document, tmp_path / "merged.docx"))
    assert doc.text.count("纵向合并326家") == 1
    assert doc.text.count("横向合并") == 1
    assert doc.where(doc.text.index("第四列")) == "表格 1 第 1 行第 4 列"  # spans count columns
    assert doc.where(doc.text.index("第二行第二列")) == "表格 1 第 2 行第 2 列"
    assert doc.where(doc.text.index("内嵌")) == "表格 1 第 2 行第 4 列 › 表格 1 第 1 行第 2 列"


def _save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_html_blocks_lines_and_whitespace() -> None:
    """Blocks are lines; spaces collapse, and a line break between Chinese characters vanishes
    (CSS Text 3), so hard-wrapped source does not split words."""
    from checker.source.html_text import read_html

    page = (
        "<div>甲  乙\n\t丙<br>丁<p>段落<span> 一 </span></p>尾巴</div>"
        "<ul><li>第一项</li><li>第二项</li></ul><pre>第一行\n  第二行</pre>"
        "<ruby>汉<rt>hàn</rt></ruby>字&nbsp;&amp;&lt;"
    )
    text, parts, encoding = read_html("x.html", page.encode("utf-8"), 10_000)
    assert text == "甲 乙丙\n丁\n段落 一\n尾巴\n第一项\n第二项\n第一行\n第二行\n汉字\xa0&<"
    assert [label for _, label in parts] == [
        "<div> 1", "<p> 1", "<div> 1", "<li> 1", "<li> 2", "<pre> 1", "<html>"]


def test_html_unclosed_head_still_shows_its_body(tmp_path: Path) -> None:
    page = f"<html><head><title>{TITLE}</title><body><p>{PARAGRAPH}</p>"
    doc = read_document(_write(tmp_path, "open.html", page.encode("utf-8")))
    assert doc.text == f"{TITLE}\n{PARAGRAPH}"


def test_reading_text_does_not_import_docx_or_bs4(tmp_path: Path) -> None:
    """The per-draft path of a .txt pays for neither library (nor lxml)."""
    path = _write(tmp_path, "a.txt", "\n".join(LINES).encode("utf-8"))
    probe = (
        "import sys; from checker.source import read_document; from checker.extract import extract; "
        f"extract(read_document({str(path)!r})); "
        "print(sorted(m for m in ('docx', 'bs4', 'lxml') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_format_is_chosen_by_suffix_case_insensitively(tmp_path: Path, suffix: str) -> None:
    path = _docx(tmp_path) if suffix == ".docx" else _write(tmp_path, "p.html", HTML.encode())
    upper = path.rename(path.with_suffix(suffix.upper()))
    assert read_document(upper).source_format == suffix[1:]
