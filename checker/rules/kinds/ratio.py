"""ratio: a stated rate, change, multiple or average that the figures it is computed from do not
give. The figures come from the relation stage (checker/relate), which found them by patterns;
this kind only computes.

subject "rate": a rate, share or completion R and its two counts: R = P/W (or W/P for a
completion above 100%).
subject "growth": a change X and its two levels A, B: X = B/A - 1, or B - A in 个百分点.
subject "gap": a gap X in 个百分点 between two percentages of one time (高于全国, 两者相差): B - A.
subject "multiple": N倍 or 翻番 against A and B: B/A = N (增长N倍: N + 1).
subject "per_capita": an average X per person, household, session: X = total / count.

Consistency search (AggChecker's principle): every reading inside the figures' intervals and
rounding is tried, and every relation the stage found for the stated figure; a finding is made
only when none of them gives the stated value, and it names the best-supported inputs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import dimension, factor
from checker.lang import data
from checker.relate import Relation
from checker.relate.relation import words_before
from checker.relate.evidence import bigrams, per_inputs
from checker.rules.engine import Candidate, View
from checker.rules.tolerance import INF, in_percent, in_unit_of, ratio, reading, separation

NAME = "ratio"
PARAMS: dict = {"subject": (str, "rate")}
CHOICES = {"subject": ("rate", "growth", "gap", "multiple", "per_capita", "direction")}
_FAMILIES = {"rate": ("rate",), "growth": ("growth", "points"), "gap": ("gap",), "multiple": ("multiple",),
             "per_capita": ("per_unit",), "direction": ("direction",)}


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The direction words, those of a fall, the words that make a multiple a growth (增长1.1倍),
    and the words that make a stated change a fall (下降6.4%)."""
    spec = data("relations")
    defs = spec["define"]

    def expand(regex: str) -> str:
        return regex.replace("{up}", f"(?:{defs['up']})").replace("{down}", f"(?:{defs['down']})")

    return (re.compile(expand(spec["direction_words"])), re.compile(expand(spec["direction_falls"])),
            re.compile(spec["times_plus_one"]), re.compile(spec["fall"]))


@lru_cache(maxsize=1)
def _own_whole() -> re.Pattern[str]:
    return re.compile(data("relations")["own_whole"])


def derive(view: View, params: dict) -> list[Candidate]:
    families = _FAMILIES[params["subject"]]
    by_stated: dict[int, list[tuple[float, int, Candidate]]] = {}
    for rel in view.relations:
        if rel.family not in families:
            continue
        c = _CHECK[rel.family](view, rel)
        if c is not None:
            by_stated.setdefault(id(rel.stated), []).append((c.gap, rel.priority, c))
    # the stated figure is consistent when any relation found for it gives it; else the
    # best-supported (smallest gap, then the earlier pattern) is reported
    return [min(options, key=lambda o: (o[0], o[1]))[2] for options in by_stated.values()]


def _pct(lo_hi: tuple[float, float]) -> tuple[float, float]:
    return lo_hi[0] * 100, lo_hi[1] * 100


def _stated_pct(f: Figure) -> tuple[float, float]:
    lo, hi = in_percent(f)
    if f.approx == "under" and f.precision and hi != INF:
        lo = hi - f.precision * factor(f.unit)  # 近七成: a little under 70%, above 60%
    return max(lo, 0.0), hi


def _rate(view: View, rel: Relation) -> Candidate | None:
    r, a, b = rel["rate"], rel["a"], rel["b"]
    if _own_whole().search(words_before(view.text, r)):
        return None  # "获奖职工中男性占52%": a share within a whole of its own
    stated = _stated_pct(r)
    # the smaller of the two is the part of the larger; a rate above 100% is a completion, the
    # larger over the smaller (实际化解420亿元 of a task of 350亿元: 120%)
    small, large = sorted((a, b), key=lambda f: (f.value or 0) * factor(f.unit))
    part, whole = (large, small) if stated[0] > 100 else (small, large)
    if not _names_its_whole(view, r, whole):
        return None
    gap = separation(_pct(ratio(reading(part), reading(whole))), stated)
    actual_exact = _pct(ratio(reading(part, False), reading(whole, False)))
    wv = (whole.value or 0) * factor(whole.unit)
    computed = (part.value or 0) * factor(part.unit) / wv * 100 if wv else INF
    value = (r.value or 0) * (100 if r.kind == "fraction" else 1)
    return Candidate((r, part, whole), gap=gap, gap_exact=separation(actual_exact, stated), facts={
        "stated": r.text, "part": part.text, "whole": whole.text, "computed": round(computed, 2),
        "by": round(abs(computed - value), 2), "pattern": rel.pattern,
    })


