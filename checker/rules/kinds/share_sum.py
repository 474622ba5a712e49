"""share-sum: shares of one whole that add up to more than 100%, or, when they are exhaustive
(a complementary pair, or a list closed by 其他/其余), not to 100%.

Shares of one whole are the percentages after 分别占/分别为 in one clause list, the shares
(占X%) of a complementary pair in one sentence, or shares (占X%) one after another that end with
the rest (其他占X%).
"""

from __future__ import annotations

import math
import re

from checker.extract.figure import Figure
from checker.relate.evidence import exhaustive_shares
from checker.rules.engine import Candidate, View
from checker.rules.kinds.sum_ import _pair
from checker.rules.tolerance import add, in_percent

NAME = "share-sum"
PARAMS = {
    "mode": (str, "exceeds"),
    "pairs": (list, [["男", "女"], ["城镇", "农村"], ["城市", "农村"], ["公办", "民办"]]),
    "closing": (list, ["其他", "其余", "其它"]),
}
CHOICES = {"mode": ("exceeds", "exhaustive")}
_LIST_GAP = re.compile(r"^[、和及与,，]?$")


def _listed(view: View, figures: list[Figure]) -> list[list[Figure]]:
    """Runs of percentages that follow 分别占/分别为 (依次为), separated only by 、 or 和."""
    runs = []
    i = 0
    while i < len(figures):
        f = figures[i]
        # (城镇和农村居民的参保率分别为96.8%和98.1%: rates, each of its own whole)
        if f.unit == "%" and not f.plays("growth") and not f.plays("rate") \
                and view.before(f, 4).endswith(("分别占", "分别为", "分别是", "依次为", "依次是", "依次占")):
            run = [f]
            j = i + 1
            while j < len(figures) and figures[j].unit == "%" and _LIST_GAP.match(view.between(run[-1], figures[j])):
                run.append(figures[j])
                j += 1
            if len(run) >= 2 and "占" in view.sentence_text(f):
                runs.append(run)
            i = j
        else:
            i += 1
    return runs


def _closed(view: View, figures: list[Figure], closing: list[str]) -> list[Figure] | None:
    """"非公企业占60%，事业单位占25%，其他占15%": shares (占X%) one after another, the last of
    them the rest (其他), with no other percentage among them."""
    run: list[Figure] = []
    for f in figures:
        if f.unit == "%" and f.plays("share") and view.before(f, 2).endswith(("占", "占了")):
            if run and "其中" in view.between(run[-1], f):
                return None  # 民营企业占62.4%，其中…占8.9%、其他民营企业占42.3%: shares of a share
            run.append(f)
            lead = _LEAD.split(view.before(f, 12))[-1]
            if len(run) >= 2 and lead.startswith(tuple(closing)):
                return run
        elif f.unit == "%" or f.kind == "percent":
            run = []
    return None


_LEAD = re.compile(r"[，,；;。、]")


def _with_rest(view: View, figures: list[Figure], run: list[Figure], closing: list[str]) -> list[Figure]:
    """"…分别占46.2%、21.5%、18.7%，其他争议占13.6%": the rest after a 分别 list is one of its
    shares (the list is exhaustive with it, not without it)."""
    after = figures[figures.index(run[-1]) + 1:]
    for f in after:
        if f.unit == "%" and view.before(f, 2).endswith(("占", "占了")):
            lead = _LEAD.split(view.before(f, 12))[-1]
            if lead.startswith(tuple(closing)):
                return [*run, f]
        if f.unit == "%" or f.kind == "percent":
            break
    return run


def _related(view: View, figures: list[Figure]) -> list[tuple[list[Figure], bool]]:
    """The shares of one whole the relation stage found in this sentence, the longest first, and
    whether the pattern's words say they are all of it (a structure 7.4∶39.6∶53)."""
    here = {id(f) for f in figures}
    found = [(list(r.slots.values()), bool(r.fixed.get("exhaustive")))
             for r in view.relations if r.family == "shares" and id(r["s1"]) in here]
    return sorted(found, key=lambda x: len(x[0]), reverse=True)


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    exhaustive_mode = params["mode"] == "exhaustive"
    for figures in view.by_sentence().values():
        groups = [_with_rest(view, figures, run, params["closing"]) for run in _listed(view, figures)]
        shares = [f for f in figures if f.plays("share") and f.unit == "%"]
        if len(shares) == 2 and _pair(view, shares, params["pairs"]):
            groups.append(shares)
        # the figures some group holds: a relation's shares join no group twice (kept as one set,
        # not compared group by group: a sentence may hold thousands of relations)
        taken = {id(f) for g in groups for f in g}
        closed = _closed(view, figures, params["closing"])
        if closed and not taken & set(map(id, closed)):
            groups.append(closed)
            taken |= set(map(id, closed))
        related: dict[int, bool] = {}
        for rel, complete in _related(view, figures):
            ids = set(map(id, rel))
            if not taken & ids:
                groups.append(rel)
                taken |= ids
                related[id(rel)] = complete
        for run in groups:
            if id(run) in related:
                exhaustive = related[id(run)] or exhaustive_shares(run, view.doc.text)
            else:
                exhaustive = _pair(view, run, params["pairs"]) or any(
                    w in view.sentence_text(run[0]) for w in params["closing"])
            if exhaustive_mode != exhaustive:
                continue  # an exhaustive list is the exhaustive rule's alone: one error, one finding
            s, s_exact = add([in_percent(f) for f in run]), add([in_percent(f, False) for f in run])
            if exhaustive_mode and all(f.approx == "exact" for f in run):
                gap = max(s[0] - 100, 100 - s[1])
                gap_exact = max(s_exact[0] - 100, 100 - s_exact[1])
            else:
                # 男性约占52%，女性约占45%: approximate shares may leave a rest unstated; only
                # more than the whole is certain
                gap, gap_exact = s[0] - 100, s_exact[0] - 100
            # the sum as written (约四成 + 约三成 + 约五成 = 120%); the finding rests on the readings
            # (三分之二 + 42.1% + 1.2%: 109.97%, to two decimals when a fraction is among them)
            written = round(math.fsum(in_percent(f, False)[0] if f.value is None or f.kind == "fraction" else f.value
                                      for f in run), 2 if any(f.kind == "fraction" for f in run) else 9)
            out.append(Candidate(tuple(run), gap=gap, gap_exact=gap_exact, facts={
                "shares": tuple(f.text for f in run), "sum": written, "by": abs(written - 100),
            }))
    return out
