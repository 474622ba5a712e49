"""Bad input never crashes and never hangs: every refusal is an InputError with one line.

Archives, pages and numerals here are built to be hostile: zip bombs, lying zip directories,
unclosable markup, mangled figures. No timings are asserted (they belong in bench/); a test
that stops finishing is the failure.
"""

from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from checker.errors import InputError
from checker.extract import extract
from checker.source import DEFAULT_MAX_BYTES, Document, iter_paths, read_document
from checker.source.html_text import defuse

REPO = Path(__file__).resolve().parents[2]
GOOD = (
    "周口市总工会2025年工作综述\n全年新建工会组织326家，新发展会员2.1万人，筹集送温暖资金1200万元，"
    "慰问困难职工和农民工8600余人次。\n"
)
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

INVALID_DOCX = "不是有效的Word文档 (not a valid .docx)"
SUSPICIOUS = "压缩比异常，拒绝解压 (refusing a suspicious archive)"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path | str, **kwargs) -> InputError:
    """The InputError reading ``path`` raises; it names the file and is one line."""
    with pytest.raises(InputError) as excinfo:
        read_document(path, **kwargs)
    err = excinfo.value
    assert err.path == str(path)
    assert "\n" not in str(err) and err.reason.strip() == err.reason != ""
    return err


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_entry(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of the zip ``data`` with entry ``name`` holding ``content``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


# -- empty, binary, too large, not a file -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("empty.docx", b""),
        ("empty.html", b""),
        ("blank.html", b"<html><head><script>var n = 1;</script></head><body> \n </body></html>"),
        ("blank.docx", _docx_bytes("", "   ")),
    ],
)
def test_empty_drafts_of_every_format(tmp_path: Path, name: str, data: bytes) -> None:
    """Blank in any format: a draft without text, checked with a note (exit 0), never refused."""
    from checker.check import check_documents
    from checker.rules import load_rules

    doc = read_document(_write(tmp_path, name, data))
    assert doc.text.strip() == ""
    [report] = check_documents([doc], load_rules())
    assert report.findings == [] and report.notes == ["稿件为空：没有可检查的数字。"]


@pytest.mark.parametrize("name", ["image.txt", "image.html", "image.md"])
def test_binary_files_are_not_text(tmp_path: Path, name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000)
    assert _refused(_write(tmp_path, name, data)).reason == "不是文本文件 (not a text file)"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", GOOD.encode("utf-8") * 10)
    size = path.stat().st_size
    err = _refused(path, max_bytes=100)
    assert err.reason == f"文件过大：{size} 字节，超过上限 100（--max-bytes）(file too large)"
    assert read_document(path, max_bytes=size).text == GOOD * 10  # the limit is inclusive
    assert read_document(path, max_bytes=None).text == GOOD * 10


def test_default_size_limit_is_20_mib(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    path = tmp_path / "huge.docx"
    with open(path, "wb") as stream:  # sparse: no disk used, and never read
        stream.truncate(DEFAULT_MAX_BYTES + 1)
    assert "文件过大" in _refused(path).reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    probe = (
        "from checker.source import read_document\n"
        "from checker.errors import InputError\n"
        f"try:\n    read_document({str(fifo)!r})\nexcept InputError as err:\n    print(err.reason)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, timeout=60, check=True)
    assert result.stdout.strip() == "不是普通文件 (not a regular file: a device, pipe or socket)"


def test_bad_path_characters_are_an_input_error(tmp_path: Path) -> None:
    assert _refused(str(tmp_path / "a\x00b.txt")).reason.startswith("没有这个文件")


# -- .docx: not Word, broken, bombs -------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        GOOD.encode("utf-8"),  # a text file renamed .docx
        b"PK\x03\x04" + os.urandom(500),  # a zip signature and garbage
        _docx_bytes(GOOD)[:3000],  # truncated in transfer
        _zip({"hello.txt": GOOD.encode("utf-8")}),  # a zip, but not a Word package
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
    ],
    ids=["text", "garbage", "truncated", "no-document-xml", "no-package"],
)
def test_not_a_valid_docx(tmp_path: Path, data: bytes) -> None:
    assert _refused(_write(tmp_path, "bad.docx", data)).reason.startswith(INVALID_DOCX[:-1])


