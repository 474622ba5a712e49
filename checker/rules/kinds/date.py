"""date: dates that cannot be right.

subject "impossible": a day the month does not have (2月30日).
subject "weekday": a date followed by a weekday (星期五, 周五) that it did not fall on.
subject "future": a past event (以来, 截至, 获评, 完工 ...) dated after the publication date.
subject "anniversary": 成立N周年 of a body whose founding year is in the table, where N does
not match the year it is written about (one year either way is allowed: anniversaries are
prepared for and looked back on).
subject "founding": 建厂N周年 or N年历史 against the founding year the text itself gives.
subject "edition": 第N届 of an event held at a fixed interval, against the first edition's year
and the interval the text gives (自2004年首次举办以来，每年一届).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.meaning.period import year_for
from checker.relate.anniversary import founding_year
from checker.relate.relation import clause_span, words_before
from checker.rules.engine import Candidate, View
from checker.rules.common import has_any

NAME = "date"


def needs_date(params: dict) -> bool:
    """Past events and anniversaries are dated against publication; impossible dates and
    weekdays need only the date itself (a date without a year is completed from the
    publication date when there is one, and skipped otherwise)."""
    return params["subject"] in ("future", "anniversary")  # founding runs on an anniversary's own date too

PARAMS = {
    "subject": (str, "impossible"),
    # words after a date that make it the past by themselves, and verbs that do so only with
    # 已 before the date or 了 after the verb ("2027年建成" in a plan is a plan)
    "past_after": (list, ["以来", "获评", "荣获"]),
    "past_verbs": (list, ["完工", "竣工", "建成", "开始", "召开", "举办", "举行", "发布", "成立"]),
    "past_before": (list, ["截至", "截止", "已于"]),
    # words that make a dated clause a plan; only whole words of intent (前 of 居全国前列 and
    # 到 of 达到 say nothing about the future)
    "future_words": (list, ["将于", "将在", "计划于", "计划在", "计划到", "按计划", "拟", "预计", "力争", "争取", "预期", "即将",
                            "之前", "底前", "年前", "以前完成", "目标是", "目标为"]),
    # a bare verb right after a date ("于2022年5月竣工") reads as done unless the sentence shows
    # intent with one of these too
    "intent_words": (list, ["确保", "推动", "推进", "加快", "要", "实现", "启动", "开工", "争创"]),
    "slack_years": (int, 1),
    "celebrate": (list, ["庆祝", "纪念", "迎接", "喜迎", "献礼", "周年之际", "隆重"]),
    "bodies_file": (str, ""),
}
# the values a parameter may take, where it names a variant of the kind
CHOICES = {"subject": ("impossible", "weekday", "future", "anniversary", "founding", "edition")}
_WEEKDAY = re.compile(r"^[\s(（]*(?P<word>(?:星期|礼拜|周)(?P<day>[一二三四五六日天]))")
_WEEKDAY_INDEX = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}


def derive(view: View, params: dict) -> list[Candidate]:
    subject = params["subject"]
    if subject == "impossible":
        return [c for f in view.figures if f.kind == "date" and (c := _impossible(f, view.doc.published))]
    if subject == "weekday":
        return [c for f in view.figures if f.kind == "date" and (c := _weekday(view, f))]
    if subject == "founding":
        # a founding year in the text and an anniversary dated by its own words need no date
        return [c for rel in view.relations if rel.family == "anniversary"
                and (c := _from_founding(view, rel["founded"], rel["years"], params))]
    if subject == "edition":
        return [c for rel in view.relations if rel.family == "edition" and (c := _edition(view, rel))]
    if view.doc.published is None:
        return []
    if subject == "future":
        return [c for f in view.figures if (c := _future(view, f, params))]
    if subject == "anniversary":
        bodies = _bodies(params["bodies_file"])
        return [c for f in view.figures if f.unit == "周年" and (c := _anniversary(view, f, params, bodies))]
    return []


def _from_founding(view: View, founded: Figure, years: Figure, params: dict) -> Candidate | None:
    """"该厂始建于1956年……迎来建厂60周年": the years since the founding the text gives, to the
    year the anniversary is told of (its own, or the publication's)."""
    start = founding_year(founded)
    span = years.period.year_span() if years.period else None
    if start is None or years.value is None:
        return None
    if span is None or span[1] <= start:
        told = view.doc.published.year if view.doc.published else _year_told(view, years, start)
        if told is None:
            return None
        span = (told, told)
    if span[0] < start:
        return None
    lo, hi = span[0] - start, span[1] - start
    # "2026年是中国共产党成立105周年": a 周年 told of a year its sentence writes is exact
    slack = 0 if years.unit == "周年" and lo == hi and _year_written(view, years, span[0]) else params["slack_years"]
    gap = max(lo - years.value, years.value - hi) - slack
    said = _clause(view.doc.text, founded)
    return Candidate((years, founded), gap=float(gap), gap_exact=float(gap), facts={
        "founded": said.rstrip("。，,；"), "year": str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}",
        "stated": years.text, "expected": str(lo) if lo == hi else f"{lo}–{hi}", "tolerance_note": False,
    })


