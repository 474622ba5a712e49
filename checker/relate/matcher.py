"""One matcher for every relation pattern (checker/lang/zh/relations.yaml).

A pattern is a sequence of figure slots and the words between them. The matcher walks the
quantities of each sentence (or pair of sentences) left to right and fills the slots in order,
backtracking: a figure fills a slot when it has the slot's type, and the words between it and the
figure of the slot before fullmatch the gap between them. Gaps are bounded (``max_gap``), so the
search from one figure stops after a few figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.figure import Figure
from checker.extract.units import comparable, dimension
from checker.lang import data
from checker.relate.evidence import bigrams
from checker.relate.relation import Relation, words_before

_GENERIC_FAMILIES = frozenset({"breakdown", "part"})
_QUANTITY = frozenset({"count", "money", "percent", "fraction", "multiple", "measure", "duration"})
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class SlotType:
    kinds: frozenset[str]
    units: frozenset[str] | None
    units_not: frozenset[str]
    roles: frozenset[str]  # any of these facets, when given
    roles_not: frozenset[str]
    lead: re.Pattern[str] | None
    lead_not: re.Pattern[str] | None
    tail_not: re.Pattern[str] | None  # matched at the words right after the figure
    tail: re.Pattern[str] | None = None  # must match there, when given
    approx: frozenset[str] | None = None  # how the figure is bounded (over: 突破3万亿元), when given

    def admits(self, f: Figure, words: tuple[str, str, frozenset[str]]) -> bool:
        """``words``: the words of the figure's clause before it, the few right after it, and
        the figure's role facets."""
        lead, tail, facets = words
        if f.kind not in self.kinds or (self.units is not None and f.unit not in self.units):
            return False
        if self.approx is not None and f.approx not in self.approx:
            return False
        if f.unit in self.units_not or facets & self.roles_not:
            return False
        if self.roles and not facets & self.roles:
            return False
        if self.lead_not is not None and self.lead_not.search(lead):
            return False
        if self.tail_not is not None and self.tail_not.match(tail):
            return False
        if self.tail is not None and not self.tail.match(tail):
            return False
        return self.lead is None or bool(self.lead.search(lead))


@dataclass(frozen=True)
class Slot:
    name: str
    type: SlotType
    same: str | None  # a slot whose figure must be of this one's dimension
    gap: re.Pattern[str]  # the words between the slot before and this one
    gap_not: re.Pattern[str] | None  # words that must not stand there
    skip: bool  # other figures may stand between (by default the slots' figures are neighbours)
    many: bool = False  # a list of figures (1.8%、3%): the pattern holds for each position
    generic: bool = False  # `same` admits 个 for 家, 项 … (the parts of one whole)


@dataclass(frozen=True)
class Pattern:
    id: str
    family: str
    slots: tuple[Slot, ...]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    evidence: tuple[str, ...]
    two_sentences: bool
    priority: int
    fixed: tuple[tuple[str, float], ...] = ()  # what the pattern's own words say (共: the list is complete)
    unless: tuple[str, ...] = ()  # evidence that the figures do not belong together


@lru_cache(maxsize=4)
def patterns(lang: str = "zh") -> tuple[Pattern, ...]:
    """The compiled patterns of a language."""
    spec = data("relations", lang)
    defs = dict(spec["define"])

    def expand(regex: str) -> str:
        for _ in range(4):  # definitions may use definitions
            regex = re.sub(r"\{([a-z_]+)\}", lambda m: defs.get(m.group(1), m.group(0)), regex)
        return regex

    types = {name: SlotType(
        kinds=frozenset(t["kind"]), units=frozenset(t["unit"]) if "unit" in t else None,
        units_not=frozenset(t.get("unit_not", [])), roles=frozenset(t.get("role", [])),
        roles_not=frozenset(t.get("role_not", [])),
        lead=re.compile(expand(t["lead"])) if "lead" in t else None,
        lead_not=re.compile(expand(t["lead_not"])) if "lead_not" in t else None,
        tail_not=re.compile(expand(t["tail_not"])) if "tail_not" in t else None,
        tail=re.compile(expand(t["tail"])) if "tail" in t else None,
        approx=frozenset(t["approx"]) if "approx" in t else None,
    ) for name, t in spec["types"].items()}
    out = []
    for priority, p in enumerate(spec["patterns"]):
        slots, gap, before, after = [], {}, None, None
        for item in p["sequence"]:
            if "before" in item:
                before = re.compile(f"(?:{expand(item['before'])})$")
            elif "after" in item:
                after = re.compile(expand(item["after"]))
            elif "gap" in item:
                gap = item
            else:
                slots.append(Slot(
                    item["slot"], types[item["type"]], item.get("same"),
                    re.compile(expand(gap.get("gap", spec["default_gap"]))),
                    re.compile(expand(gap["not"])) if "not" in gap else None, bool(gap.get("skip")),
                    bool(item.get("list")), p["family"] in _GENERIC_FAMILIES))
                gap = {}
        out.append(Pattern(p["id"], p["family"], tuple(slots), before, after,
                           tuple(p.get("evidence", ["structure"])),
                           p.get("window", "sentence") == "two_sentences", priority,
                           tuple((str(k), float(v)) for k, v in p.get("fixed", {}).items()),
                           tuple(p.get("unless", []))))
    return tuple(out)


