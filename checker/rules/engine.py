"""Running rules: each kind derives a table of candidates, and the rule's declared pandera checks
decide which candidates are findings.

A candidate carries ``gap`` (how far its figures are from agreeing when every reading their
intervals and rounding allow is tried; > 0 means no reading agrees) and ``gap_exact`` (the same
without rounding). The rule declares checks on those columns; rows that fail are findings, and
rows that fail only the unrounded check are discrepancies rounding could explain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from checker.extract import Extraction, Figure
from checker.rules.model import SEVERITY_RANK, Check, Finding, Location, Rule
from checker.source import Document

if TYPE_CHECKING:
    from checker.relate import Relation

SNIPPET_RADIUS = 40


@dataclass(frozen=True)
class Candidate:
    """A tuple of figures a kind asks a rule to judge."""

    figures: tuple[Figure, ...]
    gap: float
    gap_exact: float
    facts: dict[str, Any] = field(default_factory=dict)  # placeholders for the message
    # more text that is wrong besides the figures, as [start, end) in the draft (a weekday)
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class View:
    """What a kind may look at: the document, its figures and sentences."""

    doc: Document
    figures: list[Figure]
    sentences: list[tuple[int, int]]

    @property
    def text(self) -> str:
        return self.doc.text

    def after(self, f: Figure, n: int) -> str:
        return self.doc.text[f.end:f.end + n]

    def before(self, f: Figure, n: int) -> str:
        return self.doc.text[max(0, f.start - n):f.start]

    def between(self, a: Figure, b: Figure) -> str:
        return self.doc.text[a.end:b.start]

    def sentence_text(self, f: Figure) -> str:
        s, e = self.sentences[f.sentence]
        return self.doc.text[s:e]

    @cached_property
    def memo(self) -> dict:
        """Work several kinds share on this draft (a figure's key), done once."""
        return {}

    @cached_property
    def relations(self) -> list[Relation]:
        """How the figures relate (checker/relate), found once per draft for every kind."""
        from checker.relate import relate

        return relate(self.doc.text, self.figures)

    def by_sentence(self) -> dict[int, list[Figure]]:
        out: dict[int, list[Figure]] = {}
        for f in self.figures:
            out.setdefault(f.sentence, []).append(f)
        return out


def snippet(doc: Document, sentences: Sequence[tuple[int, int]], f: Figure) -> str:
    """The sentence around a figure, cut to a readable window, with line breaks folded."""
    s, e = sentences[f.sentence] if f.sentence < len(sentences) else (f.start, f.end)
    s = max(s, f.start - SNIPPET_RADIUS)
    e = min(e, f.end + SNIPPET_RADIUS)
    text = doc.text[s:e].strip()
    return " ".join(text.split())


def location(doc: Document, sentences: Sequence[tuple[int, int]], f: Figure) -> Location:
    return Location(doc.path, f.start, f.end, f.line, f.column, snippet(doc, sentences, f), f.text)


def span_location(doc: Document, sentences: Sequence[tuple[int, int]], start: int, end: int,
                  near: Figure) -> Location:
    """A location for text that is not a figure (a weekday), in the sentence of the figure
    ``near`` it; line and column counted as the extractor counts a figure's."""
    line = doc.text.count("\n", 0, start) + 1
    column = start - (doc.text.rfind("\n", 0, start) + 1) + 1
    return Location(doc.path, start, end, line, column, snippet(doc, sentences, near),
                    doc.text[start:end])


@lru_cache(maxsize=256)
def _schema(check_items: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]):
    import pandera.polars as pa

    columns = {
        column: pa.Column(float, checks=[getattr(pa.Check, name)(arg) for name, arg in checks],
                          nullable=False)
        for column, checks in check_items
    }
    return pa.DataFrameSchema(columns, strict=False)


_UNROUNDED = "gap_unrounded"  # gap_exact under the checks declared for gap


def _failing_rows(rule: Rule, rows: list[dict[str, float]]) -> tuple[set[int], set[int]]:
    """Indexes of rows that fail the rule's declared checks, and of rows that fail them with
    ``gap_exact`` (no rounding allowed) in place of ``gap``: one validation for both."""
    import polars as pl
    from pandera.errors import SchemaErrors

    items = [(column, tuple(sorted(checks.items()))) for column, checks in sorted(rule.check.items())]
    values = {column: [row.get(column) for row in rows] for column, _ in items}
    if rule.rounding != "ignore" and "gap" in rule.check:
        items.append((_UNROUNDED, tuple(sorted(rule.check["gap"].items()))))
        values[_UNROUNDED] = [row.get("gap_exact") for row in rows]
    # only the checked columns, all floats: a fact a candidate lacks is null, and fails
    frame = pl.DataFrame(values, schema={column: pl.Float64 for column in values}, strict=False)
    try:
        _schema(tuple(items)).validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases.select("column", "index").drop_nulls("index").iter_rows()
        cases = [(column, int(i)) for column, i in cases]
        return ({i for column, i in cases if column != _UNROUNDED},
                {i for column, i in cases if column != "gap"})
    return set(), set()


def candidates_of(rule: Rule, view: View) -> list[Candidate]:
    """The candidate tuples the rule's kind derives from one document."""
    from checker.rules.kinds import KINDS

    if rule.needs_date and view.doc.published is None:
        return []
    return list(KINDS[rule.kind].derive(view, rule.params))


