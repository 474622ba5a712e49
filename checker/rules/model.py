"""Rules as data, and the findings they produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Rule:
    """One declared rule: a kind (code) filled in with parameters (data)."""

    id: str  # dotted: the part before the first dot names its group ("range.rate" -> "range")
    kind: str
    severity: str
    message: dict[str, str]  # lang -> template with {placeholders} the kind provides
    why: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    # the pandera checks that every candidate row must pass, {column: {check: argument}}
    check: dict[str, dict[str, Any]] = field(default_factory=lambda: {"gap": {"le": 0}})
    # what to do when only rounding at the stated precision reconciles the figures
    rounding: str = "ignore"  # ignore | info | warning
    examples: dict[str, list[str]] = field(default_factory=dict)  # "fail"/"pass" -> texts
    example_date: str | None = None
    source: str = ""  # file:line where it is declared
    needs_date: bool = False


@dataclass(frozen=True)
class Location:
    path: str
    start: int
    end: int
    line: int
    column: int
    snippet: str
    text: str = ""  # the figure as written, to highlight it in the snippet


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    locations: tuple[Location, ...]
    # True when rounding at the stated precision could reconcile the figures
    rounding: bool = False

    def sort_key(self) -> tuple:
        first = self.locations[0] if self.locations else None
        return (first.path if first else "", first.start if first else 0, self.rule)


@dataclass(frozen=True)
class Check:
    """One relation a rule recomputed, consistent or not (statcheck lists every result it
    recomputed): it shows an editor what the silence means."""

    rule: str
    verdict: str  # "consistent", "rounding" (only rounding reconciles it) or "finding"
    stated: str  # the figure checked, as written
    computed: str | None  # what its inputs give, where the rule computes a value
    locations: tuple[Location, ...]


VERDICTS = ("consistent", "rounding", "finding")
