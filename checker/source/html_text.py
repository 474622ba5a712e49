"""HTML drafts: the text a browser shows, one block per line.

Parsed with BeautifulSoup on the standard library's "html.parser", which accepts any markup
(unclosed tags, stray bytes, nonsense nesting) without a compiled dependency. The tree is walked
with an explicit stack, never recursion: pages nested ten thousand deep exist, and must not end
in a RecursionError.
"""

from __future__ import annotations

import re
import warnings

from checker.errors import InputError
from checker.source.encoding import decode
from checker.source.parts import PartsBuilder

UNPARSABLE = "无法解析的HTML (cannot parse HTML)"

# Never shown: code, styling, fallbacks, inert templates, embedded documents and widgets, and
# ruby pronunciation (<rt>) that would split the characters it annotates.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "datalist", "textarea", "audio", "video", "map", "rt", "rp",
})
# Elements that start and end a line, as a browser lays them out.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul", "frameset", "frame",
})
_ONCE = frozenset({"html", "body", "title"})  # no ordinal: a page has one
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; U+3000 and &nbsp; are the author's
# A line break between two Chinese characters is source layout, not a space: CSS Text 3 removes
# it ("segment break transformation"), so "农\n  民工" reads 农民工, as the author wrote it.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")

# A charset the page declares about itself, within its first bytes, as browsers look for it.
_SNIFF = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})""",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:\-]{1,40})""")


def declared_charset(data: bytes) -> str | None:
    """The charset named by a <meta> tag or an XML declaration near the top, if any."""
    head = data[:_SNIFF]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match[1].decode("ascii") if match else None


def read_html(name: str, data: bytes, max_chars: int) -> tuple[str, tuple[tuple[int, str], ...], str]:
    """(text, parts, encoding) of an HTML page: visible text only, a line per block, white space
    inside a block collapsed; parts are labelled "<p> 3" (the third <p> with text, with
    "#id" when it has one) or "表格 T 第 R 行第 C 列" for table cells."""
    markup, encoding = decode(name, data, declared_charset(data))
    from bs4 import BeautifulSoup  # only for HTML drafts

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "looks like a filename/URL", "XML parsed as HTML"
            soup = BeautifulSoup(defuse(markup), "html.parser")
    except Exception as exc:  # hostile input: any failure to parse is the file's, not ours
        raise InputError(name, f"{UNPARSABLE[:-1]}: {type(exc).__name__})") from None
    out = PartsBuilder(name, max_chars)
    _Walker(out).walk(soup)
    return out.text(), out.parts(), encoding


def defuse(markup: str) -> str:
    """``markup`` with every construct that can never be closed resolved as a browser resolves
    it, so html.parser reads it in linear time.

    Before Python 3.13.4 / 3.12.11 (CPython gh-135462), html.parser rescans to the end of the
    input for each "<" whose closing ">" (or "-->", or "]]>") never comes: a megabyte of "</" or
    "<a<b" takes minutes. Constructs whose terminator does come later consume up to it in one
    scan, so only the unclosable ones need care:

    - a "<" with no ">" anywhere after it is text: written as "&lt;";
    - a comment never closed runs to the end of the page, hiding it all: the rest is dropped
      (whatever it says, say "7777万人", is not on the page);
    - a CDATA or conditional section never closed is a bogus comment up to the next ">": it
      is turned into a processing instruction, which html.parser ends there and we skip.
    """
    last_gt = markup.rfind(">")
    if last_gt + 1 < len(markup) and "<" in markup[last_gt + 1:]:
        markup = markup[:last_gt + 1] + markup[last_gt + 1:].replace("<", "&lt;")
    start = _after_last(_COMMENT_CLOSE, markup)
    opened = markup.find("<!--", start)
    if opened != -1:
        markup = markup[:opened]
    for opener, close in _SECTIONS:
        start = _after_last(close, markup)
        if opener.search(markup, start):
            markup = markup[:start] + opener.sub("<?", markup[start:])
    return markup


