"""The JSON wire format (DESIGN.md, contract): versioned, stable field names."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from checker.extract.figure import FIELD_NAMES, Figure

VERSION = 4  # 2: scope and period in typed string forms, role as facets; 3: checks (every relation
# recomputed); 4: periods an undated draft knows within itself only (@Y, @R-4..@R)


def _clean(value):
    # 659000.0 -> 659000: integral values read as integers, as the author wrote them
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def figure_record(f: Figure) -> dict:
    return {name: _clean(v) for name, v in zip(FIELD_NAMES, f.row())}


def write_figures(figures: Iterable[Figure], out: TextIO) -> None:
    payload = {"version": VERSION, "figures": [figure_record(f) for f in figures]}
    json.dump(payload, out, ensure_ascii=False, indent=1)
    out.write("\n")


def finding_record(f) -> dict:
    return {
        "rule": f.rule, "severity": f.severity, "message": f.message,
        "rounding": f.rounding,
        "locations": [
            {"path": loc.path, "start": loc.start, "end": loc.end, "line": loc.line,
             "column": loc.column, "snippet": loc.snippet, "text": loc.text}
            for loc in f.locations
        ],
    }


def document_record(report) -> dict:
    doc = report.doc
    return {
        "path": doc.path, "published": doc.published.isoformat() if doc.published else None,
        "date_source": doc.date_source, "province": doc.province, "city": doc.city,
        "figures": len(report.extraction.figures), "findings": len(report.findings),
        "checked": len(report.checks), "notes": report.notes,
    }


def check_record(c) -> dict:
    return {
        "rule": c.rule, "verdict": c.verdict, "stated": c.stated, "computed": c.computed,
        "locations": [{"path": loc.path, "line": loc.line, "column": loc.column, "text": loc.text}
                      for loc in c.locations],
    }


def write_check(reports, out: TextIO, errors: list[str] | None = None) -> None:
    payload = {
        "version": VERSION,
        "documents": [document_record(r) for r in reports],
        "findings": [finding_record(f) for r in reports for f in r.findings],
        "checks": [check_record(c) for r in reports for c in r.checks],
        "errors": errors or [],
    }
    json.dump(payload, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_run(run, out: TextIO) -> None:
    """`figcheck check --format json` (checker/report/run.py: one entry point per format)."""
    write_check(run.reports, out, list(run.errors))
