"""Inline suppression: ``<!-- figcheck: ignore RULE[,RULE] -->`` in the draft itself.

Directives are HTML comments, so they vanish when Markdown or HTML is rendered and stay beside
the words they excuse. Three forms:

- ``<!-- figcheck: ignore range.rate -->`` silences the named rules (ids or groups, separated by
  commas) for the figures on the directive's own line; alone on its line, it silences them for
  the next line that has text (blank lines and other directives in between are passed over);
- ``<!-- figcheck: ignore -->`` does the same for every rule;
- ``<!-- figcheck: ignore-file RULE -->`` silences the rules for the whole draft (with no rule:
  every rule).

A finding is silenced when a directive covers any one of its figures (a repeat can be excused at
either statement). A malformed directive (bad syntax, an unknown rule) is a finding of its own,
``figcheck.bad-directive``, and one that silenced nothing is ``figcheck.unused-directive``: a
suppression outliving the problem it excused would silence the next, real one.

In an HTML draft the comments are gone from the text a reader sees (Document.text); they are found
in the markup, and their place in the visible text is recovered by reading the page again with
each directive replaced by a marker (the same reader, so the same lines).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.errors import UserError
from checker.rules.model import Finding, Location, Rule

DIRECTIVE_KIND = "directive"  # no kind module: these rules are judged here, not by the engine

BAD_DIRECTIVE = Rule(
    id="figcheck.bad-directive", kind=DIRECTIVE_KIND, severity="error",
    message={
        "zh": "无法使用的 figcheck 指令 {directive}：{problem}",
        "en": "Unusable figcheck directive {directive}: {problem}",
    },
    why={
        "zh": "写错的压制指令不会压制任何问题，作者却以为已经处理过。指令须写作 "
              "<!-- figcheck: ignore 规则[,规则] --> 或 <!-- figcheck: ignore-file 规则 -->，"
              "规则须为 figcheck rules 列出的规则或组名。",
        "en": "A misspelt suppression silences nothing while its author believes the problem is "
              "handled. Write <!-- figcheck: ignore RULE[,RULE] --> or <!-- figcheck: ignore-file "
              "RULE -->, with rule ids or groups that figcheck rules lists.",
    },
    examples={
        "fail": ["建会企业集体协商建制率达102.1%。<!-- figcheck: ignore range.rates -->"],
        "pass": ["建会企业集体协商建制率达102.1%。<!-- figcheck: ignore range.rate -->"],
    },
    source="checker/rules/suppress.py (built in)",
)

UNUSED_DIRECTIVE = Rule(
    id="figcheck.unused-directive", kind=DIRECTIVE_KIND, severity="warning",
    message={
        "zh": "figcheck 指令 {directive} 没有压制任何问题{which}，可以删除。",
        "en": "The figcheck directive {directive} suppressed nothing{which}; remove it.",
    },
    why={
        "zh": "问题改正后留下的压制指令会悄悄压制以后在同一处出现的新问题。",
        "en": "A suppression left behind after its problem was fixed would silently hide the next "
              "problem at the same place.",
    },
    examples={
        "fail": ["建会企业集体协商建制率达92.1%。<!-- figcheck: ignore range.rate -->"],
        "pass": ["建会企业集体协商建制率达102.1%。<!-- figcheck: ignore range.rate -->"],
    },
    source="checker/rules/suppress.py (built in)",
)

DIRECTIVE_RULES: tuple[Rule, ...] = (BAD_DIRECTIVE, UNUSED_DIRECTIVE)

_OPEN = re.compile(r"<!--\s*figcheck\b", re.IGNORECASE)
_CLOSE = "-->"
_FORM = re.compile(r"\s*:\s*(?P<verb>ignore-file|ignore)(?=\s|,|$)(?P<names>.*)", re.DOTALL)
_NAME = re.compile(r"[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
_MARK = "FIGCHECKDIRECTIVE{}END"
_MARK_RE = re.compile(r"FIGCHECKDIRECTIVE(\d+)END")

_PROBLEMS = {
    "syntax": {
        "zh": "应写作 <!-- figcheck: ignore 规则[,规则] --> 或 <!-- figcheck: ignore-file 规则 -->",
        "en": "expected <!-- figcheck: ignore RULE[,RULE] --> or <!-- figcheck: ignore-file RULE -->",
    },
    "unclosed": {"zh": "注释没有以 --> 结束", "en": "the comment is not closed with -->"},
    "unknown": {"zh": "没有这条规则：{names}", "en": "no such rule or group: {names}"},
}
_UNUSED_NAMES = {"zh": "（未用到：{names}）", "en": " (unused: {names})"}


@dataclass
class Directive:
    """One directive of one draft, and what it silenced during this run."""

    path: str
    raw: str  # the comment as written
    start: int  # where it stands in Document.text (for HTML: where its marker fell)
    end: int
    scope: str = "line"  # "line" or "file"
    names: tuple[str, ...] = ()  # the known rule ids and groups it names; () with every_rule
    every_rule: bool = False
    lines: frozenset[int] = frozenset()  # the lines of Document.text it covers (scope "line")
    problem: str | None = None  # "syntax", "unclosed" or "unknown": it is malformed
    unknown: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)  # the names that silenced something ("*": all)

    def covers(self, rule_id: str, loc: Location) -> str | None:
        """The name under which this directive silences ``rule_id`` at ``loc``, if it does."""
        if self.problem in ("syntax", "unclosed") or loc.path != self.path:
            return None
        if self.scope == "line" and loc.line not in self.lines:
            return None
        if self.every_rule:
            return "*"
        return next((n for n in self.names if _names(n, rule_id)), None)


def _names(name: str, rule_id: str) -> bool:
    return rule_id == name or rule_id.startswith(name + ".")


def known_names(rules: Iterable[Rule]) -> set[str]:
    """Every rule id and every group prefix a directive may name."""
    out: set[str] = set()
    for r in rules:
        parts = r.id.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return out


def find_directives(doc, known: set[str]) -> list[Directive]:
    """The directives of a draft, each with the lines of Document.text it covers."""
    if doc.source_format == "html":
        return _html_directives(doc, known)
    text = doc.text
    directives = _parse(doc.path, text, known)
    if not directives:
        return []
    starts = _line_starts(text)
    blank = _blanked(text, directives)
    for d in directives:
        if d.scope == "file" or d.problem in ("syntax", "unclosed"):
            continue
        first, last = _line_at(starts, d.start), _line_at(starts, max(d.start, d.end - 1))
        own = all(not _line_text(blank, starts, n).strip() for n in range(first, last + 1))
        if own:
            target = next((n for n in range(last + 1, len(starts) + 1)
                           if _line_text(blank, starts, n).strip()), None)
            d.lines = frozenset({target}) if target else frozenset()
        else:
            d.lines = frozenset(range(first, last + 1))
    return directives


def apply_directives(reports: Sequence, active: Sequence[Rule], all_rules: Iterable[Rule],
                     lang: str) -> list:
    """The reports with the findings the drafts' directives silence removed, and the malformed
    and unused directives added as findings (when their rules are among ``active``)."""
    known = known_names(all_rules)
    directives = {r.doc.path: find_directives(r.doc, known) for r in reports}
    if not any(directives.values()):
        return list(reports)
    every = [d for ds in directives.values() for d in ds]
    out = []
    for report in reports:
        kept = []
        for finding in report.findings:
            hits = [(d, name) for d in every for loc in finding.locations
                    if (name := d.covers(finding.rule, loc)) is not None]
            for d, name in hits:
                d.used.add(name)
            if not hits:
                kept.append(finding)
        out.append(replace(report, findings=kept))
    by_id = {r.id: r for r in active}
    for i, report in enumerate(out):
        extra = _directive_findings(report.doc, directives[report.doc.path], active, by_id, lang)
        if extra:
            out[i] = replace(report, findings=sorted(report.findings + extra, key=Finding.sort_key))
    return out


def _directive_findings(doc, directives: list[Directive], active: Sequence[Rule],
                        by_id: dict[str, Rule], lang: str) -> list[Finding]:
    ran = [r for r in active if r.kind != DIRECTIVE_KIND
           and not (r.needs_date and doc.published is None)]
    out: list[Finding] = []
    bad, unused = by_id.get(BAD_DIRECTIVE.id), by_id.get(UNUSED_DIRECTIVE.id)
    starts = _line_starts(doc.text) if directives else []
    for d in directives:
        where = _location(doc, d, starts)
        shown = _shown(d.raw)
        if d.problem and bad is not None:
            problem = _PROBLEMS[d.problem][lang].format(names=", ".join(d.unknown))
            out.append(Finding(bad.id, bad.severity,
                               bad.message[lang].format(directive=shown, problem=problem), (where,)))
        if d.problem in ("syntax", "unclosed") or unused is None:
            continue
        if d.every_rule:
            if not d.used:
                out.append(Finding(unused.id, unused.severity, unused.message[lang].format(
                    directive=shown, which=""), (where,)))
            continue
        relevant = [n for n in d.names if any(_names(n, r.id) for r in ran)]
        idle = [n for n in relevant if n not in d.used]
        if relevant and idle:
            which = "" if len(idle) == len(d.names) else \
                _UNUSED_NAMES[lang].format(names=", ".join(idle))
            out.append(Finding(unused.id, unused.severity, unused.message[lang].format(
                directive=shown, which=which), (where,)))
    return out


def _parse(path: str, text: str, known: set[str]) -> list[Directive]:
    """Every comment that starts ``<!-- figcheck``, read (offsets into ``text``)."""
    out: list[Directive] = []
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        close = text.find(_CLOSE, m.end())
        if close < 0:
            line_end = text.find("\n", m.start())
            end = len(text) if line_end < 0 else line_end
            out.append(Directive(path, text[m.start():end], m.start(), end, problem="unclosed"))
            break
        end = close + len(_CLOSE)
        out.append(_read(path, text[m.start():end], text[m.end():close], m.start(), end, known))
        pos = end
    return out


def _read(path: str, raw: str, body: str, start: int, end: int, known: set[str]) -> Directive:
    d = Directive(path, raw, start, end)
    form = _FORM.fullmatch(body)
    if form is None:
        d.problem = "syntax"
        return d
    d.scope = "file" if form["verb"] == "ignore-file" else "line"
    tokens = [t for t in re.split(r"[\s,]+", form["names"]) if t]
    if any(not _NAME.fullmatch(t) for t in tokens):
        d.problem = "syntax"
        return d
    d.every_rule = not tokens
    d.names = tuple(t for t in tokens if t in known)
    d.unknown = tuple(t for t in tokens if t not in known)
    if d.unknown:
        d.problem = "unknown"
    return d


def _html_directives(doc, known: set[str]) -> list[Directive]:
    """Directives in an HTML draft: found in its markup, placed in its visible text by reading
    the page again with each directive replaced by a marker."""
    from checker.source.encoding import decode
    from checker.source.html_text import declared_charset, read_html
    from checker.source.parts import MAX_TEXT_CHARS

    try:
        data = Path(doc.path).read_bytes()
        markup, _ = decode(doc.path, data, declared_charset(data))
    except (OSError, ValueError, UserError):  # read once already; gone or changed since
        return []
    found = _parse(doc.path, markup, known)
    if not found:
        return []
    marked, last = [], 0
    for i, d in enumerate(found):
        marked.append(markup[last:d.start])
        marked.append(_MARK.format(i))
        last = d.end
    marked.append(markup[last:])
    try:  # a byte-order mark: the reader decodes the marked page as UTF-8, whatever it declares
        shown, _, _ = read_html(doc.path, b"\xef\xbb\xbf" + "".join(marked).encode("utf-8"),
                                MAX_TEXT_CHARS + len(found) * 32)
    except Exception:  # noqa: BLE001 - the page was read once already; positions are a bonus
        shown = ""
    text = doc.text
    solid = [i for i, c in enumerate(text) if not c.isspace()]
    plain = _MARK_RE.sub("", shown)
    if [c for c in plain if not c.isspace()] != [text[i] for i in solid]:
        shown = ""  # the marked page does not read as the draft did: no lines, only ignore-file
    starts = _line_starts(text)
    placed: dict[int, int] = {}  # directive index -> offset in text
    covered: dict[int, frozenset[int]] = {}
    before_line = 0  # visible characters before the current line of the marked text
    for line in shown.split("\n"):
        for m in _MARK_RE.finditer(line):
            seen = _solid(line[:m.start()])
            count = before_line + seen
            at = solid[count] if count < len(solid) else len(text)
            placed[int(m[1])] = at
            # text before it on its line: that line; otherwise (alone on its line, or first on
            # it) the line of the next visible character
            target = solid[count - 1] if seen else at
            covered[int(m[1])] = frozenset({_line_at(starts, target)}) if target < len(text) \
                else frozenset()
        before_line += _solid(line)
    out = []
    for i, d in enumerate(found):
        at = placed.get(i, 0)
        d.start = d.end = at
        if d.scope == "line":
            d.lines = covered.get(i, frozenset())
        out.append(d)
    return out


def _solid(text: str) -> int:
    """Visible characters of a piece of the marked text: no spaces, no markers."""
    return sum(1 for c in _MARK_RE.sub("", text) if not c.isspace())


def _location(doc, d: Directive, starts: list[int]) -> Location:
    line = _line_at(starts, d.start)
    column = d.start - starts[line - 1] + 1
    return Location(doc.path, d.start, d.end, line, column, _shown(d.raw, 120),
                    doc.text[d.start:d.end])


def _shown(raw: str, limit: int = 80) -> str:
    folded = " ".join(raw.split())
    return folded if len(folded) <= limit else folded[:limit - 1] + "…"


def _blanked(text: str, directives: list[Directive]) -> str:
    """``text`` with every directive replaced by spaces (line breaks kept)."""
    chars = list(text)
    for d in directives:
        for i in range(d.start, d.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _line_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _line_text(text: str, starts: list[int], line: int) -> str:
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(text)
    return text[start:end]