def _names_its_whole(view: View, r: Figure, whole: Figure) -> bool:
    """"占全国92.8%" is a share of the nation's figure: the whole must be that (its scope or its
    words), not another count that happens to stand nearby."""
    lead = re.split(r"[，,；;：:。！？!?\n、]", view.before(r, 24))[-1]
    at = lead.rfind("占")
    if at < 0 or lead.startswith(tuple(data("relations")["share_no_whole"]), at):
        return True  # (市场占有率: a 占 that names no whole)
    named = re.sub(data("relations")["share_name_end"], "", lead[at + 1:].removeprefix("比"))
    if not bigrams(named):
        return True  # 占比85%, 占78%: the share names no whole of its own
    # 占全国, 占全省女职工总数: a share of that region's whole ("全市…其中…，占全省女职工的5%" is
    # not a share of the city's count)
    scope = data("scope")
    for level, region_words in (("nation", scope["nation"]), *scope["own"].items()):
        if any(w in named for w in region_words):
            return whole.scope is not None and whole.scope.level == level
    return bool(bigrams(named) & (bigrams(whole.metric) | bigrams(view.before(whole, 12))))


def _sign(view: View, change: Figure) -> int:
    """-1 when the last direction word of the change's clause says it is a fall (下降5%)."""
    lead = words_before(view.text, change)
    last = None
    for last in _words()[0].finditer(lead):
        pass
    return -1 if last is not None and _words()[1].fullmatch(last.group()) else 1


def _growth(view: View, rel: Relation) -> Candidate | None:
    if "amount" in rel.slots:
        return _growth_by_amount(view, rel)
    x, a, b = rel["change"], rel["start"], rel["end"]
    points = x.unit in ("个百分点", "百分点")
    absolute = x.kind in ("count", "money", "measure", "duration")  # 增加210人, 提高0.6年: the difference itself
    if absolute:
        if dimension(x.unit) != dimension(a.unit) or dimension(a.unit) != dimension(b.unit):
            return None
        ra, rb = reading(a), reading(b)
        actual = (rb[0] - ra[1], rb[1] - ra[0])
        ra, rb = reading(a, False), reading(b, False)
        actual_exact = (rb[0] - ra[1], rb[1] - ra[0])
        computed = in_unit_of((b.value or 0) * factor(b.unit) - (a.value or 0) * factor(a.unit), x)
    elif points:
        if a.unit != "%" or b.unit != "%":
            return None
        ra, rb = _signed(view, a, reading(a)), _signed(view, b, reading(b))
        actual = (rb[0] - ra[1], rb[1] - ra[0])
        ra, rb = _signed(view, a, reading(a, False)), _signed(view, b, reading(b, False))
        actual_exact = (rb[0] - ra[1], rb[1] - ra[0])
        computed = _signed(view, b, (b.value or 0,) * 2)[0] - _signed(view, a, (a.value or 0,) * 2)[0]
        if rel.fixed.get("unsigned"):  # 两者相差3.4个百分点: either way round
            actual, actual_exact = _magnitude(actual), _magnitude(actual_exact)
        if rel.family == "gap":  # 低0.2个百分点: the message says how far apart, the verb which way
            computed = abs(computed)
    else:
        # a yearly average (年均增长) is the n-th root of the whole change, n the years between
        years = _years_between(a, b) if rel.fixed.get("yearly") else 1
        if years is None:
            return None
        actual = _per_year(ratio(reading(b), reading(a)), years)
        ex = _per_year(ratio(reading(b, False), reading(a, False)), years)
        actual_exact = (ex[0] - 100, ex[1] - 100)
        actual = (actual[0] - 100, actual[1] - 100)
        av = (a.value or 0) * factor(a.unit)
        computed = (((b.value or 0) * factor(b.unit) / av) ** (1 / years) - 1) * 100 if av else INF
    stated = _stated_change(view, x)
    unit = (x.unit or "") if absolute else "个百分点" if points else "%"
    unit_en = f" {x.unit}" if absolute else " points" if points else "%"
    if rel.fixed.get("yearly"):
        unit, unit_en = f"%（年均，{years}年）", f"% a year (over {years} years)"
    stated_value = in_unit_of((x.value or 0) * factor(x.unit), x) if absolute else (x.value or 0)
    return Candidate((x, a, b), gap=separation(actual, stated), gap_exact=separation(actual_exact, stated), facts={
        "stated": x.text, "start": _as_level(view, a, points), "end": _as_level(view, b, points),
        "computed": f"{round(computed, 2):g}{unit}",
        "computed_en": f"{round(computed, 2):g}{unit_en}",
        # off by an amount in the change's own unit (100人), else by points of percent
        "by": f"{round(abs(abs(computed) - stated_value), 2):g}{(x.unit or '') if absolute else '个百分点'}",
        "by_en": f"{round(abs(abs(computed) - stated_value), 2):g}{f' {x.unit}' if absolute else ' points'}",
        "pattern": rel.pattern,
    })


