"""How a figure's value interval reads to a person: [4900, 5000), < 10000, > 3e7."""

from __future__ import annotations

from checker.extract.figure import Figure


def number(x: float, lang: str = "en") -> str:
    """12,345 for integral values, 92.1 for the rest; no float noise; ∞ for a division by 0; in
    Chinese, 亿 and 万 for the large amounts the drafts write that way (4000亿, 2.07万)."""
    if x != x or x in (float("inf"), float("-inf")):
        return "∞" if x == x else "—"
    if lang == "zh" and abs(x) >= 1e5:
        for scale, word in ((1e8, "亿"), (1e4, "万")):
            if abs(x) >= scale:
                return f"{x / scale:.6g}{word}" if abs(x / scale) < 1e4 else f"{x / scale:.0f}{word}"
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) >= 1e6 else f"{x:g}"


def interval(f: Figure) -> str:
    lo, hi = f.lo, f.hi
    if lo is None and hi is None:
        return ""
    if f.approx == "exact" and lo == hi and lo is not None:
        return number(lo)
    if lo is None:
        return f"< {number(hi)}" if hi is not None else ""
    if hi is None:
        return f"> {number(lo)}" if f.approx == "over" else f"≥ {number(lo)}"
    close = ")" if f.approx == "more" else "]"
    return f"[{number(lo)}, {number(hi)}{close}"