def test_broken_document_xml_is_not_a_valid_docx(tmp_path: Path) -> None:
    data = _replace_entry(_docx_bytes(GOOD), "word/document.xml", b"<w:document><w:body><w:p>")
    assert _refused(_write(tmp_path, "bad.docx", data)).reason.startswith(INVALID_DOCX[:-1])


def test_entity_expansion_is_not_performed(tmp_path: Path) -> None:
    """A billion-laughs document.xml (10^9 characters from nine nested entities) is refused or
    read unexpanded, never expanded."""
    entities = "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">{entities}]>'
        f"<w:document {_W_NS}><w:body><w:p><w:r><w:t>&i;326家</w:t></w:r></w:p></w:body></w:document>"
    )
    data = _replace_entry(_docx_bytes(GOOD), "word/document.xml", xml.encode("utf-8"))
    path = _write(tmp_path, "lol.docx", data)
    try:
        doc = read_document(path)
    except InputError as err:
        assert err.reason.startswith(INVALID_DOCX[:-1])
    else:
        assert len(doc.text) < 1000


def test_legacy_doc_is_named(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    for name in ("old.doc", "old.docx", "old.txt"):
        assert ".doc" in _refused(_write(tmp_path, name, ole)).reason


def test_zip_bomb_entry_is_refused(tmp_path: Path) -> None:
    """One entry inflating 1000-fold: refused from the zip directory, nothing inflated."""
    data = _replace_entry(_docx_bytes(GOOD), "word/document.xml", b" " * (4 * 1024 * 1024))
    assert _refused(_write(tmp_path, "bomb.docx", data)).reason == SUSPICIOUS


def test_many_moderate_entries_adding_up_are_refused(tmp_path: Path) -> None:
    """Sixty 1 MiB entries, none suspicious alone, 60 MiB together from a ~60 KB file."""
    entries = {f"word/media/pad{i}.bin": bytes(1024 * 1024) for i in range(60)}
    data = _docx_bytes(GOOD)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries.update({info.filename: source.read(info) for info in source.infolist()})
    assert _refused(_write(tmp_path, "pad.docx", _zip(entries))).reason == SUSPICIOUS


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    entries = {f"word/x{i}.xml": b"" for i in range(10_001)}
    entries["word/document.xml"] = b"<x/>"
    assert _refused(_write(tmp_path, "many.docx", _zip(entries))).reason == SUSPICIOUS


def test_zip_directory_understating_a_size_is_caught(tmp_path: Path) -> None:
    """The directory says document.xml is 100 bytes: zipfile stops there and the CRC fails, so a
    lying directory can never make us inflate more than it declares."""
    data = bytearray(_docx_bytes(GOOD * 50))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, 100)  # uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    assert _refused(_write(tmp_path, "liar.docx", bytes(data))).reason.startswith(INVALID_DOCX[:-1])


def test_extracted_text_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.source.read as read

    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 100)
    path = _write(tmp_path, "long.docx", _docx_bytes(*([GOOD] * 5)))
    assert _refused(path).reason == "提取的文本过长，超过上限 100 字符 (extracted text too long)"
    page = _write(tmp_path, "long.html", f"<p>{GOOD * 5}</p>".encode("utf-8"))
    assert _refused(page).reason.startswith("提取的文本过长")


@pytest.mark.parametrize("depth", [40, 400])
def test_deeply_nested_docx_tables(tmp_path: Path, depth: int) -> None:
    """Deep nesting either reads, with labels that stay short, or is refused by the XML parser's
    own depth limit; it never overflows the stack."""
    inner = "<w:p><w:r><w:t>内嵌326家</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    xml = f'<w:document {_W_NS}><w:body>{inner}</w:body></w:document>'
    data = _replace_entry(_docx_bytes(GOOD), "word/document.xml", xml.encode("utf-8"))
    path = _write(tmp_path, "deep.docx", data)
    try:
        doc = read_document(path)
    except InputError as err:
        assert err.reason.startswith(INVALID_DOCX[:-1])
    else:
        assert doc.text == "内嵌326家"
        assert doc.where(0) == "表格 1 第 1 行第 1 列 › 表格 1 第 1 行第 1 列 › 表格 1 第 1 行第 1 列"


