"""`--format docx`: a copy of each Word draft with a Word comment on each finding's figures.

The comments are anchored through the same walk that read the draft (checker/source/docx_text.py
``map_docx``), so the offsets of a finding and the characters its comment marks cannot disagree.
Only comment ranges and references are added: where a figure starts or ends inside a run, the run
(w:r) is split into runs with identical properties, and their text, joined, is the run's.

A comment reads the finding's message, then its rule id in brackets, authored "figcheck". A
finding has one comment on each of its figures in the draft; a location on a tab or a line break,
or one no w:t holds, is anchored on the whole runs around it; a finding none of whose places can
be found in the Word text is noted on the draft's first paragraph, and counted apart.

python-docx is imported only here and in the reading of Word drafts, never for other formats.
"""

from __future__ import annotations

import copy
import io
import os
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError, UserError

AUTHOR = "figcheck"
INITIALS = "FC"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_UNPLACED = {
    "zh": "（未能在原文中定位，批注于首段）",
    "en": " (its place in the text could not be found: noted on the first paragraph)",
}
_CHANGED = "稿件在检查之后已改动，无法写入批注 (the draft changed after it was checked)"
_CANNOT_READ = "无法读取 (cannot read)"
_NEEDS_OUTPUT = ("--format docx 需要 --output：一篇稿件时为要写入的文件，多篇时为文件夹 "
                 "(--format docx needs --output: the file to write, or a folder for several drafts)")
_NOT_DOCX = ("不是 Word 稿件 (.docx)，--format docx 无法写入批注 "
             "(not a .docx draft: --format docx writes comments into Word drafts only)")
_OVERWRITE = "不会覆盖原稿 (refusing to overwrite a draft being checked)"
_NOT_FOLDER = "多篇稿件时 --output 须为文件夹 (with several drafts --output must be a folder)"


@dataclass(frozen=True)
class Commented:
    """A commented copy of a draft: its bytes, the comments written, and how many of them are
    on the first paragraph because their finding's place could not be found."""

    data: bytes
    comments: int
    unplaced: int = 0


def commented_docx(data: bytes, report, lang: str = "zh") -> tuple[bytes, int]:
    """(the .docx ``data`` with a comment on each finding's figures, the number of comments).

    ``report`` is the checker.check.DocumentReport of that very draft (its ``doc`` read from
    ``data``); its findings' messages are already in the run's language, and ``lang`` ("zh",
    "en") is that of the words figcheck adds. A draft without findings is returned unchanged.
    An InputError when ``data`` is not a readable .docx or not the draft the report was made
    from."""
    done = comment_draft(data, report, lang)
    return done.data, done.comments


def comment_draft(data: bytes, report, lang: str = "zh") -> Commented:
    """commented_docx, also counting the comments put on the first paragraph."""
    if not report.findings:
        return Commented(data, 0)  # nothing to say: the copy is the draft, byte for byte
    from checker.source.docx_text import map_docx, place_pieces, walk_body

    doc = report.doc
    mapped = map_docx(doc.path, data)
    if mapped.text != doc.text:
        raise InputError(doc.path, _CHANGED)
    placed, unplaced = _anchors(report, mapped.text, mapped.pieces)
    _cut_runs(mapped.pieces, [span for span, _ in placed])
    # the runs are split: the same walk again, so every boundary is now the edge of a run
    text, _, pieces = place_pieces(doc.path, walk_body(mapped.document.element.body))
    if text != mapped.text:  # a split that changed the text would be a bug here, not the user's
        raise RuntimeError(f"{doc.path}: splitting runs changed the text")
    finder = _Finder(pieces)
    document = mapped.document
    written = 0
    commented: set[int] = set()  # id() of the findings with a comment on a figure
    for (start, end), finding in placed:
        runs = finder.runs(start, end)
        if runs is not None:
            _comment(document, runs, comment_text(finding))
            written += 1
            commented.add(id(finding))
    for _, finding in placed:  # no run held any of its places
        if id(finding) not in commented and all(f is not finding for f in unplaced):
            unplaced.append(finding)
    on_first = 0
    first = finder.first_runs()
    if first is not None:
        for finding in unplaced:
            _comment(document, first, comment_text(finding, _UNPLACED.get(lang, _UNPLACED["en"])))
            on_first += 1
    out = io.BytesIO()
    document.save(out)
    return Commented(out.getvalue(), written + on_first, on_first)


