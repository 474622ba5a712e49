"""subset: a part (其中, 包括) larger than the whole it belongs to.

The whole is the nearest figure before the part, in the same sentence, with the same unit, that
is not itself a part: "新发展会员74017人，其中农民工会员44734人".
"""

from __future__ import annotations

import re

from checker.extract.figure import Figure
from checker.relate.evidence import bigrams, in_list, is_bound
from checker.relate.relation import words_before
from checker.rules.engine import Candidate, View
from checker.rules.common import ADDITIVE, same_unit
from checker.rules.tolerance import in_unit_of, reading

NAME = "subset"
PARAMS: dict = {}


_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_NET_NEW = re.compile(r"净增[^，,。；;\d]{0,12}$")


def _net_new(text: str, f: Figure) -> bool:
    """"净增经营主体242.8万户": the net new things of a period, a whole its 其中 parts are of."""
    return bool(_NET_NEW.search(words_before(text, f)))


# How many figures back a part's whole may be: a 其中 list of a few dozen items, not a sentence of
# thousands of figures walked back from each of them (which would be quadratic in the sentence)
_REACH = 64


def whole_of(part: Figure, figures: list[Figure], at: int, text: str) -> Figure | None:
    """The whole a 其中 part belongs to: the nearest figure before it of its unit that is not a
    part itself, in the clause just before (实有经营主体688.3万户，其中企业162.5万户) or naming
    what the part names (新增技能人才39.87万人次…，其中高技能人才…); not a figure several clauses
    back that the words between have left (地区生产总值2.15万亿元…，其中农村居民人均可支配收入…)."""
    # the first of the parts listed one after the other, a clause apart (其中城镇居民7.9万人，农村
    # 居民21.7万人): the whole is near it
    first = part
    for j in range(at - 1, max(at - _REACH, 0) - 1, -1):
        g = figures[j]
        if same_unit(g, part) and g.plays("part") and len(_CLAUSE_BREAK.findall(text, g.end, first.start)) <= 1:
            first = g
            continue
        # (a plan's whole and its parts are all targets: 力争…职工228886人，其中男职工…; a net
        # addition is a whole of new things: 净增经营主体242.8万户，其中企业57.5万户)
        if same_unit(g, part, generic=True) and not (g.plays("part") or (g.plays("growth") and not _net_new(text, g))) \
                and not (g.plays("target") and not part.plays("target")) and not is_bound(text, g):
            if in_list(text, g, first_too=True):
                continue  # "37个场站中，风电场21个、光伏电站16个，其中…23个": the list's whole is further back
            if g.plays("average"):
                return None  # 人均收入32816元，其中城镇居民41520元: averages of groups, no parts
            if len(_CLAUSE_BREAK.findall(text, g.end, first.start)) <= 1 or bigrams(g.metric) & bigrams(part.metric):
                return g
            return None
    return None


def sentence_whole(view: View, figures: list[Figure], at: int) -> Figure | None:
    """whole_of for ``figures[at]`` among its sentence's figures, found once a draft for every
    kind that asks (subset, the three sum rules, granularity)."""
    memo = view.memo.setdefault("subset.whole", {})
    key = id(figures[at])
    if key not in memo:
        memo[key] = whole_of(figures[at], figures, at, view.doc.text)
    return memo[key]


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    for figures in view.by_sentence().values():
        for i, f in enumerate(figures):
            if not f.plays("part") or f.plays("growth") or f.kind not in ADDITIVE or is_bound(view.doc.text, f):
                continue
            whole = sentence_whole(view, figures, i)
            if whole is None:
                continue
            out.append(_candidate(f, whole))
    # a part the relation stage found within the whole its sentence names (1200名职工当中，农民工有…)
    seen = {id(c.figures[0]) for c in out}
    for rel in view.relations:
        if rel.family == "part" and id(rel["part"]) not in seen and rel["part"].kind in ADDITIVE:
            seen.add(id(rel["part"]))
            out.append(_candidate(rel["part"], rel["whole"]))
    return out


def _candidate(part: Figure, whole: Figure) -> Candidate:
    gap = reading(part)[0] - reading(whole)[1]
    gap_exact = reading(part, False)[0] - reading(whole, False)[1]
    return Candidate((part, whole), gap=gap, gap_exact=gap_exact, facts={
        "part": part.text, "whole": whole.text, "by": in_unit_of(max(gap_exact, 0.0), whole),
        "part_metric": part.metric or part.text, "whole_metric": whole.metric or whole.text,
        "unit": whole.unit or "",
    })