# -- HTML: malformed, hostile ---------------------------------------------------------------------

NASTY_HTML = [
    "<p>全省新建工会6016家<p>新发展会员65.9万人<div><span>建制率92.1%",  # nothing closed
    "<table><td>326家<tr><th>2.1万人</table></td></tr><li>8600余人次",  # nesting nonsense
    "</p></div></body></html>正文326家",  # only end tags
    "<p>正文<!-- never closed 7777万人 <p>more",
    "<p>正文<![CDATA[ 未闭合 326家",
    "<![if !IE]><p>条件326家</p>",
    "<![foo bar]><p>326家</p>",
    "<p>a<b>b<i>c</b>d</i>e 326家</p>",
    "<p title='a<b'>326家</p>",
    "<a<b<c<d 326家",
    '<p style="display:none;">隐</p><p hidden=hidden>藏</p><p>见326家</p>',
    "&#0;&#xD800;&#99999999999;&notanentity;&amp 326家",
    "<scr<script>ipt>alert(1)</script>326家",
    "<svg><text>图里的999</text></svg><math><mn>2</mn></math>326家",
    "<html><html><body><body><head><title>标题</title></head>326家</body>",
    "<p>" + "<b>" * 5000 + "嵌套326家",
    "<div>" * 50_000 + "深326家",
    "<table><tr><td>" * 3000 + "表326家",
    '<td colspan="99999999999999999999">大</td><td colspan=-3>负</td><td colspan=x>326家</td>',
]


@pytest.mark.parametrize("markup", NASTY_HTML, ids=range(len(NASTY_HTML)))
def test_malformed_html_gives_text_or_a_clean_error(tmp_path: Path, markup: str) -> None:
    path = _write(tmp_path, "nasty.html", markup.encode("utf-8"))
    try:
        doc = read_document(path)
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert "326家" in doc.text or "6016家" in doc.text or doc.text == "正文"
    assert all(len(label) < 80 for _, label in doc.parts)
    assert [start for start, _ in doc.parts] == sorted(start for start, _ in doc.parts)
    extract(doc)


def test_hidden_and_invisible_html_text_is_dropped(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "h.html", NASTY_HTML[10].encode("utf-8")))
    assert doc.text == "见326家"
    doc = read_document(_write(tmp_path, "c.html", NASTY_HTML[3].encode("utf-8")))
    assert doc.text == "正文"  # an unclosed comment hides the rest of the page
    doc = read_document(_write(tmp_path, "d.html", b"<p>a<![CDATA[ x > 326\xe5\xae\xb6</p>"))
    assert doc.text == "a 326家"  # the bogus section ends at its first ">"
    doc = read_document(_write(tmp_path, "s.html", NASTY_HTML[13].encode("utf-8")))
    assert "999" not in doc.text


def test_random_bytes_and_markup_soup_never_crash(tmp_path: Path) -> None:
    rng = random.Random(20260203)
    pieces = ["<p>", "</p>", "<div", ">", "<", "</", "<!--", "-->", "<![CDATA[", "]]>", "<?", "&",
              "&#", "&lt;", "<table>", "<tr>", "<td>", "<br>", "'", '"', "=", "326家", "65.9万人",
              "\n", " ", "<script>", "</script>", "<style>", "<title>", "全省", "%", "\x85", "\u3000"]
    for i in range(150):
        if i % 3 == 0:
            data = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 400)))
        else:
            markup = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 200)))
            data = markup.encode(rng.choice(["utf-8", "gb18030", "utf-16"]))
        path = _write(tmp_path, f"r{i}.html", data)
        try:
            doc = read_document(path)
        except InputError as err:
            assert "\n" not in str(err)
        else:
            extract(doc)


