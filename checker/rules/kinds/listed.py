"""listed: a count against the items its list names right before it ("册亨、罗甸、望谟、紫云、关岭
等8个重点县"): with 等 the count is at least the items named, without it exactly them. The
relation stage finds the list (checker/relate/enumeration.py)."""

from __future__ import annotations

from checker.relate.enumeration import listed
from checker.rules.engine import Candidate, View

NAME = "listed"
PARAMS: dict = {}


def derive(view: View, params: dict) -> list[Candidate]:
    out = []
    for rel in view.relations:
        if rel.family != "enumeration":
            continue
        n = rel["count"].value or 0
        low = rel.fixed["items"]
        high = low + rel.fixed.get("joined", 0.0)
        if rel.fixed.get("open"):
            gap = low - n  # 等: more may stand behind it, never fewer
        else:
            gap = max(low - n, n - high)
        out.append(Candidate((rel["count"],), gap=gap, gap_exact=gap, facts={
            "count": rel["count"].text, "items": f"{low:g}" if low == high else f"{low:g}–{high:g}",
            "listed": listed(view.doc.text, rel), "open": "等" if rel.fixed.get("open") else "",
            "tolerance_note": False,
        }))
    return out
