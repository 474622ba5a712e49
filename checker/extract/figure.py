"""The Figure record: one figure as written, with its value interval and its meaning."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

from checker.meaning.period import Period
from checker.meaning.region import Region

# What a figure is. Rules look only at the kinds they understand; "number" (a bare numeral with
# no unit) and the non-quantities (identifier, name, ordinal) never enter a numeric check.
KINDS = (
    "count", "money", "percent", "fraction", "multiple", "measure", "date", "year",
    "duration", "ordinal", "identifier", "name", "number", "time",
)
QUANTITY_KINDS = frozenset({"count", "money", "percent", "fraction", "multiple", "measure"})

# How the text bounds the value (DESIGN.md, interval semantics):
# exact 92.1%; more 4900余 [4900, 5000); over 超3000万 (3000万, ∞); under 近1万 (-∞, 10000);
# about 约60 (±10%); range 3至5个 [3, 5]; vague 数十 [20, 99].
APPROX = ("exact", "more", "over", "under", "about", "range", "vague")

# a figure's role is a set of facets, written in this order and joined by "+" ("growth+target")
ROLES = ("part", "total", "share", "rate", "growth", "difference", "average", "rank", "target")
ROLE_PATTERN = "^(?:" + "|".join(ROLES) + r")(?:\+(?:" + "|".join(ROLES) + "))*$"


@dataclass(frozen=True, slots=True)
class Figure:
    path: str
    start: int  # code-point offsets into the decoded original text, end exclusive
    end: int
    line: int  # 1-based
    column: int  # 1-based, in code points
    text: str  # the surface exactly as written
    kind: str
    value: float | None
    lo: float | None
    hi: float | None
    approx: str
    precision: float | None
    unit: str | None
    metric: str | None = None
    scope: Region | None = None  # whose figure; written as the region's name
    period: Period | None = None  # when; written in Period's string form (2025, 2021..2025, @2025-12-31)
    role: str | None = None  # facets joined by "+": "growth+target"
    sentence: int = 0  # index of the sentence in the document: rules pair figures within one
    clause: int = 0  # index of the clause (between commas) in the document

    def plays(self, facet: str) -> bool:
        """Whether the figure has this role facet ("part", "growth", "target" ...)."""
        return self.role is not None and facet in self.role.split("+")

    def to_dict(self) -> dict:
        """The figure as plain values: scope and period in their string forms (the contract)."""
        return dict(zip(FIELD_NAMES, self.row()))

    def row(self) -> tuple:
        """The figure's values in FIELD_NAMES order, as the figures table and the outputs hold
        them (scope and period as strings)."""
        values = list(_values(self))
        values[_SCOPE_AT] = None if self.scope is None else str(self.scope)
        values[_PERIOD_AT] = None if self.period is None else str(self.period)
        return tuple(values)

    def __reduce__(self):
        # pickled as its values: --jobs sends every figure back from the workers, and this takes
        # half the time of the dataclass default (a dict of field names a figure)
        return (Figure, _values(self))


FIELD_NAMES = tuple(f.name for f in fields(Figure))
_values = attrgetter(*FIELD_NAMES)
_SCOPE_AT = FIELD_NAMES.index("scope")
_PERIOD_AT = FIELD_NAMES.index("period")