def test_unclosable_markup_is_defused() -> None:
    """A construct that can never close is resolved up front as a browser would, which keeps
    html.parser linear (it rescans to the end for each one before Python 3.13.4)."""
    assert defuse("<p>a</p></</") == "<p>a</p>&lt;/&lt;/"  # no ">" after: text
    assert defuse("<p>x</p><!--a><!--b>") == "<p>x</p>"  # a comment to the end of the page
    assert defuse("<!--a--><p>x</p><![CDATA[y>z") == "<!--a--><p>x</p><?[CDATA[y>z"  # up to ">"
    assert defuse("<!--a <b> --><p>x</p>") == "<!--a <b> --><p>x</p>"  # closed: untouched
    assert defuse("<![CDATA[a]]><p>b</p>") == "<![CDATA[a]]><p>b</p>"


@pytest.mark.parametrize("unit", ["</", "<?", "<a<b<c<d", "<!--a>", "<![CDATA[a>", "<!-"])
def test_megabyte_of_unclosable_markup_reads(tmp_path: Path, unit: str) -> None:
    markup = "<p>正文326家</p>" + unit * (1_000_000 // len(unit))
    doc = read_document(_write(tmp_path, "slow.html", markup.encode("utf-8")))
    assert doc.text.startswith("正文326家")


# -- text that is valid but hostile to the extractor ----------------------------------------------

MANGLED = ["1..2万", "３.7 万 万", "百分之百分之", "1,2,3,4万", "..5%", "0000000000001%",
           "全省1..2万人，增长３.7 万 万，占百分之百分之五十，合计1,2,3,4万元，..5%，0000000000001%。",
           "9" * 400 + "万亿亿", "1" + "0" * 330 + "%", "1e309万", "－－－１２．．３４％％", "万万万亿亿亿"]


@pytest.mark.parametrize("text", MANGLED, ids=range(len(MANGLED)))
def test_mangled_numerals_never_raise(text: str) -> None:
    extract(Document(path="mangled.txt", text=text))


def test_megabyte_single_line_reads_and_extracts(tmp_path: Path) -> None:
    """A 1,000,000-character report on one line (no line breaks at all): no crash.

    Measured once (bench/ is where timings live): about 3 s to extract on the development
    machine when sentences end with 。. A line whose clauses never end a sentence is another
    matter: see the report of this change.
    """
    sentence = (
        "全省各级工会坚持以职工为中心，全年新建工会组织6016家，新发展会员65.9万人，建制率92.1%，"
        "筹集送温暖资金1.2亿元，慰问困难职工和农民工8.6万人次，比上年增长3.5%。"
    )
    line = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    path = _write(tmp_path, "line.txt", line.encode("utf-8"))
    doc = read_document(path)
    assert len(doc.text) == 1_000_000 and "\n" not in doc.text
    figures = extract(doc)
    assert len(figures) > 50_000


# -- one bad file among good ones -------------------------------------------------------------------


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    _write(tmp_path, "a_bomb.docx", _replace_entry(_docx_bytes(GOOD), "word/document.xml",
                                                   b" " * (4 * 1024 * 1024)))
    good = _write(tmp_path, "b_good.txt", GOOD.encode("utf-8"))
    paths = iter_paths([str(tmp_path)])
    assert paths == [tmp_path / "a_bomb.docx", good]
    read, errors = [], []
    for path in paths:
        try:
            read.append(read_document(path))
        except InputError as err:
            errors.append(str(err))
    assert [doc.path for doc in read] == [str(good)]
    assert errors == [f"{tmp_path / 'a_bomb.docx'}: {SUSPICIOUS}"]
    assert extract(read[0])


def test_cli_reports_the_bad_file_in_one_line_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.cli import main

    _write(tmp_path, "a_broken.docx", b"PK\x03\x04 not really a zip")
    _write(tmp_path, "b_good.txt", GOOD.encode("utf-8"))
    status = main(["extract", str(tmp_path), "--format", "csv"])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.splitlines() == [f"figcheck: error: {tmp_path / 'a_broken.docx'}: {INVALID_DOCX}"]
    assert "326家" in out
