"""Messages as an editor reads them, in both languages: every gap with its unit (个, 万元,
percentage points), English with English punctuation and plurals, ordinals spelt right. Run on
every rule's own failing examples, so a new rule is held to the same."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from checker.check import check_text
from checker.ledger.crosscheck import check_articles
from checker.rules import load_rules
from checker.rules.kinds.date import _ordinal_en

RULES = load_rules()
# author's words a message quotes may hold Chinese punctuation: only these rules quote a list
QUOTES_A_LIST = {"sum.listed"}


def _messages(rule, lang: str) -> list[str]:
    out = []
    for text in rule.examples.get("fail", []):
        date = dt.date.fromisoformat(rule.example_date) if rule.example_date else None
        found = (check_articles(text, [rule], date, lang) if rule.kind == "cross"
                 else check_text(text, [rule], date, lang).findings)
        out += [f.message for f in found]
    return out


@pytest.mark.parametrize("rule", [r for r in RULES if r.examples.get("fail")], ids=lambda r: r.id)
def test_messages_say_the_unit_of_every_gap(rule) -> None:
    for lang, gap in (("zh", r"(?:相差|差|多出)(-?[\d,.]+)(万|亿)?([^\d,.\s）)])"),
                      ("en", r"(?:off by|differ by|by) (-?[\d,.]+)( ?\S+)?")):
        messages = _messages(rule, lang)
        assert messages, f"{rule.id}: its failing example finds nothing in {lang}"
        for message in messages:
            for m in re.finditer(gap, message):
                unit = m.group(m.lastindex)
                assert unit and unit.strip(" ).") not in ("", "。", "（"), (rule.id, message)


@pytest.mark.parametrize("rule", [r for r in RULES if r.examples.get("fail")], ids=lambda r: r.id)
def test_english_messages_use_english_punctuation(rule) -> None:
    for message in _messages(rule, "en"):
        own = message
        if rule.id in QUOTES_A_LIST:
            own = re.sub(r"\([^)]*\)", "", message)
        assert not re.search(r"[、，。；：（）]", own), message
        assert not re.search(r"\b1 (drafts|figures|items|times)\b", message), message
        assert "  " not in message and " ." not in message and ".." not in message, message


def test_english_ordinals() -> None:
    assert [_ordinal_en(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
        "111th", "112th"]
    (edition,) = [r for r in RULES if r.id == "date.edition"]
    (message,) = _messages(edition, "en")
    assert "the 22nd, not 第二十三届." in message
    (message,) = _messages(edition, "zh")
    assert "届届" not in message
