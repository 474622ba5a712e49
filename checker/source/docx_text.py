"""Word (.docx) drafts: the text of body paragraphs and tables, in document order.

A .docx is a zip of XML parts, so it is inspected with ``zipfile`` before python-docx (and lxml)
is allowed to inflate anything: a 40 KB zip can declare gigabytes. python-docx then opens the
package and its body is walked directly (w:p, w:tbl, and the content controls and custom-XML
wrappers that hide them from ``Document.paragraphs``).

Each table cell becomes its own line: a line break ends a clause and a sentence for the extractor,
so a cell's figures are never read as one phrase with its neighbour's, where a tab would be
deleted as space inside a figure ("数量\\t326" would read as "数量326").

One walk (``walk_body``) yields each paragraph's text together with the nodes it came from
(w:t, w:tab, w:br ...); reading (``read_docx``) keeps the text, and writing comments back into the
draft (checker/report/docx_format.py) uses the nodes (``map_docx``), so the two cannot disagree on
where an offset of the extracted text lies.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.errors import InputError
from checker.source.parts import MAX_TEXT_CHARS, PartsBuilder

if TYPE_CHECKING:
    from lxml.etree import _Element

INVALID = "不是有效的Word文档 (not a valid .docx)"
SUSPICIOUS = "压缩比异常，拒绝解压 (refusing a suspicious archive)"
LEGACY = "旧版Word(.doc)或加密文档，请另存为 .docx (legacy .doc or encrypted file; save it as .docx)"

MIN_TOTAL_LIMIT = 50 * 1024 * 1024  # uncompressed bytes any draft may reach, however small its zip
SIZE_FACTOR = 100  # ... or this many times the zip's own size
MAX_RATIO = 200  # no XML part of a real document compresses this well
RATIO_MIN_BYTES = 1024 * 1024  # below this an entry cannot hurt, whatever its ratio
MAX_ENTRIES = 10_000  # real documents have tens, a few hundred with many images
MAX_LABEL_TABLES = 3  # nested tables deeper than this are labelled by their enclosing cell

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and .docx encrypted with a password
_MAIN_PART = re.compile(r"word/document\d*\.xml")  # Word Online sometimes writes document2.xml

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements that only wrap block or row content: looked through, never labelled.
_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"})
# Text under these is not what the reader sees in the flow of the page: properties, deleted or
# moved-away text, text boxes (drawn apart from the flow) and the fallback copy of a drawing.
_HIDDEN_TEXT = frozenset({
    _W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback",
})
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n",
             _W + "noBreakHyphen": "-"}


def read_docx(name: str, data: bytes, max_chars: int) -> tuple[str, tuple[tuple[int, str], ...]]:
    """(text, parts) of a .docx: paragraphs labelled "段落 N", cells "表格 T 第 R 行第 C 列"."""
    mapped = map_docx(name, data, max_chars)
    return mapped.text, mapped.parts


class Segment(NamedTuple):
    """One node's share of a piece's text: a w:t (its text) or a w:tab, w:br, w:cr or
    w:noBreakHyphen (one fixed character), at [start, end) of the piece's text. (A tuple: there
    is one for every run of a draft, and reading makes them all.)"""

    node: _Element
    start: int
    end: int

    @property
    def is_text(self) -> bool:
        return self.node.tag == _W + "t"


class Piece(NamedTuple):
    """The text of one paragraph (a body paragraph or one inside a table cell), its label, the
    segments it is made of (empty ones left out) and its offset in the document's text."""

    label: str
    text: str
    segments: tuple[Segment, ...]
    start: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class DocxMap:
    """A .docx opened with python-docx, its text as figcheck reads it, and the pieces that text
    was joined from: an offset into ``text`` leads back to the node it came from."""

    document: Any  # docx.document.Document: the package, to change and save
    text: str
    parts: tuple[tuple[int, str], ...]
    pieces: tuple[Piece, ...]


def map_docx(name: str, data: bytes, max_chars: int = MAX_TEXT_CHARS) -> DocxMap:
    """A Word draft's text, its labelled parts and where every character came from. Reading
    (read_docx) and writing back (checker.report.docx_format) both go through here."""
    inspect_zip(name, data)
    import docx  # only for Word drafts: python-docx and lxml cost start-up time

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # hostile input: any failure to open is the file's, not ours
        raise InputError(name, f"{INVALID[:-1]}: {type(exc).__name__})") from None
    text, parts, pieces = place_pieces(name, walk_body(body), max_chars)
    return DocxMap(document, text, parts, pieces)


def place_pieces(name: str, pieces, max_chars: int = MAX_TEXT_CHARS):
    """(text, parts, pieces with their offsets): the pieces joined by line breaks, as every
    format with a text apart from its file is (PartsBuilder)."""
    out = PartsBuilder(name, max_chars)
    placed: list[Piece] = []
    length = 0
    for piece in pieces:
        start = length + 1 if placed else 0  # PartsBuilder puts one line break between pieces
        out.add(piece.label, piece.text)
        placed.append(piece._replace(start=start))
        length = start + len(piece.text)
    text = out.text()
    assert len(text) == length, "pieces and their text disagree"  # noqa: S101 - a bug if so
    return text, out.parts(), tuple(placed)