def _years_between(a: Figure, b: Figure) -> int | None:
    """The years from one level to the other (2020年 to 2025年: 5), when both are dated to a year
    or a year's end."""
    if a.period is None or b.period is None or a.period.last is None or b.period.last is None:
        return None
    if a.period.kind not in ("year", "asof") or b.period.kind not in ("year", "asof"):
        return None
    n = b.period.last.year - a.period.last.year
    return n if 1 <= n <= 30 else None


def _per_year(times: tuple[float, float], years: int) -> tuple[float, float]:
    """A ratio over ``years`` as its yearly average, in percent."""
    return tuple(t ** (1 / years) * 100 if t not in (INF, -INF) and t >= 0 else t for t in times)  # type: ignore[return-value]


def _signed(view: View, level: Figure, reading_: tuple[float, float]) -> tuple[float, float]:
    """A growth rate as a level of a gap: 全国民间投资下降6.4% is -6.4%."""
    if level.plays("growth") and _words()[3].search(words_before(view.text, level, 8)):
        return -reading_[1], -reading_[0]
    return reading_


def _growth_by_amount(view: View, rel: Relation) -> Candidate | None:
    """"净利润8.72亿元，比上年增加1.63亿元，增长18.5%": the base is the level less the increase
    (plus a decrease), and the rate is the amount over it."""
    x, d, b = rel["change"], rel["amount"], rel["end"]
    if x.unit != "%" or dimension(d.unit) != dimension(b.unit):
        return None
    falls = _sign(view, d) < 0
    # a base got by subtraction has no exact reading of its own: both figures were rounded
    rb, rd = reading(b), reading(d)
    base = (rb[0] + rd[0], rb[1] + rd[1]) if falls else (rb[0] - rd[1], rb[1] - rd[0])
    actual = _pct(ratio(rd, base)) if base[0] > 0 else (-INF, INF)
    if falls:
        actual = (-actual[1], -actual[0])
    bv, dv = (b.value or 0) * factor(b.unit), (d.value or 0) * factor(d.unit)
    base_v = bv + dv if falls else bv - dv
    computed = (-dv if falls else dv) / base_v * 100 if base_v > 0 else INF
    stated = _stated_change(view, x)
    return Candidate((x, d, b), gap=separation(actual, stated), gap_exact=separation(actual, stated), facts={
        "stated": x.text, "start": f"上期（{b.text}{'加上' if falls else '减去'}{d.text}）", "end": b.text,
        "computed": f"{round(computed, 2):g}%", "computed_en": f"{round(computed, 2):g}%",
        "by": f"{round(abs(abs(computed) - (x.value or 0)), 2):g}个百分点",
        "by_en": f"{round(abs(abs(computed) - (x.value or 0)), 2):g} points", "pattern": rel.pattern,
    })


def _stated_change(view: View, x: Figure) -> tuple[float, float]:
    """The change as stated, signed: 下降5% is a change of -5%."""
    stated = reading(x)
    return (-stated[1], -stated[0]) if _sign(view, x) < 0 and stated[0] >= 0 else stated


def _as_level(view: View, level: Figure, points: bool) -> str:
    """A level as the message names it: a fall as one (下降6.4%), not as a rise."""
    return f"下降{level.text}" if points and _signed(view, level, (1.0, 1.0))[0] < 0 else level.text


def _magnitude(interval: tuple[float, float]) -> tuple[float, float]:
    lo, hi = interval
    return (0.0 if lo <= 0 <= hi else min(abs(lo), abs(hi))), max(abs(lo), abs(hi))