# -- the command line: where each copy goes -------------------------------------------------------

def plan_copies(run, output: str | None) -> list[tuple[object, Path]]:
    """(report, file to write) for each draft of a `figcheck check` run, refusing, before anything
    is written: no --output, a draft that is not a .docx, a copy that would replace a draft.

    With one draft ``output`` is the file to write (or a folder that exists); with several it is
    a folder, and each copy goes under it by its draft's file name (drafts of one name in
    different folders keep their paths below the folders' common parent)."""
    if not output:
        raise UserError(_NEEDS_OUTPUT)
    reports = list(run.reports)
    for report in reports:
        if report.doc.source_format != "docx":
            raise UserError(f"{report.doc.path}: {_NOT_DOCX}")
    if not reports:
        return []
    out = Path(output)
    if len(reports) > 1 or out.is_dir():
        if out.exists() and not out.is_dir():
            raise UserError(f"{output}: {_NOT_FOLDER}")
        targets = [out / name for name in _own_names([r.doc.path for r in reports])]
    else:
        targets = [out]
    drafts = [r.doc.path for r in reports]
    for target in targets:
        if any(_same_file(target, draft) for draft in drafts):
            raise UserError(f"{target}: {_OVERWRITE}")
    return list(zip(reports, targets))


def write_copy(report, target: Path, lang: str = "zh") -> Commented:
    """The draft of ``report`` read again, commented, and written to ``target``."""
    path = report.doc.path
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(path, f"{_CANNOT_READ[:-1]}: {err.strerror or err})") from None
    done = comment_draft(data, report, lang)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(done.data)
    except OSError as err:
        raise UserError(f"{target}: 无法写入 (cannot write): {err.strerror or err}") from None
    return done


def summary(target: Path, done: Commented) -> str:
    """The line on standard error once a copy is written."""
    n = done.comments
    line = (f"figcheck: 批注已写入 (comments written to) {target}：{n} 条 "
            f"({n} comment{'' if n == 1 else 's'})")
    if done.unplaced:
        line += (f"，其中 {done.unplaced} 条未能定位，批注于首段 "
                 f"({done.unplaced} on the first paragraph: their place was not found)")
    return line


def _own_names(paths: list[str]) -> list[str]:
    """Each draft's file name; when two share one, each path below the drafts' common folder."""
    names = [Path(p).name for p in paths]
    if len(set(names)) == len(names):
        return names
    absolute = [os.path.abspath(p) for p in paths]
    base = os.path.commonpath([os.path.dirname(p) for p in absolute])
    return [os.path.relpath(p, base) for p in absolute]


def _same_file(target: Path, draft: str) -> bool:
    try:
        return os.path.samefile(target, draft)
    except OSError:  # one of them does not exist (yet): not the same file
        return os.path.abspath(target) == os.path.abspath(draft)


# -- where each comment goes ----------------------------------------------------------------------

def comment_text(finding, note: str = "") -> str:
    """What a comment says: the finding's message (and ``note``), then its rule id in brackets."""
    return f"{finding.message}{note} [{finding.rule}]"


def _anchors(report, text: str, pieces) -> tuple[list, list]:
    """([((start, end), finding)] sorted by place, [finding with no place in the text])."""
    path = report.doc.path
    starts = [p.start for p in pieces]
    placed: list = []
    unplaced: list = []
    for finding in report.findings:
        spans = dict.fromkeys(
            span for loc in finding.locations
            if loc.path == path and (span := _span(loc, text, pieces, starts)) is not None
        )
        if not spans:
            unplaced.append(finding)
        placed.extend((span, finding) for span in spans)
    placed.sort(key=lambda item: item[0])
    return placed, unplaced


def _span(loc, text: str, pieces, starts: list[int]) -> tuple[int, int] | None:
    """A location's [start, end) narrowed to the pieces' text (not the line breaks joining
    them); None when it is not in this text."""
    start, end = loc.start, loc.end
    if not 0 <= start <= end <= len(text) or not pieces:
        return None
    if loc.text and text[start:end] != loc.text:
        return None  # offsets of another version of the draft (an old ledger record, say)
    if start == end:
        end = start + 1  # a point: the character at it
    i = max(0, bisect_right(starts, start) - 1)
    if start >= pieces[i].end:  # on the line break after a piece: the next one starts it
        if i + 1 >= len(pieces):
            return None
        start = pieces[i + 1].start
    j = max(0, bisect_right(starts, end - 1) - 1)
    end = min(end, pieces[j].end)
    return (start, end) if start < end else None