def _year_written(view: View, years: Figure, year: int) -> bool:
    """Whether the anniversary's sentence writes the year it is told of, before it."""
    return any(f.sentence == years.sentence and f.start < years.start and founding_year(f) == year
               for f in view.figures)


def _edition(view: View, rel) -> Candidate | None:
    """"自2004年首次举办以来，每年一届" and "2025年…第二十三届": the edition of a year is the years
    since the first one over the interval, plus one."""
    first, edition = founding_year(rel["first"]), rel["edition"]
    every, number = int(rel.fixed["every"]), int(rel.fixed["number"])
    told = _year_told(view, edition, first) or (view.doc.published.year if view.doc.published else None)
    if first is None or told is None or told < first or (told - first) % every:
        return None  # (an edition between the fixed years: the interval is not what the text says)
    expected = (told - first) // every + 1
    return Candidate((edition, rel["first"]), gap=float(abs(expected - number)), gap_exact=float(abs(expected - number)),
                     facts={"first": str(first), "every": f"每{every}年一届" if every > 1 else "每年一届",
                            "every_en": f"one every {every} years" if every > 1 else "one a year", "year": str(told),
                            "expected": str(expected), "expected_en": _ordinal_en(expected),
                            "stated": edition.text if edition.text.endswith("届") else edition.text + "届",
                            "tolerance_note": False})