def verdicts(rule: Rule, candidates: Sequence[Candidate]) -> list[tuple[int, str, bool]]:
    """(index, severity, rounding) of each candidate that fails: the rows that fail the rule's
    declared checks, then (when the rule asks for them) those that fail only before rounding is
    allowed for (``rounding`` true)."""
    if not candidates:
        return []
    rows = [{"gap": c.gap, "gap_exact": c.gap_exact, **{k: v for k, v in c.facts.items()
                                                          if isinstance(v, float)}}
            for c in candidates]
    failing, unrounded = _failing_rows(rule, rows)
    out = [(i, candidates[i].facts.get("severity", rule.severity), False) for i in sorted(failing)]
    if rule.rounding != "ignore":
        severity = min(rule.severity, rule.rounding, key=SEVERITY_RANK.__getitem__)
        out += [(i, severity, True) for i in sorted(unrounded - failing)]
    return out


def judge(rule: Rule, candidates: Sequence[Candidate], lang: str,
          locate: Callable[[Figure], Location]) -> list[Finding]:
    """Findings among the candidates (see verdicts)."""
    return [_finding(rule, candidates[i], severity, lang, rounding, locate)
            for i, severity, rounding in verdicts(rule, candidates)]


_ROUNDING_NOTE = {
    "zh": "（按所写精度四舍五入可以解释这一差异）",
    "en": " (rounding at the stated precision could explain this)",
}
_EXACT_NOTE = {
    "zh": "（已考虑约数与四舍五入，仍无法一致）",
    "en": " (no reading within the approximations and rounding agrees)",
}


def _finding(rule: Rule, c: Candidate, severity: str, lang: str, rounding: bool,
             locate: Callable[[Figure], Location],
             locate_span: Callable[[int, int, Figure], Location] | None = None) -> Finding:
    from checker.report.describe import number

    # a figure broken over lines by layout ("102.1\n%") is quoted on one line
    facts = {k: (number(v, lang) if isinstance(v, float) else _one_line(v)) for k, v in c.facts.items()}
    for k, v in c.facts.items():  # a list of figures, in the punctuation of the language
        if isinstance(v, tuple):
            facts[k] = ("、" if lang == "zh" else ", ").join(_one_line(x) for x in v)
    for i, f in enumerate(c.figures):
        facts.setdefault(f"text{i}", f.text.replace("\n", ""))
        facts.setdefault(f"metric{i}", f.metric or f.text)
    if c.figures:  # the unit a gap between the figures is counted in: 个, 万元, points
        facts.setdefault("by_unit", gap_unit(c.figures[0], "zh"))
        facts.setdefault("by_unit_en", gap_unit(c.figures[0], "en"))
    message = rule.message[lang].format_map(_Missing(facts))
    if c.facts.get("tolerance_note", True):
        message += (_ROUNDING_NOTE if rounding else _EXACT_NOTE)[lang]
    places = tuple(locate(f) for f in c.figures)
    if c.spans and c.figures and locate_span is not None:
        places += tuple(locate_span(start, end, c.figures[0]) for start, end in c.spans)
    return Finding(rule.id, severity, message, places, rounding)


def gap_unit(f: Figure, lang: str) -> str:
    """How a gap between figures like ``f`` is counted: percentage points for percentages,
    else ``f``'s unit (with a space before it in English)."""
    if f.kind == "percent" or f.unit == "%":
        return "个百分点" if lang == "zh" else " points"
    unit = f.unit or ""
    return unit if lang == "zh" or not unit else " " + unit


def _one_line(value):
    return "".join(value.split("\n")) if isinstance(value, str) else value


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_rules_on(drafts: Sequence[tuple[Document, Extraction]], rules: Iterable[Rule],
                 lang: str = "zh", checks: list[list[Check]] | None = None) -> list[list[Finding]]:
    """Each draft's findings. Every rule judges the candidates of all the drafts together: a
    pandera validation costs about as much for one draft's candidates as for many drafts'.
    ``checks``, when given (a list a draft), receives every candidate judged, with its verdict."""
    views = [View(doc, extraction.figures, extraction.sentences) for doc, extraction in drafts]
    findings: list[list[Finding]] = [[] for _ in views]
    for rule in rules:
        candidates: list[Candidate] = []
        owners: list[int] = []
        for n, view in enumerate(views):
            found = candidates_of(rule, view)
            candidates += found
            owners += [n] * len(found)
        judged = verdicts(rule, candidates)
        for i, severity, rounding in judged:
            view = views[owners[i]]
            findings[owners[i]].append(_finding(
                rule, candidates[i], severity, lang, rounding,
                lambda f, view=view: location(view.doc, view.sentences, f),
                lambda start, end, f, view=view: span_location(view.doc, view.sentences, start, end, f)))
        if checks is not None:
            failed = {i: rounding for i, _, rounding in judged}
            for i, c in enumerate(candidates):
                view = views[owners[i]]
                verdict = "consistent" if i not in failed else ("rounding" if failed[i] else "finding")
                computed = c.facts.get("computed")
                # where, without the snippet: a check lists its figures, a finding quotes them
                checks[owners[i]].append(Check(
                    rule.id, verdict, c.figures[0].text if c.figures else "",
                    None if computed is None else str(computed),
                    tuple(Location(view.doc.path, f.start, f.end, f.line, f.column, "", f.text)
                          for f in c.figures)))
    return [sorted(found, key=Finding.sort_key) for found in findings]
