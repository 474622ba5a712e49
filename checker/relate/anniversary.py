"""Anniversaries and the founding year the text gives: "该厂始建于1956年……迎来建厂60周年",
"郑州市总工会成立于1927年……有着96年辉煌历史". The founding is a year (or a date) with a verb
of founding beside it; the anniversary a 周年 count, or years of 历史, in the same paragraph after
or before it, naming an event of the founding's kind when it names one (建厂 and 始建, 通车
and 建成通车). The words are data (relations.yaml ``anniversary``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.numerals import chinese
from checker.lang import data
from checker.relate.relation import Relation, clause_span

_YEAR = re.compile(r"((?:19|20)\d\d)年")
_ANNIVERSARY_AFTER = re.compile(r"[\d一二三四五六七八九十百]+周年")


@lru_cache(maxsize=1)
def _spec() -> dict:
    spec = data("relations")["anniversary"]
    kind: dict[str, set[str]] = {}
    for name, words in spec["kinds"].items():
        for word in words:
            kind.setdefault(word, set()).add(name)
    return {"after": re.compile(spec["founded_after"]), "before": re.compile(spec["founded_before"]),
            "history": re.compile(spec["history"]), "event": re.compile(spec["event"]),
            "birthday": re.compile(spec["birthday"]),
            "kind": kind, "reach": int(spec["reach"]), "subject": re.compile(spec["subject"]),
            "aliases": {str(k): str(v) for k, v in spec.get("aliases", {}).items()},
            "celebrating": re.compile(spec["celebrating"])}


def founding_year(f: Figure) -> int | None:
    """The year of a year or date figure (1955年10月1日: 1955)."""
    if f.kind == "year" and f.value is not None:
        return int(f.value)
    m = _YEAR.match(f.text) if f.kind == "date" else None
    return int(m.group(1)) if m else None


def find(text: str, figures: list[Figure]) -> list[Relation]:
    """Each anniversary with the nearest founding of its kind in its paragraph, before or after
    it ("举行建院65周年座谈会。该院创建于1966年")."""
    spec = _spec()
    foundings: list[tuple[Figure, str, int]] = []  # the year, its verb, where the verb ends
    anniversaries: list[Figure] = []
    for f in figures:
        if f.kind in ("year", "date") and founding_year(f) is not None:
            # (始建于1956年的红星机械厂迎来建厂60周年: 始建 is the founding, 建厂 the anniversary's)
            m = spec["before"].search(text, max(0, f.start - 12), f.start) or spec["after"].match(text, f.end)
            # (成立105周年: the verb is an anniversary's, not a founding's)
            if m and not _ANNIVERSARY_AFTER.match(text, m.end("verb")):
                foundings.append((f, m.group("verb"), m.end("verb")))
        elif _is_anniversary(f, text, spec):
            anniversaries.append(f)
    out = []
    for f in anniversaries:
        named = spec["event"].search(text, max(0, f.start - 8), f.start)
        # "庆祝中国共产党成立100周年": the body it names must be named where the founding is
        subject = spec["subject"].search(text, max(0, f.start - 24), named.start()) if named else None
        # "过去的2025年，自治区成立60周年": 成立 is the anniversary's own word, 2025 its year
        near = [(abs(f.start - g.start), g) for g, verb, verb_end in foundings
                if not 0 <= f.start - verb_end <= 2
                and (subject is None or _names(subject.group("subject"), _founding_words(text, g, verb_end), spec))
                and (not named or spec["kind"].get(named.group("event"), set()) & spec["kind"].get(verb, set()))
                and abs(f.start - g.start) <= spec["reach"]
                # another paragraph (or the headline) only for the body the founding names
                and ("\n" not in text[min(f.end, g.end):max(f.start, g.start)]
                     or _same_body(text[max(0, f.start - 16):f.start], text, g, verb_end, spec))]
        if near:
            out.append(Relation("anniversary", "anniversary.founded", {"founded": min(near, key=lambda x: x[0])[1], "years": f}, {}))
    return out


def editions(text: str, figures: list[Figure]) -> list[Relation]:
    """Each edition (第二十三届) with the year of its first one and the interval between them,
    given in its paragraph ("梨花节自2004年首次举办以来，每年一届"; "每四年举办一届，首届于1982年")."""
    spec = data("relations")["anniversary"]["edition"]
    first_after, first_before = re.compile(spec["first_after"]), re.compile(spec["first_before"])
    every, after = re.compile(spec["every"]), re.compile(spec["after"])
    out = []
    for f in figures:
        # (the ordinal holds its measure word, 第二十届, and its rank as its value)
        if f.kind != "ordinal" or not f.text.startswith("第") or f.value is None \
                or not (after.search(f.text[-1]) or after.match(text, f.end)):
            continue
        number = int(f.value)
        start = text.rfind("\n", 0, f.start) + 1
        stop = text.find("\n", f.end)
        stop = len(text) if stop < 0 else stop
        interval = every.search(text, start, stop)
        firsts = [g for g in figures if start <= g.start < stop and g is not f and founding_year(g) is not None
                  and (first_after.match(text[g.end:g.end + 16]) or first_before.search(text, max(0, g.start - 4), g.start))]
        if number is None or interval is None or len(firsts) != 1:
            continue
        n = interval.group("n") or interval.group("m")
        years = 1 if n is None else _small(n)
        if years:
            out.append(Relation("edition", "anniversary.edition", {"first": firsts[0], "edition": f},
                                {"every": float(years), "number": float(number)}))
    return out


def _small(n: str) -> int | None:
    if n.isdigit():
        return int(n)
    try:
        return int(chinese(n)[0])
    except (ValueError, KeyError):
        return None


def _names(subject: str, founding: str, spec: dict) -> bool:
    """Whether the founding's words name the anniversary's body (新中国: 中华人民共和国), or point
    back to it by its head noun ("京水大桥建成通车40周年…这座大桥于1995年…通车")."""
    subject = spec["event"].sub("", subject)  # (京水大桥建成 before 通车: the body is 京水大桥)
    return (subject in founding or any(alias in subject and full in founding for alias, full in spec["aliases"].items())
            or bool(re.search(rf"(?:这|该|此)[座个家所条位]?{re.escape(subject[-2:])}", founding)))


def _same_body(before_anniversary: str, text: str, founded: Figure, verb_end: int, spec: dict) -> bool:
    """"市总工会举行成立75周年座谈会" and "1949年9月，市总工会正式成立": the body the anniversary
    names (the words before its event, without the verbs of celebrating) is the one founded, one
    name ending the other (自治区, 新疆维吾尔自治区); not 区总工会, nor 市总工会女职工委员会."""
    named = spec["event"].search(before_anniversary)
    words = re.split(r"[，,。；;！？\n]", before_anniversary[:named.start()] if named else before_anniversary)[-1]
    # 亲率中央代表团出席自治区: 自治区; 市总工会举行: 市总工会
    subject = next((p for p in reversed(spec["celebrating"].split(words)) if p), "")
    body = _body_founded(text, founded, verb_end)
    return len(subject) >= 2 and len(body) >= 2 and (body.endswith(subject) or subject.endswith(body))


def _body_founded(text: str, f: Figure, verb_end: int) -> str:
    """The body a founding names: its clause's words before the verb, without the date, the
    preposition and the adverbs ("1949年9月，市总工会正式成立": 市总工会; "新疆维吾尔自治区于1958年
    10月1日成立": 新疆维吾尔自治区)."""
    words = _founding_words(text, f, verb_end)
    m = _spec()["after"].search(words)
    head = words[:m.start("verb")] if m else words
    head = head.replace(text[f.start:f.end], "")
    return re.sub(r"(?:于|正式|宣告|在|的|，|,)+$", "", re.sub(r"^[，,]", "", head)).strip()


def _founding_words(text: str, f: Figure, verb_end: int) -> str:
    """The words of a founding, from its clause's start to its verb's: "1955年10月1日，新疆维吾尔
    自治区成立", "创建于1956年的老字号城南百货" (not the rest of its sentence)."""
    start, stop = clause_span(text, f.start, max(verb_end, f.end))
    return text[start:stop]


def _is_anniversary(f: Figure, text: str, spec: dict) -> bool:
    if f.value is None:
        return False
    if f.unit == "岁":  # 诞生于1988年的职工之家，今年迎来35岁生日
        return bool(spec["birthday"].match(text, f.end))
    if f.kind != "duration":
        return False
    return f.unit == "周年" or (f.unit == "年" and bool(spec["history"].match(text, f.end)))
