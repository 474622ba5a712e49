"""Checks across articles: among the drafts of one run, and between a draft and the ledger.

Figures pair when their keys are equal (checker/rules/keys.py): one metric, scope and period. A
pair is judged by the cross rules' declared checks like any candidate; a pair matched only
through a synonym of the metric is loose, and at most a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from checker.check import DocumentReport
from checker.meaning.period import Period
from checker.meaning.region import Region
from checker.extract import Figure
from checker.ledger.records import KeyedFigure, content_hash, keyed_figures, start_key
from checker.rules.engine import Candidate, judge
from checker.rules.model import SEVERITY_RANK, Finding, Location, Rule
from checker.extract.units import factor
from checker.rules.tolerance import in_unit_of, reading, separation

_LOOSE = {
    "zh": "（指标经同义词匹配，可能并非同一指标）",
    "en": " (the metrics matched through a synonym: they may not be the same)",
}
_SURE = {"zh": "", "en": ""}


@dataclass(frozen=True)
class Sighting:
    """A keyed figure, where it stands, and when its article was published."""

    keyed: KeyedFigure
    location: Location
    doc_id: str


def _sightings(report: DocumentReport, rule: Rule) -> list[Sighting]:
    doc_id = content_hash(report.doc.text)
    out = []
    for k in keyed_figures(report.doc, report.extraction, rule):
        f = k.figure
        loc = Location(report.doc.path, f.start, f.end, f.line, f.column, k.snippet, f.text)
        out.append(Sighting(k, loc, doc_id))
    return out


def _ledger_sighting(row: dict) -> Sighting:
    """A ledger row as a sighting: the figure rebuilt from what the ledger stores."""
    f = Figure(
        path=row["path"], start=row["start_offset"], end=row["end_offset"], line=row["line"],
        column=row["col"], text=row["text"], kind=row["kind"], value=row["value"], lo=row["lo"],
        hi=row["hi"], approx=row["approx"], precision=row["precision"], unit=row["unit"],
        metric=row["metric"], scope=Region.named(row["scope"]) if row["scope"] else None,
        period=Period.parse(row["period"]) if row["period"] else None, role=row["role"],
    )
    from checker.rules.keys import Key

    key = Key(row["metric_key"], None, row["unit"] or "", row["kind"], row["scope"], row["period"],
              bool(row["target"]), bool(row["cumulative"]))
    published = row["published"].isoformat() if row["published"] else None
    keyed = KeyedFigure(f, key, bool(row["loose"]), row["snippet"], published)
    loc = Location(row["path"], row["start_offset"], row["end_offset"], row["line"], row["col"],
                   row["snippet"], row["text"])
    return Sighting(keyed, loc, row["doc_id"])


def _conflict(a: Sighting, b: Sighting, rule: Rule, lang: str, key_id: str) -> Candidate:
    fa, fb = a.keyed.figure, b.keyed.figure
    loose = a.keyed.loose or b.keyed.loose
    severity = rule.severity
    if loose:
        severity = min(severity, "warning", key=SEVERITY_RANK.__getitem__)
    return Candidate((fa, fb), gap=separation(reading(fa), reading(fb)),
                     gap_exact=separation(reading(fa, False), reading(fb, False)), facts={
        "metric": fa.metric, "scope": str(fa.scope or "—"), "period": str(fa.period),
        "first": fa.text, "second": fb.text, "other_path": b.location.path,
        "by": in_unit_of(abs((fa.value or 0) * factor(fa.unit) - (fb.value or 0) * factor(fb.unit)), fa),
        "confidence": (_LOOSE if loose else _SURE)["zh"],
        "confidence_en": (_LOOSE if loose else _SURE)["en"],
        "severity": severity, "key": key_id,
    })


def _fall(earlier: Sighting, later: Sighting) -> Candidate:
    fe, fl = earlier.keyed.figure, later.keyed.figure
    # the later total must not be below the earlier one: gap > 0 when every reading says it is
    gap = reading(fe)[0] - reading(fl)[1]
    gap_exact = reading(fe, False)[0] - reading(fl, False)[1]
    return Candidate((fl, fe), gap=gap, gap_exact=gap_exact, facts={
        "metric": fe.metric, "scope": str(fe.scope or "—"),
        "earlier": fe.text, "earlier_path": earlier.location.path,
        "earlier_date": earlier.keyed.published, "later": fl.text,
        "later_path": later.location.path, "later_date": later.keyed.published,
        "tolerance_note": False,
    })


def _judge(rule: Rule, pairs: list[tuple[Candidate, Sighting, Sighting]], lang: str) -> list[Finding]:
    if not pairs:
        return []
    where = {}
    for c, x, y in pairs:
        where[id(c.figures[0])] = x.location
        where[id(c.figures[1])] = y.location
    return judge(rule, [c for c, _, _ in pairs], lang, lambda f: where[id(f)])


def check_across(reports: Sequence[DocumentReport], rules: Sequence[Rule], lang: str = "zh",
                 ledger=None, first: set[str] | None = None) -> list[Finding]:
    """Findings of the cross rules among the reports, and against the ledger if one is given.
    Each finding's first location is in one of the reports; in a conflict between a draft of
    ``first`` (the drafts a run reports, with --changed-since) and another, the former's."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.kind != "cross":
            continue
        sightings = [s for r in reports for s in _sightings(r, rule)]
        if rule.params.get("subject") == "cumulative":
            findings.extend(_judge(rule, _falls(sightings, ledger), lang))
        else:
            findings.extend(_judge(rule, _conflicts(sightings, rule, lang, ledger, first), lang))
    return findings