def _after_last(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of ``pattern`` ends, 0 when there is none."""
    found = None
    for found in pattern.finditer(text):
        pass
    return found.end() if found else 0


# What closes a comment, a CDATA-like marked section and a conditional one ("<![if !IE]>"), in
# html.parser's own terms.
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTIONS = (
    (re.compile(r"<!(?=\[(?:temp|cdata|ignore|include|rcdata)(?![-_.a-zA-Z0-9]))", re.IGNORECASE),
     re.compile(r"]\s*]\s*>")),
    (re.compile(r"<!(?=\[)"), re.compile(r"]\s*>")),
)
MAX_LABEL_TABLES = 3  # deeper tables are labelled by their outermost cells: labels stay short


class _Block:
    """An open block element and its label, numbered only once it shows text."""

    __slots__ = ("tag", "ident", "label", "cell", "table", "nested")

    def __init__(self, tag: str, ident: str | None = None) -> None:
        self.tag = tag
        self.ident = ident
        self.label: str | None = None
        self.cell: str | None = None  # the label of a table cell
        self.table: _Table | None = None  # the counters of a <table>
        self.nested = 0  # tables inside this cell so far


class _Table:
    """Row and column counters of one <table>, for cell labels."""

    __slots__ = ("label", "row", "column", "opaque")

    def __init__(self, label: str, opaque: bool = False) -> None:
        self.label = label
        self.row = 0
        self.column = 1
        self.opaque = opaque  # nested too deep: its cells take the table's label


class _Walker:
    def __init__(self, out: PartsBuilder) -> None:
        self.out = out
        self.counts: dict[str, int] = {}
        self.blocks: list[_Block] = [_Block("html")]
        self.tables: list[_Table] = []
        self.buffer: list[str] = []
        self.pre = 0  # depth inside <pre>, where line breaks are the author's

    def walk(self, soup) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        stack: list[tuple[object, bool]] = [(child, False) for child in reversed(soup.contents)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._close(node)
                continue
            if isinstance(node, NavigableString):
                if not isinstance(node, PreformattedString):  # comments, doctype, CDATA, <?pi?>
                    self._string(str(node))
                continue
            if not isinstance(node, Tag):
                continue
            # <head> is looked through, not skipped: its <title> is shown (as the window's
            # caption), the rest holds no text, and a page that never closes it has its body
            # inside it as html.parser reads it.
            tag = (node.name or "").lower()
            if tag in _SKIP or _hidden(node):
                continue
            if tag == "br":
                self._flush()
                continue
            if tag in _BLOCKS:
                self._open(node, tag)
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        self._flush()

    def _string(self, text: str) -> None:
        if not self.pre:
            self.buffer.append(text)
            return
        lines = text.split("\n")
        for line in lines[:-1]:
            self.buffer.append(line)
            self._flush()
        self.buffer.append(lines[-1])

    def _open(self, node, tag: str) -> None:
        self._flush()
        ident = node.get("id")
        ident = ident if isinstance(ident, str) and ident.strip() else None
        block = _Block(tag, ident)
        if tag == "table":
            cell = self._cell()
            if cell is not None and len(self.tables) >= MAX_LABEL_TABLES:
                block.table = _Table(cell.cell or "", opaque=True)
            elif cell is not None:
                cell.nested += 1
                block.table = _Table(f"{cell.cell} › 表格 {cell.nested}")
            else:
                block.table = _Table(f"表格 {self._count('table')}")
            self.tables.append(block.table)
        elif tag == "tr" and self.tables:
            self.tables[-1].row += 1
            self.tables[-1].column = 1
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if table.opaque:
                block.cell = block.label = table.label
            else:
                block.cell = block.label = f"{table.label} 第 {max(table.row, 1)} 行第 {table.column} 列"
            table.column += _span(node.get("colspan"))
        elif tag == "pre":
            self.pre += 1
        self.blocks.append(block)

    def _close(self, node) -> None:
        self._flush()
        block = self.blocks.pop()
        if block.table is not None:
            self.tables.pop()
        if block.tag == "pre":
            self.pre -= 1

    def _cell(self) -> _Block | None:
        """The innermost open table cell, if the innermost open table is around it."""
        for block in reversed(self.blocks):
            if block.cell is not None:
                return block
            if block.table is not None:
                return None
        return None

    def _count(self, tag: str) -> int:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        return self.counts[tag]

    def _flush(self) -> None:
        """End the current line: its text, white space collapsed, goes out under the innermost
        block's label."""
        if not self.buffer:
            return
        text = _SPACE.sub(" ", _WIDE_BREAK.sub("", "".join(self.buffer))).strip()
        self.buffer.clear()
        if not text:
            return
        block = self.blocks[-1]
        if block.label is None:
            if block.tag in _ONCE:
                block.label = f"<{block.tag}>"
            else:
                block.label = f"<{block.tag}> {self._count(block.tag)}"
            if block.ident:
                block.label += f" #{block.ident}"
        self.out.add(block.label, text)


def _hidden(node) -> bool:
    """Hidden by the page itself: the ``hidden`` attribute or an inline display:none."""
    if node.has_attr("hidden"):
        return True
    style = node.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _span(value) -> int:
    """A colspan as a browser reads it: a positive integer, else 1."""
    try:
        return min(max(int(str(value).strip()), 1), 1000)
    except ValueError:
        return 1
