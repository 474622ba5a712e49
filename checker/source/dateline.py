"""The publication date a draft states about itself (its dateline).

Only the head and the tail of a text are searched: that is where page heads ("2013年10月18日
星期五"), web-page labels ("时间：2026-02-03"), wire lines ("本报讯（2024年9月20日）") and
sign-off dates sit. A date in the body
("2020年1月20日工程完工") is an event the article reports, never the date of the article.
"""

from __future__ import annotations

import datetime as dt
import re

HEAD_CHARS = 600
TAIL_CHARS = 300

# Full-width digits and date separators folded one-to-one, so positions do not move.
_FOLD = str.maketrans("０１２３４５６７８９－／．：", "0123456789-/.:")

# One date, "2026年2月3日", "2026-02-03", "2026/2/3" or "2026.2.3"; not part of a longer number.
_DATE = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[^\S\n]*[-/.年][^\S\n]*(?P<m>\d{1,2})[^\S\n]*[-/.月][^\S\n]*"
    r"(?P<d>\d{1,2})(?!\d)(?:[^\S\n]*日)?"
)

# Tried in this order: a labelled date is the page's own statement, so it outranks a page head.
# The label must start a word: "截止时间：" in a notice is a deadline, not the notice's date.
_LABELLED = re.compile(
    r"(?<![\u4e00-\u9fff])(?:发布|发表|出版|更新|印发|成文)?(?:时间|日期)\s*:\s*" + _DATE
)
# Newspaper page heads; a lunar date may sit between the date and the weekday.
_WEEKDAY = re.compile(_DATE + r"[^\S\n]*(?:农历[^\n]{0,12}?[^\S\n]*)?[（(]?(?:星期|礼拜|周)[一二三四五六日天]")
# A newspaper's wire line opening the lead: "本报讯（2024年9月20日）", "本报讯（记者 张三 2024年9月20日）",
# "本报讯（记者 张三）2024年9月20日，".
_WIRE = re.compile(r"(?:本报讯|本报|讯)[^\S\n]*[（(](?:[^）)\n]{0,20}?" + _DATE.replace("?P<", "?P<w") + r"[^）)\n]{0,12}[）)]"
                   r"|[^）)\n]{0,20}[）)][^\S\n]*" + _DATE + ")")
# A date alone on its line (a time of day may follow), as web pages and sign-offs put it.
_ALONE = re.compile(
    r"^[^\S\n]*" + _DATE + r"(?:[^\S\n]+\d{1,2}:\d{2}(?::\d{2})?)?[^\S\n]*$", re.MULTILINE
)

# A speech's line of delivery under its title: "——2026年1月27日在海南省第七届人民代表大会第五次
# 会议上", "（2026年1月27日在…会议上）": a report is published the day it is delivered.
_DELIVERED = re.compile(
    r"^[^\S\n]*(?:——|—|[（(])?[^\S\n]*" + _DATE + r"[^\S\n]*在[^\n]{2,60}?(?:会议|大会|会)上", re.MULTILINE
)


def find_dateline(text: str) -> dt.date | None:
    """The draft's own date from its head or tail, or None when it states none."""
    folded = text.translate(_FOLD)
    tail_start = len(folded) - TAIL_CHARS
    for pattern in (_LABELLED, _WEEKDAY, _WIRE, _ALONE, _DELIVERED):
        for match in pattern.finditer(folded):
            if HEAD_CHARS <= match.start() < tail_start:
                continue
            found = _to_date(match)
            if found is not None:
                return found
    return None


def _to_date(match: re.Match[str]) -> dt.date | None:
    """A real calendar date from a match; "2月30日" is a typo, not a dateline."""
    groups = {k.removeprefix("w"): v for k, v in match.groupdict().items() if v is not None}
    try:
        return dt.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
