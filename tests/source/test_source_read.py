"""Reading drafts: path expansion, decoding, rejected inputs and the metadata a Document carries."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.source import Document, iter_paths, read_document

REPO = Path(__file__).resolve().parents[2]
PARAGRAPH = (
    "## 周口市总工会2025年工作综述\r\n"
    "时间：2026-02-03\r\n"
    "周口市总工会紧紧围绕市委、市政府中心工作，带领全市各级工会开拓创新、奋勇争先，以构建和谐劳动关系"
    "为主线，以满足职工日益增长的美好生活需要为目标，全年新建工会组织326家，新发展会员2.1万人，筹集送"
    "温暖资金1200万元，慰问困难职工和农民工8600余人次。周口市职工服务中心全年接待职工来访1.2万人次。\r\n"
    "周口市总工会将继续围绕全市中心大局，为周口高质量发展贡献工会力量。\r\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _reason(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return excinfo.value.reason


def test_utf8_text_is_kept_exactly(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", PARAGRAPH.encode("utf-8")))
    assert doc.text == PARAGRAPH  # CRLF line endings included: offsets point into the author's text
    assert doc.encoding == "utf-8"


def test_utf8_bom_is_dropped_and_offsets_count_from_the_text(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8")))
    assert doc.text == PARAGRAPH
    assert doc.text.index("326家") == PARAGRAPH.index("326家")
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb_family_is_detected_and_decoded_as_gb18030(tmp_path: Path, codec: str) -> None:
    doc = read_document(_write(tmp_path, "a.txt", PARAGRAPH.encode(codec)))
    assert doc.text == PARAGRAPH
    assert doc.encoding == "gb18030"


def test_gb18030_only_characters_survive(tmp_path: Path) -> None:
    text = PARAGRAPH + "南汉高祖刘䶮的故事在当地广为流传。\r\n"  # 䶮 exists in GB18030, not in GBK
    doc = read_document(_write(tmp_path, "a.txt", text.encode("gb18030")))
    assert doc.text == text


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", PARAGRAPH.encode("utf-16")))
    assert doc.text == PARAGRAPH
    assert doc.encoding == "utf-16"


def test_utf8_reading_does_not_load_charset_normalizer(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", PARAGRAPH.encode("utf-8"))
    probe = (
        "import sys; from checker.source import read_document; "
        f"read_document({path!r}); print('charset_normalizer' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("data", [b"", b" \r\n\t\r\n", codecs.BOM_UTF8, "\u3000\n".encode("utf-8")])
def test_empty_file_is_read_as_a_blank_draft(tmp_path: Path, data: bytes) -> None:
    """A linter accepts an empty file: no figures (the check adds a note), not an input error."""
    path = _write(tmp_path, "empty.txt", data)
    doc = read_document(path)
    assert doc.text.strip() == "" and doc.path == str(path)


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + PARAGRAPH.encode("utf-8")
    with pytest.raises(InputError) as excinfo:
        read_document(_write(tmp_path, "image.txt", data))
    assert _reason(excinfo) == "不是文本文件 (not a text file)"


def test_undetectable_bytes_mean_binary(tmp_path: Path) -> None:
    rng = random.Random(1)
    data = bytes(rng.randrange(1, 256) for _ in range(3000))  # no NUL: only detection can tell
    with pytest.raises(InputError) as excinfo:
        read_document(_write(tmp_path, "noise.txt", data))
    assert _reason(excinfo) == "不是文本文件 (not a text file)"


def test_non_chinese_legacy_encoding_is_refused(tmp_path: Path) -> None:
    data = "Café résumé naïve façade, déjà vu. ".encode("latin-1") * 5
    with pytest.raises(InputError) as excinfo:
        read_document(_write(tmp_path, "latin.txt", data))
    assert "UTF-8" in _reason(excinfo)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as excinfo:
        read_document(missing)
    assert _reason(excinfo) == "没有这个文件或目录 (no such file or directory)"
    with pytest.raises(InputError) as excinfo:
        iter_paths([missing])
    assert excinfo.value.path == missing
    assert _reason(excinfo) == "没有这个文件或目录 (no such file or directory)"


def test_reading_a_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        read_document(tmp_path)
    assert _reason(excinfo) == "是目录，不是文件 (is a directory)"


def test_directories_expand_to_sorted_drafts(tmp_path: Path) -> None:
    names = ["b.txt", "a.md", "sub/c.TXT", "sub/z.txt", "d.csv", "notes.docx", ".git/e.txt",
             "sub/.f.md", "p.HTM", "q.html", "~$notes.docx", "old.doc"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("正文", encoding="utf-8")
    explicit = tmp_path / "d.csv"  # named explicitly: read whatever its suffix
    got = iter_paths([str(explicit), str(tmp_path)])
    expected = ["a.md", "b.txt", "notes.docx", "p.HTM", "q.html", "sub/c.TXT", "sub/z.txt"]
    assert got == [explicit, *(tmp_path / n for n in expected)]


def test_a_file_reached_twice_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    assert iter_paths([str(tmp_path / "a.txt"), str(tmp_path)]) == [tmp_path / "a.txt"]


def test_directory_without_drafts_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        iter_paths([str(tmp_path)])
    assert excinfo.value.path == str(tmp_path)


def test_date_option_outranks_the_dateline(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", PARAGRAPH.encode("utf-8"))
    doc = read_document(path)
    assert (doc.published, doc.date_source) == (dt.date(2026, 2, 3), "text")
    doc = read_document(path, date=dt.date(2025, 12, 31))
    assert (doc.published, doc.date_source) == (dt.date(2025, 12, 31), "option")


def test_no_dateline_means_unknown_date(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", "标题\n2020年1月20日工程完工。\n".encode("utf-8")))
    assert (doc.published, doc.date_source) == (None, "unknown")


def test_title_is_first_non_empty_line_without_heading_marks(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.md", PARAGRAPH.encode("utf-8")))
    assert doc.title == "周口市总工会2025年工作综述"
    long_line = "\n\u3000\n#   " + "长" * 100 + "\n正文"
    assert read_document(_write(tmp_path, "b.md", long_line.encode("utf-8"))).title == "长" * 80


def test_seed_document_end_to_end() -> None:
    doc = read_document(str(REPO / "seeds" / "000_c7628a4204b6f126.txt"))
    assert isinstance(doc, Document)
    assert doc.title == "砥砺奋进谋发展 继往开来谱华章"
    assert (doc.province, doc.city) == ("河南省", "周口市")
    assert (doc.published, doc.date_source) == (None, "unknown")