def walk_body(body: _Element) -> Iterator[Piece]:
    """The non-empty paragraphs of a document's body in reading order, each labelled: body
    paragraphs "段落 N" (only non-empty ones are counted), table cells by table, row and column."""
    paragraphs = tables = 0
    for element in _content(body, ("p", "tbl")):
        if element.tag == _W + "p":
            text, segments = _paragraph_text(element)
            if text.strip():
                paragraphs += 1
                yield Piece(f"段落 {paragraphs}", text, segments)
        else:
            tables += 1
            yield from _table(element, f"表格 {tables}")


def inspect_zip(name: str, data: bytes) -> None:
    """Refuse what is not a Word package, or what would inflate far beyond any real document,
    from the zip's directory alone (nothing is decompressed here).

    The declared sizes can be trusted as bounds: ``zipfile`` stops reading an entry at its
    declared size and fails its CRC check if the stream would go on.
    """
    if data.startswith(_OLE_MAGIC):
        raise InputError(name, LEGACY)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError):
        raise InputError(name, INVALID) from None
    if len(entries) > MAX_ENTRIES:
        raise InputError(name, SUSPICIOUS)
    if not any(_MAIN_PART.fullmatch(entry.filename) for entry in entries):
        raise InputError(name, INVALID)
    limit = max(MIN_TOTAL_LIMIT, SIZE_FACTOR * len(data))
    if sum(entry.file_size for entry in entries) > limit:
        raise InputError(name, SUSPICIOUS)
    for entry in entries:
        if entry.file_size > RATIO_MIN_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(name, SUSPICIOUS)


def _content(parent: _Element, kinds: tuple[str, ...]):
    """Children of ``parent`` with one of the tags ``kinds`` (w: names), in document order, looking
    through content controls and custom-XML wrappers."""
    wanted = {_W + kind for kind in kinds}
    stack = list(reversed(parent))
    while stack:
        child = stack.pop()
        if child.tag in wanted:
            yield child
        elif child.tag in _WRAPPERS:
            stack.extend(reversed(child))


def _paragraph_text(paragraph: _Element) -> tuple[str, tuple[Segment, ...]]:
    """The text a reader sees in one paragraph: runs, hyperlinks, fields' shown results, tabs and
    line breaks; not deleted text, text boxes or tab-stop definitions. Each node's text is kept
    with the node, as a segment."""
    pieces: list[str] = []
    segments: list[Segment] = []
    length = 0
    for node in paragraph.iter(*_RUN_TEXT):
        if _hidden(node, paragraph):
            continue
        fixed = _RUN_TEXT[node.tag]
        text = (node.text or "") if fixed is None else fixed
        if text:
            pieces.append(text)
            segments.append(Segment(node, length, length + len(text)))
            length += len(text)
    return "".join(pieces), tuple(segments)


def _hidden(node: _Element, paragraph: _Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _HIDDEN_TEXT:
            return True
        parent = parent.getparent()
    return False


def _table(table: _Element, label: str, depth: int = 1) -> Iterator[Piece]:
    """Each non-empty cell row by row, labelled with its row and grid column (merged cells count
    the columns they span, as Word's own ruler does); nested tables inside a cell are labelled
    from it ("表格 1 第 2 行第 1 列 › 表格 1 第 1 行第 1 列"), down to MAX_LABEL_TABLES levels;
    deeper ones take the label of the cell they sit in."""
    opaque = depth > MAX_LABEL_TABLES
    for row_number, row in enumerate(_content(table, ("tr",)), start=1):
        column = 1 + _grid_value(row.find(f"{_W}trPr/{_W}gridBefore"))
        for cell in _content(row, ("tc",)):
            cell_label = label if opaque else f"{label} 第 {row_number} 行第 {column} 列"
            nested = 0
            for element in _content(cell, ("p", "tbl")):
                if element.tag == _W + "p":
                    text, segments = _paragraph_text(element)
                    if text.strip():
                        yield Piece(cell_label, text, segments)
                else:
                    nested += 1
                    inner = cell_label if depth >= MAX_LABEL_TABLES else f"{cell_label} › 表格 {nested}"
                    yield from _table(element, inner, depth + 1)
            column += max(1, _grid_value(cell.find(f"{_W}tcPr/{_W}gridSpan")))


def _grid_value(element: _Element | None) -> int:
    """The w:val of a gridBefore/gridSpan element, 0 when absent or malformed."""
    if element is None:
        return 0
    try:
        return max(0, int(element.get(_W + "val", "0")))
    except ValueError:
        return 0