@lru_cache(maxsize=4)
def _gates(lang: str) -> dict[str, re.Pattern[str]]:
    """Each family's (or pattern's) words a sentence must hold, as one pattern."""
    return {str(g): re.compile("|".join(map(re.escape, map(str, ws)))) for g, ws in settings(lang)["needs"].items()}


def settings(lang: str = "zh") -> dict:
    return data("relations", lang)


def find(text: str, figures: list[Figure], evidence, lang: str = "zh") -> list[Relation]:
    """Every relation the patterns find among ``figures`` (one document's, in order);
    ``evidence(name, pattern, slots, text)`` says whether a relation's figures belong together."""
    spec = settings(lang)
    max_gap = int(spec["max_gap"])
    doubling = {str(k): float(v) for k, v in spec["doubling"].items()}
    quantities = [f for f in figures if f.kind in _QUANTITY]
    by_sentence: dict[int, list[Figure]] = {}
    for f in quantities:
        by_sentence.setdefault(f.sentence, []).append(f)
    leads = {id(f): (words_before(text, f), text[f.end:f.end + 6], frozenset(f.role.split("+")) if f.role else frozenset())
             for f in quantities}
    compiled = patterns(lang)
    # which slot types each sentence has a figure of: a pattern is tried only where every one
    # of its slots can be filled (most sentences have no multiple, no average, no 个百分点)
    present: dict[tuple[int, int], bool] = {}  # (sentence, slot type) -> a figure of it there

    def has(s: int, st: SlotType) -> bool:
        key = (s, id(st))
        if key not in present:
            present[key] = any(st.admits(f, leads[id(f)]) for f in by_sentence.get(s, ()))
        return present[key]

    # the sentences that hold each family's (or pattern's) words, found once
    gates = _gates(lang)
    gated: dict[str, list[int]] = {g: [] for g in gates}
    for s, here in by_sentence.items():
        span = text[max(0, here[0].start - 40):here[-1].end + 24]
        for g, words in gates.items():
            if words.search(span):
                gated[g].append(s)
    out: list[Relation] = []
    fillable: dict[tuple, bool] = {}
    for pattern in compiled:
        needed = tuple({id(slot.type): slot.type for slot in pattern.slots}.values())
        needed_key = (tuple(sorted(id(st) for st in needed)), pattern.two_sentences)
        # a pattern's own words, where it has them, else its family's
        gate = pattern.id if pattern.id in gates else pattern.family
        for s in gated[gate] if gate in gates else list(by_sentence):
            here = by_sentence[s]
            key = (s, needed_key)  # patterns with the same slot types share the answer
            if key not in fillable:
                fillable[key] = all(has(s, st) or (pattern.two_sentences and has(s - 1, st)) for st in needed)
            if not fillable[key]:
                continue
            window = (by_sentence.get(s - 1, []) + here) if pattern.two_sentences else here
            start_at = len(window) - len(here)  # a two-sentence match ends in this sentence
            for filled in _positions(pattern, _fill(pattern, window, text, leads, max_gap)):
                if pattern.two_sentences and window.index(filled[-1]) < start_at:
                    continue
                slots = {slot.name: f for slot, f in zip(pattern.slots, filled)}
                fixed = dict(pattern.fixed)
                if pattern.after is not None:
                    groups = _after(pattern.after, text, filled)
                    if groups is None:
                        continue
                    if groups.get("doubling"):
                        fixed["times"] = doubling[groups["doubling"]]
                        if groups.get("more"):
                            fixed["more"] = 1.0  # 翻了一番多: more than twice
                if not any(evidence(name, pattern, slots, text) for name in pattern.evidence):
                    continue
                if any(evidence(name, pattern, slots, text) for name in pattern.unless):
                    continue
                out.append(Relation(pattern.family, pattern.id, slots, fixed, priority=pattern.priority))
    return out