def _ordinal_en(n: int) -> str:
    """22nd, 23rd, 11th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _clause(text: str, f: Figure, most: int = 30) -> str:
    """The clause a figure stands in ("新疆维吾尔自治区于1958年10月1日成立"), at most ``most``
    characters around it."""
    start, stop = clause_span(text, f.start, f.end)
    start, stop = max(start, f.start - most // 2), min(stop, f.end + most // 2)
    return text[start:stop].strip()


def _year_told(view: View, years: Figure, founded: int) -> int | None:
    """The year an undated draft tells an anniversary of: the first year or date of its sentence,
    before it and after the founding ("2026年3月，始建于1956年的红星机械厂迎来建厂六十周年"; not a
    year the sentence goes on to: …，该厂2020年完成了搬迁改造)."""
    told = [(f.start, y) for f in view.figures if f.sentence == years.sentence and f.start < years.start
            and (y := founding_year(f)) is not None and y > founded]
    return min(told)[1] if told else None


def _parts(f: Figure, published: dt.date | None) -> tuple[int | None, int, int | None]:
    """(year or None, month, day or None) of a date figure, as written: a day the month does not
    have (2月30日) has no period and is read back from the text."""
    p = f.period
    if p is not None and p.kind in ("day", "month") and p.first is not None:
        return (p.first.year if p.year_known else None), p.first.month, (p.first.day if p.kind == "day" else None)
    m = _WRITTEN_DATE.search(f.text)
    if not m:
        return None, 0, None
    month, day = int(m.group("m")), (int(m.group("d")) if m.group("d") else None)
    year = int(m.group("y")) if m.group("y") else (year_for(month, day, published) if published else None)
    return year, month, day


_WRITTEN_DATE = re.compile(r"(?:(?P<y>\d{4})[年\-/.])?(?P<m>\d{1,2})[月\-/.](?:(?P<d>\d{1,2}))?")


def _impossible(f: Figure, published: dt.date | None) -> Candidate | None:
    year, month, day = _parts(f, published)
    if day is None:
        return None
    # an unknown year may be a leap year: only 2月30日 and beyond are impossible for sure
    last = calendar.monthrange(year if year else 2000, month)[1]
    gap = float(day - last) if day > last else (1.0 if day < 1 else 0.0)
    return Candidate((f,), gap=gap, gap_exact=gap,
                     facts={"date": f.text, "days": float(last), "tolerance_note": False})


def _weekday(view: View, f: Figure) -> Candidate | None:
    year, month, day = _parts(f, view.doc.published)
    m = _WEEKDAY.match(view.after(f, 8))
    if not (m and year and day):
        return None
    try:
        actual = dt.date(year, month, day).weekday()
    except ValueError:
        return None  # the impossible-date rule speaks for it
    stated = _WEEKDAY_INDEX[m.group("day")]
    names = "一二三四五六日"
    gap = 0.0 if actual == stated else 1.0
    # the weekday is as wrong as the date: both are located
    weekday = (f.end + m.start("word"), f.end + m.end("word"))
    return Candidate((f,), gap=gap, gap_exact=gap, spans=(weekday,), facts={
        "date": f.text, "stated": "星期" + names[stated], "actual": "星期" + names[actual],
        "stated_en": calendar.day_name[stated], "actual_en": calendar.day_name[actual],
        "tolerance_note": False,
    })


def _future(view: View, f: Figure, params: dict) -> Candidate | None:
    pub = view.doc.published
    assert pub is not None
    if f.kind == "year" and f.approx == "exact" and f.value is not None:
        first = dt.date(int(f.value), 1, 1)
    elif f.kind == "date":
        year, month, day = _parts(f, view.doc.published)
        if year is None or "年" not in f.text:
            return None  # a month and day without a year was placed before publication already
        try:
            first = dt.date(year, month, day or 1)
        except ValueError:
            return None
    else:
        return None
    if first <= pub:
        return None
    after, before = view.after(f, 8), view.before(f, 3)
    past = after.startswith(tuple(params["past_after"])) or before.endswith(tuple(params["past_before"]))
    sentence = view.sentence_text(f)
    if not past:
        verb = next((v for v in params["past_verbs"] if v in after), None)
        past = verb is not None and (
            f"{verb}了" in after or before.endswith(("已", "已经", "业已"))
            or (after.find(verb) <= 1 and not has_any(sentence, params["intent_words"])))
    if not past:
        return None
    if has_any(sentence, params["future_words"]) or f.plays("target"):
        return None
    gap = float((first - pub).days)
    return Candidate((f,), gap=gap, gap_exact=gap, facts={
        "date": f.text, "published": pub.isoformat(), "tolerance_note": False,
    })


@lru_cache(maxsize=8)
def _bodies(path: str) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    from pathlib import Path

    from checker.rules.loader import load_yaml, strip_lines

    if not path:
        return ()
    data = strip_lines(load_yaml(Path(path)))
    out = []
    for body in data.get("bodies", []):
        names = (body["name"], *body.get("aliases", []))
        out.append((body["name"], int(body["founded"]), tuple(sorted(names, key=len, reverse=True))))
    return tuple(out)


def _anniversary(view: View, f: Figure, params: dict, bodies) -> Candidate | None:
    # the body is named in the anniversary's own clause: in "今年是全总成立100周年，也是赣源市
    # 总工会成立75周年" the 75 is not 全总's
    lead = words_before(view.doc.text, f, 24)
    best = None
    for name, founded, aliases in bodies:
        for alias in aliases:
            at = lead.rfind(alias)
            # "纪念全总成立100周年和市总工会成立75周年": another anniversary between is the body's
            if at >= 0 and "周年" not in lead[at:] and (best is None or at > best[0]):
                best = (at, name, founded)
    if best is None or f.value is None:
        return None
    _, name, founded = best
    span = f.period.year_span() if f.period else None
    years = [g for g in view.figures if g.kind in ("year", "date") and g.sentence == f.sentence]
    if span is not None and years and all(g.start > f.end for g in years):
        span = None  # "庆祝新中国成立76周年，创建于1956年的…": a year after it dates something else
    if span is not None and span[1] <= founded:
        span = None  # "1965年9月，西藏自治区成立。庆祝…成立60周年": the founding, not the anniversary's year
    if span is None:
        # no year in the text: only an anniversary being celebrated now is dated by publication
        if not has_any(view.sentence_text(f), params["celebrate"]):
            return None
        year = view.doc.published.year  # type: ignore[union-attr]
        span = (year, year)
    lo, hi = span[0] - founded, span[1] - founded
    slack = params["slack_years"]
    gap = max(lo - f.value, f.value - hi) - slack
    expected = str(lo) if lo == hi else f"{lo}–{hi}"
    year = str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"
    return Candidate((f,), gap=float(gap), gap_exact=float(gap), facts={
        "body": name, "founded": str(founded), "year": year, "stated": f.text,
        "expected": expected, "tolerance_note": False,
    })


