"""Numerals as written -> exact values, and the place of the last written digit.

Arabic numerals are parsed with Decimal so that 65.9万 is exactly 659000. Chinese numerals go
through cn2an (imported only when a numeral needs it); the one-character ones every article has
(两, 三, 十) come from a small table first, since cn2an costs 0.1 s to import.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

SCALE = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10_000),
    "十万": Decimal(100_000), "百万": Decimal(1_000_000), "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000), "十亿": Decimal(1_000_000_000), "百亿": Decimal(10_000_000_000),
    "千亿": Decimal(100_000_000_000), "万亿": Decimal(1_000_000_000_000),
}

_SIMPLE = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000,
}
CN_DIGITS = "零〇一二两三四五六七八九"
# The capital numerals of receipts, contracts and budgets (壹佰伍拾元), read as the small ones;
# 萬 is 万 in any text
CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬", "一二三四五六七八九十百千万")
CAPITAL_CHARS = "壹贰叁肆伍陆柒捌玖拾佰仟萬"
# One Chinese digit's value; ○ and a Latin O stand in for 〇 in many drafts (二○三五年).
DIGIT_VALUE = {c: _SIMPLE[c] for c in CN_DIGITS} | {"○": 0, "O": 0} \
    | {c: _SIMPLE[c.translate(CAPITALS)] for c in CAPITAL_CHARS[:9]}
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿" + CAPITAL_CHARS


def arabic(text: str) -> tuple[Decimal, Decimal]:
    """Value and precision of an Arabic numeral such as "1,234.5"."""
    text = text.replace(",", "")
    value = Decimal(text)
    if "." in text:
        precision = Decimal(1).scaleb(-len(text.split(".", 1)[1]))
    else:
        precision = Decimal(1)
    return value, precision


class NotANumeral(ValueError):
    """Characters that look like a Chinese numeral but are none (百百, 万千)."""


@lru_cache(maxsize=4096)
def chinese(text: str) -> tuple[Decimal, Decimal]:
    """Value and precision (the place of the lowest non-zero digit) of a Chinese numeral.

    A decimal (三点五, 零点五) has the precision of its last written decimal digit.
    """
    text = text.translate(CAPITALS)
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or not whole or any(c not in DIGIT_VALUE for c in frac):
            raise NotANumeral(text)
        value = chinese(whole)[0] + Decimal("0." + "".join(str(DIGIT_VALUE[c]) for c in frac))
        return value, Decimal(1).scaleb(-len(frac))
    if text in _SIMPLE:
        value = Decimal(_SIMPLE[text])
    elif text in SCALE:  # 百万, 千万: a scale word used as a number
        value = SCALE[text]
    else:
        import cn2an  # lazy: see the module docstring

        try:
            # "smart" accepts mixed forms such as 二〇二一 and 十九
            value = Decimal(str(cn2an.cn2an(text.replace("两", "二"), "smart")))
        except (ValueError, KeyError, IndexError) as err:
            raise NotANumeral(text) from err
    return value, lowest_place(value)


def lowest_place(value: Decimal) -> Decimal:
    """10^k for the lowest non-zero digit of an integer value (4900 -> 100); 1 for 0."""
    if value == 0 or value != value.to_integral_value():
        return Decimal(1)
    n = int(value)
    place = 1
    while n % 10 == 0:
        n //= 10
        place *= 10
    return Decimal(place)


def next_step(value: Decimal, precision: Decimal, scale: Decimal) -> Decimal:
    """The upper end of "X余/X多": one step of the last non-zero written digit above X.

    4900余 -> 5000; 30余 -> 40; 1.1万余 -> 1.2万; 1万余 -> 2万.
    """
    if value == value.to_integral_value() and precision == 1:
        step = lowest_place(value)
    else:
        step = precision
    return (value + step) * scale
