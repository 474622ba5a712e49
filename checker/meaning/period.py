"""When a figure holds: a period made once, compared by its methods, written in one string form.

The string forms are part of the JSON contract (README, "Periods"):

    2025                one calendar year
    2021..2025          a span of whole years (十四五时期, 五年来, 2019年以来)
    2019..              a span whose end the text does not give (2019年以来 in an undated draft)
    2025-03             one month              ????-03     a month whose year is not written
    2025-01..2025-11    a span of months (1-11月)
    2025-Q1, 2025-H1    a quarter, a half year (一季度, 上半年)
    2025-03-05          one day                ????-03-05  a day whose year is not written
    @2025-12-31         an instant: a stock as of that day (截至2025年底, 目前 in a dated draft)
    @now                the draft's own present when it carries no date: one instant within the
                        draft, never the same as another draft's present

Periods known only within their draft, never the same as another draft's:

    @draft              the draft's own reporting period: a figure no time word, heading or lead
                        dates (two such figures of one draft hold for one period)
    @R, @R-4..@R        the year an undated draft reviews (过去一年), and spans ending in it (五年来)
    @Y, @Y-1, @Y..@Y+4  years counted from the one an undated draft is written in (今年, 去年)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

KINDS = ("year", "span", "month", "months", "quarter", "half", "day", "asof", "now", "draft", "relative")

PATTERN = (
    r"^(?:(?P<year>\d{4})"
    r"|(?P<y1>\d{4})\.\.(?P<y2>\d{4})?"
    r"|(?P<my>\d{4}|\?{4})-(?P<m>\d\d)"
    r"|(?P<msy>\d{4})-(?P<ms1>\d\d)\.\.(?P<mey>\d{4})-(?P<ms2>\d\d)"
    r"|(?P<qy>\d{4})-Q(?P<q>[1-4])"
    r"|(?P<hy>\d{4})-H(?P<h>[12])"
    r"|(?P<dy>\d{4}|\?{4})-(?P<dm>\d\d)-(?P<dd>\d\d)"
    r"|@(?P<ay>\d{4})-(?P<am>\d\d)-(?P<ad>\d\d)"
    r"|(?P<now>@now)|(?P<draft>@draft)"
    r"|@(?P<anchor>[RY])(?P<o1>[+-]\d+)?(?:\.\.@(?P=anchor)(?P<o2>[+-]\d+)?)?)$"
)
_FORMS = re.compile(PATTERN)
# the same without named groups, for the engines that validate tables (pandera, Great Expectations)
FORM_PATTERN = re.sub(r"\(\?P=\w+\)", "[RY]", re.sub(r"\(\?P<\w+>", "(?:", PATTERN))


def year_for(month: int, day: int | None, published: dt.date) -> int:
    """The year of a month (and day) written without one: the latest not after publication."""
    written = (month, day or 1)
    return published.year if written <= (published.month, published.day) else published.year - 1


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time from ``first`` to ``last`` (both days included).

    ``first``/``last`` are None where the text does not give them: a month or day written without
    its year (``year_known`` false), the open end of "2019年以来" in an undated draft, or the
    present of an undated draft (kind "now").
    """

    kind: str
    first: dt.date | None
    last: dt.date | None
    # a month or a day written without its year: first/last hold them in year 2000 (a leap year,
    # so 2月29日 is representable) and the year is unknown
    year_known: bool = True
    # a "relative" period: the year it counts from ("R" reviewed, "Y" written in) and the offsets
    # of its first and last year from it
    anchor: str | None = None
    offsets: tuple[int, int] = (0, 0)

    # -- made once ---------------------------------------------------------------------------
    @classmethod
    def year(cls, y: int) -> Period:
        return cls("year", dt.date(y, 1, 1), dt.date(y, 12, 31))

    @classmethod
    def years(cls, y1: int, y2: int | None) -> Period:
        if y2 is not None and y1 > y2:
            y1, y2 = y2, y1
        if y1 == y2:
            return cls.year(y1)
        return cls("span", dt.date(y1, 1, 1), dt.date(y2, 12, 31) if y2 is not None else None)

    @classmethod
    def month(cls, y: int | None, m: int) -> Period:
        year = y if y is not None else 2000
        return cls("month", dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1]),
                   year_known=y is not None)

    @classmethod
    def months(cls, y: int, m1: int, m2: int) -> Period:
        if m1 == m2:
            return cls.month(y, m1)
        m1, m2 = sorted((m1, m2))
        return cls("months", dt.date(y, m1, 1), dt.date(y, m2, calendar.monthrange(y, m2)[1]))

    @classmethod
    def quarter(cls, y: int, q: int) -> Period:
        m2 = q * 3
        return cls("quarter", dt.date(y, m2 - 2, 1), dt.date(y, m2, calendar.monthrange(y, m2)[1]))

    @classmethod
    def half(cls, y: int, h: int) -> Period:
        return cls("half", dt.date(y, 1 if h == 1 else 7, 1), dt.date(y, 6 if h == 1 else 12, 30 if h == 1 else 31))

    @classmethod
    def day(cls, y: int | None, m: int, d: int) -> Period | None:
        """None for a day the month does not have in that year (2月30日): the date rule speaks."""
        try:
            day = dt.date(y if y is not None else 2000, m, d)
        except ValueError:
            return None
        return cls("day", day, day, year_known=y is not None)

    @classmethod
    def asof(cls, day: dt.date | None) -> Period:
        if day is None:
            return cls("now", None, None)
        return cls("asof", day, day)

    @classmethod
    def draft(cls) -> Period:
        return cls("draft", None, None, year_known=False)

    @classmethod
    def relative(cls, anchor: str, first: int, last: int | None = None) -> Period:
        """Years of an undated draft, counted from the one it reviews ("R") or is written in
        ("Y"): relative("R", -4, 0) is 五年来."""
        return cls("relative", None, None, year_known=False, anchor=anchor,
                   offsets=(first, first if last is None else last))

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period a string form names (the inverse of ``str``); ValueError if none."""
        m = _FORMS.match(text)
        if not m:
            raise ValueError(f"not a period: {text!r}")
        g = m.groupdict()
        if g["year"]:
            return cls.year(int(g["year"]))
        if g["y1"]:
            return cls.years(int(g["y1"]), int(g["y2"]) if g["y2"] else None)
        if g["my"]:
            return cls.month(None if g["my"].startswith("?") else int(g["my"]), int(g["m"]))
        if g["msy"]:
            return cls.months(int(g["msy"]), int(g["ms1"]), int(g["ms2"]))
        if g["qy"]:
            return cls.quarter(int(g["qy"]), int(g["q"]))
        if g["hy"]:
            return cls.half(int(g["hy"]), int(g["h"]))
        if g["dy"]:
            p = cls.day(None if g["dy"].startswith("?") else int(g["dy"]), int(g["dm"]), int(g["dd"]))
            if p is None:
                raise ValueError(f"not a day: {text!r}")
            return p
        if g["ay"]:
            return cls.asof(dt.date(int(g["ay"]), int(g["am"]), int(g["ad"])))
        if g["draft"]:
            return cls.draft()
        if g["anchor"]:
            first = int(g["o1"] or 0)
            return cls.relative(g["anchor"], first, int(g["o2"] or 0) if ".." in text else first)
        return cls.asof(None)

    # -- written -----------------------------------------------------------------------------
    def __str__(self) -> str:
        f, l = self.first, self.last
        if self.kind == "now":
            return "@now"
        if self.kind == "draft":
            return "@draft"
        if self.kind == "relative":
            a, (o1, o2) = self.anchor, self.offsets
            one = f"@{a}{o1:+d}" if o1 else f"@{a}"
            return one if o1 == o2 else f"{one}..@{a}{o2:+d}" if o2 else f"{one}..@{a}"
        assert f is not None
        y = f"{f.year:04d}" if self.year_known else "????"
        if self.kind == "year":
            return y
        if self.kind == "span":
            return f"{f.year}..{l.year if l else ''}"
        if self.kind == "month":
            return f"{y}-{f.month:02d}"
        if self.kind == "months":
            assert l is not None
            return f"{f.year}-{f.month:02d}..{l.year}-{l.month:02d}"
        if self.kind == "quarter":
            return f"{f.year}-Q{(f.month + 2) // 3}"
        if self.kind == "half":
            return f"{f.year}-H{1 if f.month == 1 else 2}"
        if self.kind == "day":
            return f"{y}-{f.month:02d}-{f.day:02d}"
        return f"@{f.isoformat()}"

    # -- compared ----------------------------------------------------------------------------
    @property
    def known(self) -> bool:
        """Whether both ends are known days (a yearless date, an open span and "now" are not)."""
        return self.year_known and self.first is not None and self.last is not None

    @property
    def local(self) -> bool:
        """Known only within its draft: no other draft's period is ever the same."""
        return self.kind in ("now", "draft", "relative")

    def same(self, other: Period) -> bool:
        """The same stretch of time, said the same way: a year is not the instant at its end."""
        if self.local or other.local:
            return self == other
        return self == other and self.known

    def overlaps(self, other: Period) -> bool:
        if self._relative_to(other):
            return self.offsets[0] <= other.offsets[1] and other.offsets[0] <= self.offsets[1]
        if not (self.known and other.known):
            return False
        return self.first <= other.last and other.first <= self.last  # type: ignore[operator]

    def contains(self, other: Period) -> bool:
        if self._relative_to(other):
            return self.offsets[0] <= other.offsets[0] and other.offsets[1] <= self.offsets[1]
        if not (self.known and other.known):
            return False
        return self.first <= other.first and other.last <= self.last  # type: ignore[operator]

    def _relative_to(self, other: Period) -> bool:
        """Both counted from one year of the same draft (五年来 holds 过去一年)."""
        return self.kind == other.kind == "relative" and self.anchor == other.anchor

    def year_span(self) -> tuple[int, int] | None:
        """(first year, last year) covered, when the years are known."""
        if not self.year_known or self.first is None:
            return None
        last = self.last.year if self.last else self.first.year
        return self.first.year, last