class _Finder:
    """The segment at an offset of the document's text, and the run (w:r) holding it."""

    def __init__(self, pieces) -> None:
        self._pieces = pieces
        self._starts = [p.start for p in pieces]
        self._segment_starts: dict[int, list[int]] = {}

    def segment(self, offset: int):
        """(segment holding ``offset``, the offset where it starts); None on a line break
        between pieces or outside the text."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self._pieces[i].end:
            return None
        piece = self._pieces[i]
        starts = self._segment_starts.get(i)
        if starts is None:
            starts = self._segment_starts[i] = [s.start for s in piece.segments]
        segment = piece.segments[bisect_right(starts, offset - piece.start) - 1]
        return segment, piece.start + segment.start

    def runs(self, start: int, end: int):
        """(first run, last run) covering [start, end); None when no run holds an end."""
        first, last = self.segment(start), self.segment(end - 1)
        if first is None or last is None:
            return None
        runs = _run_of(first[0].node), _run_of(last[0].node)
        return None if None in runs else runs

    def first_runs(self):
        """(first run, last run) of the first paragraph that has runs holding its text."""
        for piece in self._pieces:
            runs = [r for r in (_run_of(s.node) for s in piece.segments) if r is not None]
            if runs:
                return runs[0], runs[-1]
        return None


def _run_of(node):
    parent = node.getparent()
    while parent is not None and parent.tag != _W + "r":
        if parent.tag == _W + "p":
            return None
        parent = parent.getparent()
    return parent


def _cut_runs(pieces, spans: list[tuple[int, int]]) -> None:
    """Split runs so that each span starts and ends at the edge of a run wherever a w:t holds
    its first or last character; a tab or a line break there keeps its whole run."""
    finder = _Finder(pieces)
    cuts: dict[object, set[int]] = {}
    for start, end in spans:
        first, last = finder.segment(start), finder.segment(end - 1)
        if first is not None and first[0].is_text:
            cuts.setdefault(first[0].node, set()).add(start - first[1])
        if last is not None and last[0].is_text:
            cuts.setdefault(last[0].node, set()).add(end - last[1])
    for node, at in cuts.items():
        for index in sorted(at, reverse=True):  # from the right: the left part stays in place
            _cut(node, index)


def _cut(node, index: int) -> None:
    """Split the run holding the w:t ``node`` before its character ``index``: a new run with
    the same properties takes what follows."""
    from docx.oxml.parser import OxmlElement

    run = node.getparent()
    if run is None or run.tag != _W + "r":
        return  # a w:t outside a run: anchored on what holds it, unsplit
    content = [child for child in run if child.tag != _W + "rPr"]
    k = next(n for n, child in enumerate(content) if child is node)
    text = node.text or ""
    if index <= 0:
        moved = content[k:]
    elif index >= len(text):
        moved = content[k + 1:]
    else:
        tail = copy.deepcopy(node)
        preserved = node.get(_XML_SPACE) == "preserve"
        node.text, tail.text = text[:index], text[index:]
        if preserved or node.text[-1].isspace():
            node.set(_XML_SPACE, "preserve")
        if preserved or tail.text[0].isspace():
            tail.set(_XML_SPACE, "preserve")
        moved = [tail] + content[k + 1:]
    if not moved or len(moved) == len(content) and moved[0] is content[0]:
        return  # the cut is at an edge of the run already
    new = OxmlElement("w:r")
    for key, value in run.attrib.items():
        new.set(key, value)
    properties = run.find(_W + "rPr")
    if properties is not None:
        new.append(copy.deepcopy(properties))
    for child in moved:
        new.append(child)
    run.addnext(new)


def _comment(document, runs, text: str) -> None:
    from docx.text.run import Run

    first, last = runs
    document.add_comment([Run(first, document), Run(last, document)], text=text, author=AUTHOR,
                         initials=INITIALS)