def _multiple(view: View, rel: Relation) -> Candidate | None:
    a, b = rel["start"], rel["end"]
    x = rel.slots.get("times")
    if x is not None:
        stated = reading(x)
        said = x.text
        plus_one = _words()[2].search(words_before(view.text, x, 16))
        if plus_one:
            stated = (stated[0] + 1, stated[1] + 1)  # 增长1.1倍 is 2.1 times
            said = plus_one.group() + x.text
        meant = (x.value or 0) + (stated[0] - reading(x)[0])  # 增长1.1倍 means 2.1 times
    elif "times" in rel.fixed:
        n = rel.fixed["times"]
        low, high = data("relations")["doubling_reach"]
        stated = (n, 2 * n) if rel.fixed.get("more") else (n * float(low), n * float(high))
        meant = n
        said = view.text[b.end:b.end + 16]
        said = re.split(r"[，,；;。]", said.lstrip("，,、 "))[0].strip("，、 ")
    else:
        return None
    actual = ratio(reading(b), reading(a))
    actual_exact = ratio(reading(b, False), reading(a, False))
    av = (a.value or 0) * factor(a.unit)
    computed = (b.value or 0) * factor(b.unit) / av if av else INF
    return Candidate(tuple(f for f in (x, a, b) if f is not None),
                     gap=separation(actual, stated), gap_exact=separation(actual_exact, stated), facts={
        "stated": said, "start": a.text, "end": b.text, "computed": round(computed, 2),
        "meant": round(meant, 2),
        # said only where the words mean another number than they write (增长5倍: 6 times; 翻番)
        "meant_note": "" if x is not None and meant == x.value else f"即{round(meant, 2):g}倍，",
        "meant_note_en": "" if x is not None and meant == x.value else f"{round(meant, 2):g} times, ",
        "by": round(abs(computed - meant), 2), "pattern": rel.pattern,
    })


def _per_capita(view: View, rel: Relation) -> Candidate | None:
    x = rel["per"]
    found = per_inputs(x, [f for name, f in rel.slots.items() if name != "per"], view.text)
    if found is None:
        return None
    t, n = found
    # 亩均: per 亩 as written, not per square metre
    # (日均: per day, whatever the days are written in: 2周 is 14 days)
    per_n = 1.0 if n.kind in ("count", "duration") else factor(n.unit)
    actual = ratio(reading(t), _scaled(reading(n), per_n))
    # the total and the count a published average comes from are themselves rounded (3265.8亿元,
    # 412.6万人): only the average is read as written
    actual_exact = actual
    nv = (n.value or 0) * factor(n.unit) / per_n
    computed = in_unit_of((t.value or 0) * factor(t.unit) / nv, x) if nv else INF
    stated = _rounded(x)
    return Candidate((x, t, n), gap=separation(actual, stated),
                     gap_exact=separation(actual_exact, stated), facts={
        "stated": x.text, "total": t.text, "people": n.text, "computed": _readable(computed),
        "by": _readable(abs(computed - (x.value or 0))), "unit": x.unit or "", "pattern": rel.pattern,
    })


def _readable(x: float) -> float:
    """A computed amount as a message gives it: four significant digits from the thousands up
    (47.67万, not 47.6712万), else two decimals (6.25)."""
    return float(f"{x:.4g}") if abs(x) >= 1000 and x == x and abs(x) != INF else round(x, 2)


def _scaled(r: tuple[float, float], by: float) -> tuple[float, float]:
    return (r[0] / by, r[1] / by) if by != 1.0 else r


def _rounded(f: Figure) -> tuple[float, float]:
    """An average as written is rounded, even in whole persons: 平均每份164人 may be 163.9."""
    lo, hi = reading(f)
    if f.approx == "exact" and f.precision and lo == hi:
        return lo - f.precision / 2 * factor(f.unit), hi + f.precision / 2 * factor(f.unit)
    return lo, hi


def _direction(view: View, rel: Relation) -> Candidate | None:
    """"从3800万吨提升至8000万吨": the second end above the first for a rise, below it for a fall."""
    a, b = rel["start"], rel["end"]
    between = view.between(a, b)
    words = list(_words()[0].finditer(between))
    if not words:
        return None
    falls = bool(_words()[1].fullmatch(words[-1].group()))
    ra, rb = reading(a), reading(b)
    # a rise is wrong only when every reading has the end below the start (and a fall the reverse)
    gap = (rb[0] - ra[1]) if falls else (ra[0] - rb[1])
    ra, rb = reading(a, False), reading(b, False)
    gap_exact = (rb[0] - ra[1]) if falls else (ra[0] - rb[1])
    return Candidate((b, a), gap=gap, gap_exact=gap_exact, facts={
        "start": a.text, "end": b.text, "verb": words[-1].group(), "pattern": rel.pattern,
    })


_CHECK = {"rate": _rate, "direction": _direction, "growth": _growth, "points": _growth, "gap": _growth,
          "multiple": _multiple,
          "per_unit": _per_capita}
