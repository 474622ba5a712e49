"""Laying a report out as text: lines broken to a terminal's width, never inside a figure, and
snippets cut from a sentence at clause boundaries.

Chinese has no spaces, so a line may break between almost any two characters; what must stay
whole is a figure (帮32名, 172 个), an ASCII word or path, and the punctuation a line may not
start with (，。）) or end with (（“), as Chinese typesetting (kinsoku) has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# a line may not start with these ...
_NO_START = frozenset("，。、；：！？）」』】》〉”’,.;:!?)]}%‰…·—～~")
# ... nor end with these
_NO_END = frozenset("（「『【《〈“‘([{")
_WORD = re.compile(r"[A-Za-z0-9_./:@#\\+\-]+")
# a number in a message with the unit that follows it: "172 个", "81.3%", "3.7 万次"
_NUMBER = re.compile(r"[-+]?\d[\d,.]*(?:\s?[%‰])?(?:\s?[万亿千百])?(?:\s?[\u4e00-\u9fff])?")
CLAUSE_ENDS = "，、；：,;:"
SENTENCE_ENDS = "。！？!?\n"
ELLIPSIS = "…"


@dataclass
class Line:
    """One logical line of a report: its text (a rich Text), where its continuation lines
    start, and the spans a break may not fall inside."""

    text: object
    indent: int = 0
    keep: list[tuple[int, int]] = field(default_factory=list)


def terminal_width(console) -> int | None:
    """The width to break lines at: a terminal's; None (never hard-wrap) for a pipe or file."""
    return console.width if console.is_terminal else None


def print_lines(console, lines: Sequence[Line], width: int | None, blank: bool = False) -> None:
    """Lines broken to ``width`` (none when None), continuations indented, in one print: each
    print renders on its own (~0.1 ms), a cost a run of a thousand drafts would pay a line."""
    from rich.text import Text

    rendered = []
    for item in lines:
        spans = [(0, len(item.text))] if width is None else wrap(item.text.plain, width,
                                                                  item.indent, item.keep)
        if len(spans) == 1:
            rendered.append(item.text)
            continue
        parts = item.text.divide([end for _, end in spans[:-1]])
        rendered.append(parts[0])
        for (start, _), (_, before), part in zip(spans[1:], spans, parts[1:]):
            # a continuation: the spaces the break fell on dropped, then indented
            rendered.append(Text(" " * item.indent) + part[start - before:])
    if blank:
        rendered.append(Text())
    console.print(Text("\n").join(rendered), soft_wrap=True)


def numbers_in(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers (with their units) in a message: kept whole when it wraps."""
    return [m.span() for m in _NUMBER.finditer(text)]


def breaks(text: str, keep: Iterable[tuple[int, int]] = ()) -> list[bool]:
    """``out[i]`` is True when a line may break before ``text[i]`` (0 < i < len(text))."""
    ok = [True] * (len(text) + 1)
    ok[0] = False
    for m in _WORD.finditer(text):
        for i in range(m.start() + 1, m.end()):
            ok[i] = False
    for start, end in keep:
        for i in range(max(start + 1, 1), min(end, len(text))):
            ok[i] = False
    for i in range(1, len(text)):
        if text[i] in _NO_START or text[i - 1] in _NO_END:
            ok[i] = False
    return ok


def wrap(text: str, width: int, indent: int, keep: Iterable[tuple[int, int]] = (),
         first_indent: int = 0) -> list[tuple[int, int]]:
    """[start, end) of each line of ``text`` broken to ``width`` cells: the first line starts
    after ``first_indent`` cells, the others after ``indent``. A break at a space drops it; a
    run that cannot be broken and is wider than a line is folded where it must be."""
    from rich.cells import cell_len

    if width <= indent + 8:  # a terminal too narrow to lay out: one line, as when piped
        return [(0, len(text))]
    ok = breaks(text, keep)
    lines: list[tuple[int, int]] = []
    start, used, room, last_break = 0, 0, width - first_indent, -1
    i = 0
    while i < len(text):
        if i > start and ok[i]:
            last_break = i
        w = cell_len(text[i])
        if used + w > room and i > start:
            cut = last_break if last_break > start else i  # fold only when nothing else fits
            end = cut
            while end > start and text[end - 1] == " ":
                end -= 1
            lines.append((start, end))
            start = cut
            while start < len(text) and text[start] == " ":
                start += 1
            used, room, last_break = 0, width - indent, -1
            i = start
            continue
        used += w
        i += 1
    lines.append((start, len(text)))
    return lines


def sentence_span(text: str, start: int, end: int, reach: int = 2000) -> tuple[int, int]:
    """[start, end) of the sentence holding text[start:end], looked for within ``reach``."""
    s = start
    floor = max(0, start - reach)
    while s > floor and text[s - 1] not in SENTENCE_ENDS:
        s -= 1
    e = end
    ceiling = min(len(text), end + reach)
    while e < ceiling and text[e] not in SENTENCE_ENDS:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1  # the full stop belongs to its sentence
    return s, e


def cut(text: str, sentence: tuple[int, int], marks: Sequence[tuple[int, int]],
        budget: int = 72) -> tuple[int, int, bool, bool]:
    """The part of a sentence to quote around ``marks``: whole clauses outward from the marked
    ones while they fit in ``budget`` characters, then an ellipsis on a side that was cut.
    Returns (start, end, cut before, cut after)."""
    s, e = sentence
    lo, hi = min(m[0] for m in marks), max(m[1] for m in marks)
    bounds = [i + 1 for i in range(s, e) if text[i] in CLAUSE_ENDS]
    left = max([b for b in bounds if b <= lo], default=s)
    right = min([b for b in bounds if b >= hi], default=e)
    if right - left > budget:  # one clause too long: cut it at a word edge near the figures
        return _inside_clause(text, left, right, lo, hi, budget)
    while True:
        grew = False
        before = max([b for b in bounds if b < left], default=s if left > s else None)
        if before is not None and right - before <= budget:
            left, grew = before, True
        after = min([b for b in bounds if b > right], default=e if right < e else None)
        if after is not None and after - left <= budget:
            right, grew = after, True
        if not grew:
            break
    left, right = _strip(text, left, right)
    return left, right, left > _strip(text, s, e)[0], right < _strip(text, s, e)[1]


def _inside_clause(text: str, left: int, right: int, lo: int, hi: int,
                   budget: int) -> tuple[int, int, bool, bool]:
    room = max(0, budget - (hi - lo)) // 2
    a, b = max(left, lo - room), min(right, hi + room)
    while a > left and a < lo and _WORD.fullmatch(text[a - 1:a + 1] or " "):
        a += 1  # never start inside an ASCII word or a number
    while b < right and b > hi and _WORD.fullmatch(text[b - 1:b + 1] or " "):
        b -= 1
    a, b = _strip(text, a, b)
    return a, b, a > left, b < right


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