def _after(after: re.Pattern[str], text: str, filled: list[Figure]) -> dict | None:
    """The groups of the first match of ``after`` in the words after the last slot (to the end of
    its sentence, 24 characters at most) whose ``what`` names the slots' own metric, if it names
    anything: in "营业收入翻一番、利润翻三番" the 利润's levels take 翻三番."""
    end = filled[-1].end
    stop = _SENTENCE_END.search(text, end, end + 24)
    limit = stop.start() if stop else min(len(text), end + 24)
    metrics = "".join(f.metric or "" for f in filled)
    for m in after.finditer(text, end, limit):
        what = m.groupdict().get("what") or ""
        if not bigrams(what) or what[-2:] in metrics:
            return m.groupdict()
    return None


_LIST_GAP = re.compile(r"[、和与及]|[，,]?(?:以及|和)")


def _positions(pattern: Pattern, fills):
    """Each fill as one figure a slot; a pattern with list slots (分别由20%、28%提高到35%、60%，
    分别提高15、22个百分点) holds for each position of its lists, all of one length."""
    if not any(slot.many for slot in pattern.slots):
        yield from fills
        return
    for filled in fills:
        lengths = {len(f) for slot, f in zip(pattern.slots, filled) if slot.many}
        if len(lengths) != 1 or (n := lengths.pop()) < 2:
            continue
        for i in range(n):
            yield [f[i] if slot.many else f for slot, f in zip(pattern.slots, filled)]


def _last(chosen) -> Figure:
    return chosen[-1] if isinstance(chosen, tuple) else chosen


def _fill(pattern: Pattern, window: list[Figure], text: str, leads: dict, max_gap: int):
    """Each way to fill the pattern's slots, in order, from the figures of the window (a list
    slot takes the whole list, as a tuple)."""
    slots = pattern.slots

    def walk(k: int, start: int, chosen: list[Figure]):
        if k == len(slots):
            yield list(chosen)
            return
        slot = slots[k]
        for j in range(start, len(window)):
            f = window[j]
            if chosen:
                prev = _last(chosen[-1])
                if f.start - prev.end > max_gap:
                    break
                if j > last[-1] + 1 and (not slot.skip or any(
                        _could_fill(later, g, chosen, slots, k, leads)
                        for g in window[last[-1] + 1:j] for later in slots[k:])):
                    break  # another figure stands between (one like this one, where skipping is allowed)
                if not slot.gap.fullmatch(text, prev.end, f.start):
                    continue
                if slot.gap_not is not None and slot.gap_not.search(text[prev.end:f.start]):
                    continue
            elif pattern.before is not None and not pattern.before.search(text, max(0, f.start - 32), f.start):
                continue
            if not _fits(slot, f, chosen, slots, k, leads):
                continue
            # the rest of the list, item by item: the longest list only, never a shorter one (a
            # pattern with list slots asks for lists of one length, so a list read from its
            # middle finds no partner of its length, or a `before` anchors its start)
            if slot.many:
                items, end = [f], j
                while end + 1 < len(window) and _LIST_GAP.fullmatch(text, items[-1].end, window[end + 1].start) \
                        and _fits(slot, window[end + 1], chosen, slots, k, leads):
                    end += 1
                    items.append(window[end])
                chosen.append(tuple(items))
                last.append(end)
                yield from walk(k + 1, end + 1, chosen)
                chosen.pop()
                last.pop()
                continue
            chosen.append(f)
            last.append(j)
            yield from walk(k + 1, j + 1, chosen)
            chosen.pop()
            last.pop()

    last: list[int] = [-1]
    yield from walk(0, 0, [])


def _could_fill(later: Slot, f: Figure, chosen: list[Figure], slots: tuple[Slot, ...], k: int, leads: dict) -> bool:
    """Whether a figure standing between could fill a slot still to fill: then it is not skipped
    (a later slot that must match one already filled is asked with that match: 12条 between 739个
    and its share is no 个)."""
    earlier = [s.name for s in slots[:k]]
    if later is slots[k] or (later.same is not None and later.same in earlier):
        return _fits(later, f, chosen, slots, k, leads)
    return later.type.admits(f, leads[id(f)])


def _fits(slot: Slot, f: Figure, chosen: list[Figure], slots: tuple[Slot, ...], k: int, leads: dict) -> bool:
    """Whether ``f`` has the slot's type (and the dimension of the slot it must match)."""
    if not slot.type.admits(f, leads[id(f)]):
        return False
    if slot.same is not None:
        other = chosen[[s.name for s in slots[:k]].index(slot.same)]
        other = other[0] if isinstance(other, tuple) else other
        # (个 for 家 only among the parts of one whole: 基地30个、书屋209家，共计535个)
        if other.kind != f.kind or not (dimension(other.unit) == dimension(f.unit) or (
                slot.generic and comparable(other.unit, f.unit))):
            return False
    return True
