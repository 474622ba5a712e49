"""repeat: one metric, scope and period stated twice in one article with values that cannot both
be true: a headline against its body, or two counts of the same whole.

Two figures are the same key only when their metric words, unit, scope, period and role agree;
figures for different periods or of different roles (a 2025 actual, a 2021-2025 average, a 2026
target) never pair, nor does a running total (累计) with the figure of one period. Reports review
one period and plan the next, often under a heading far above the figure, so a figure takes the
period of its heading or lead; one that no time word, heading or lead dates holds for the draft's
own reporting period, which all such figures of the draft share.

subject "head" (repeat.head) pairs a headline or lead figure with the body figures the relation
stage found restating it (checker/relate/restate.py), where the thinner context of a headline is
allowed for.
"""

from __future__ import annotations

from dataclasses import replace

from checker.extract.figure import Figure
from checker.extract.units import factor
from checker.meaning.frame import review_year
from checker.meaning.period import Period
from checker.rules.engine import Candidate, View
from checker.rules.keys import KEY_PARAMS, Key, cumulative, figure_key, sentence_before, this_year, under_part
from checker.rules.tolerance import in_unit_of, reading, separation

NAME = "repeat"
PARAMS = {**KEY_PARAMS, "subject": (str, "keys")}
# keys: two figures of one key anywhere in the draft; head: a headline or lead figure against
# the body figure the relation stage found restating it (its context is thinner: no period of
# its own, 全省 for the body's nothing)
# bound: one quantity stated as a bound and as its level side by side (突破3万亿元、达2.6万亿元)
CHOICES = {"subject": ("keys", "head", "bound")}


def derive(view: View, params: dict) -> list[Candidate]:
    if params["subject"] == "head":
        return [c for rel in view.relations if rel.family == "restatement"
                and (c := _restated(view, rel, params))]
    if params["subject"] == "bound":
        return [_candidate(rel["bound"], rel["level"]) for rel in view.relations if rel.family == "bound"]
    return _repeats(view, params)


def _restated(view: View, rel, params: dict) -> Candidate | None:
    """The head figure and its restatement, when nothing says they differ: a headline and its
    lead seldom give a period or region of their own (the body's are theirs), but where both
    figures have keys, the keys differ in the metric's wording only (新建工会 in the lead,
    新组建工会组织 in the body), not in what the clause says, the period or the role."""
    head, body = rel["head"], rel["body"]
    if _running(view, head, params) != _running(view, body, params):
        return None
    if head.period is not None and body.period is not None and not head.period.same(body.period):
        return None
    if head.period is None and body.period is not None and body.period.known and view.doc.published is not None:
        # a headline without a year is the draft's news: not last year's figure the body compares
        if not body.period.overlaps(Period.year(review_year(view.doc.published))):
            return None
    if not _same_region(head.scope, body.scope):
        return None
    keys = figure_key(view, head, params), figure_key(view, body, params)
    if keys[0] is not None and keys[1] is not None and keys[0][0] == keys[1][0]:
        return None  # one key: the repeat rule reports it
    # where both are dated, their keys say more (an undated draft's 今年 is too thin to)
    dated = all(f.period is not None and f.period.kind != "relative" for f in (head, body))
    if dated and keys[0] is not None and keys[1] is not None:
        (kh, _), (kb, _) = keys
        # the head's wording and region are thinner; whether each runs on is _running's to say
        loose = {"metric": "", "scope": None, "cumulative": False}
        if not (kh.predicate and kb.predicate):
            loose["predicate"] = None  # one metric read from the noun after it, one from before
        if replace(kh, **loose) != replace(kb, **loose):
            return None  # one key is the repeat rule's; another predicate, unit or role is another fact
    return _candidate(head, body)


def _running(view: View, f: Figure, params: dict) -> bool:
    """A running total: 累计, or a span since a time (今年7月中旬以来，…投入6475万元), as its
    restatement's 累计投入 is."""
    sentence = sentence_before(view, f)
    return cumulative(view, f, params["cumulative"]) or ("以来" in sentence and not this_year(sentence))


def _same_region(a, b) -> bool:
    """Whether two scopes may be one region: either unknown, one name, or the draft's own region
    at one level, named in one place (河南省 in the headline) and not in the other (全省)."""
    if a is None or b is None or str(a) == str(b):
        return True
    return (not a.known or not b.known) and a.level == b.level


def _candidate(g: Figure, f: Figure) -> Candidate:
    return Candidate(
        (g, f), gap=separation(reading(f), reading(g)),
        gap_exact=separation(reading(f, False), reading(g, False)),
        facts={"metric": f.metric, "first": g.text, "second": f.text, "by": in_unit_of(_gap(f, g), g)})


# Beyond this many distinct earlier readings of one key, a mention is compared with the first,
# the lowest and the highest of them only: a value outside the group's bounds or apart from the
# first statement is still found, and one fact stated a thousand times costs a thousand
# comparisons, not half a million (a mention that reads like an earlier one adds no comparison).
_ALL_PAIRS_UP_TO = 4


def _repeats(view: View, params: dict) -> list[Candidate]:
    groups: dict[tuple[Key, bool], _Group] = {}
    out = []
    for f in view.figures:
        found = figure_key(view, f, params)
        if found is None:
            continue
        # a part under 其中 is another quantity than one of its name outside one
        group = groups.setdefault((found[0], under_part(view, f)), _Group())
        out += [_candidate(g, f) for g in group.compare(f)]
    return out


class _Group:
    """The mentions of one key so far: the first of each distinct reading (value, bounds,
    approximation, precision, unit), and the first, lowest and highest of them. Two mentions in
    one sentence are never compared: one sentence listing two values of a metric is a list."""

    __slots__ = ("first", "readings", "low", "high")

    def __init__(self) -> None:
        self.first: Figure | None = None
        self.readings: dict[tuple, Figure] = {}
        self.low: Figure | None = None
        self.high: Figure | None = None

    def compare(self, f: Figure) -> list[Figure]:
        """The earlier mentions ``f`` is to be compared with; records ``f``."""
        if len(self.readings) > _ALL_PAIRS_UP_TO:  # (never listing them all: that is per mention)
            earlier = list(dict.fromkeys((self.first, self.low, self.high)))
        else:
            earlier = list(self.readings.values())
        reading = (f.value, f.lo, f.hi, f.approx, f.precision, f.unit)
        same = self.readings.get(reading)
        if same is not None:
            # stated as before: the earlier mention's comparisons stand for this one, but for
            # those it skipped as one sentence with it
            return [g for g in earlier if g.sentence == same.sentence != f.sentence]
        self.readings[reading] = f
        self.first = self.first or f
        if self.low is None or _value(f) < _value(self.low):
            self.low = f
        if self.high is None or _value(f) > _value(self.high):
            self.high = f
        return [g for g in earlier if g.sentence != f.sentence]


def _value(f: Figure) -> float:
    return (f.value if f.value is not None else f.lo if f.lo is not None else f.hi) or 0.0


def _gap(f: Figure, g: Figure) -> float:
    """How far apart two values are, in their dimension's base unit (3万名 and 4500人)."""
    return abs((f.value or 0) * factor(f.unit) - (g.value or 0) * factor(g.unit))