def _conflicts(sightings: list[Sighting], rule: Rule, lang: str, ledger,
               first: set[str] | None = None) -> list:
    by_key: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_key[s.keyed.key.id].append(s)
    pairs = []
    for key_id, group in by_key.items():
        for i, a in enumerate(group):
            for b in group[:i]:
                if a.doc_id != b.doc_id:
                    if first and b.location.path in first and a.location.path not in first:
                        a, b = b, a  # "本稿" is the draft the finding is reported on
                    pairs.append((_conflict(a, b, rule, lang, key_id), a, b))
    if ledger is not None:
        own = {s.doc_id for s in sightings}
        for row in ledger.matching(by_key, exclude_doc=""):
            if row["doc_id"] in own:
                continue  # the draft itself, already in the ledger
            other = _ledger_sighting(row)
            for a in by_key[row["key"]]:
                pairs.append((_conflict(a, other, rule, lang, row["key"]), a, other))
    return pairs


def _falls(sightings: list[Sighting], ledger) -> list:
    by_start: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        sk = start_key(s.keyed.key)
        if sk and s.keyed.published:
            by_start[sk].append(s)
    if ledger is not None and by_start:
        own = {s.doc_id for s in sightings}
        rows = ledger.con.execute(
            "SELECT * FROM figures WHERE start_key IN (SELECT unnest(?)) AND published IS NOT NULL",
            [list(by_start)]).fetchall()
        names = [d[0] for d in ledger.con.description]
        for values in rows:
            row = dict(zip(names, values))
            if row["doc_id"] not in own:
                by_start[row["start_key"]].append(_ledger_sighting(row))
    own = {s.doc_id for s in sightings}
    pairs = []
    for group in by_start.values():
        for a in group:
            for b in group:
                # an earlier total above a later one, at least one of them in this run
                if a.doc_id != b.doc_id and _date(a) < _date(b) and (a.doc_id in own or b.doc_id in own):
                    pairs.append((_fall(a, b), b, a))
    return pairs


def _date(s: Sighting) -> dt.date:
    return dt.date.fromisoformat(s.keyed.published or "0001-01-01")


_HEADER = re.compile(r"^\s*〔(?P<region>[^\s〕\d][^\s〕]*)?\s*(?P<date>\d{4}-\d{2}-\d{2})?〕")


def check_articles(text: str, rules: Sequence[Rule], date: dt.date | None = None,
                   lang: str = "zh") -> list[Finding]:
    """All findings for a set of short articles written in one string, for examples and tests:
    articles are separated by ↔, and each may open with 〔region date〕, e.g.
    "〔河南省 2021-12-20〕全省新建工会6016家。 ↔ 〔河南省 2022-01-05〕全省新建工会6106家。"."""
    from checker.check import check_document
    from checker.source import Document

    reports = []
    for i, part in enumerate(text.split("↔")):
        m = _HEADER.match(part)
        region = m.group("region") if m else None
        published = dt.date.fromisoformat(m.group("date")) if m and m.group("date") else date
        body = part[m.end():] if m else part
        province = region if region and region.endswith(("省", "自治区")) else None
        city = region if region and region.endswith("市") else None
        doc = Document(path=f"<article {i + 1}>", text=body.strip(), published=published,
                       date_source="option" if published else "unknown", province=province,
                       city=city)
        reports.append(check_document(doc, list(rules), lang))
    return [f for r in reports for f in r.findings] + check_across(reports, rules, lang)


def attach_cross_findings(reports: Sequence[DocumentReport], rules: Sequence[Rule], lang: str,
                          ledger_path: str | None, first: set[str] | None = None) -> dict:
    """Adds the cross-article findings of a run to the reports of the drafts they concern, and
    says what was compared: {"drafts", "ledger", "ledger_documents"}."""
    ledger = None
    compared = {"drafts": len(reports), "ledger": ledger_path, "ledger_documents": 0}
    if ledger_path is not None:
        from checker.ledger.store import Ledger, LedgerBusy

        try:
            ledger = Ledger(ledger_path, read_only=True)
        except LedgerBusy as busy:  # an ingest is writing: report without it, and say so
            import sys

            print(f"figcheck: {busy}；本次未与账本比对 (not compared with the ledger this time)",
                  file=sys.stderr)
            compared["ledger"], compared["ledger_busy"] = None, ledger_path
        else:
            compared["ledger_documents"] = ledger.con.execute(
                "SELECT count(*) FROM documents").fetchone()[0]
    try:
        findings = check_across(reports, rules, lang, ledger, first)
    finally:
        if ledger is not None:
            ledger.close()
    by_path = {r.doc.path: r for r in reports}
    for f in findings:
        # filed on the first draft of ``first`` it involves (a changed one), else its first draft
        places = [loc.path for loc in f.locations if loc.path in by_path]
        preferred = [p for p in places if first and p in first]
        home = by_path[(preferred or places)[0]] if places else None
        if home is not None:
            home.findings.append(f)
    for r in reports:
        r.findings.sort(key=Finding.sort_key)
    return compared
