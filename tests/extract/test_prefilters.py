"""The shapes the scanning patterns take for speed match exactly what their plain forms match:
word lists as tries (checker.lang.alternation), two-character prefilters (fastscan.starts_of),
delimiter runs that begin with a character class (extract/context.py)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.extract import context, scanner
from checker.fastscan import finditer
from checker.lang import alternation, data
from checker.meaning import frame

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

word_lists = st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=8)
small_texts = st.text(alphabet="abcd", max_size=30)


def _plain(words: list[str], after: dict[str, str] | None = None) -> str:
    after = after or {}
    return "|".join(re.escape(w) + after.get(w, "") for w in sorted(set(words), key=len, reverse=True))


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@FUZZ
@given(word_lists, small_texts, st.sampled_from(["", "b", "(?!a)", "c+d", "$"]))
def test_trie_matches_what_the_plain_alternation_matches(words, text, rest) -> None:
    # with words after them too: backtracking into the list tries the words in the same order
    assert _spans(f"(?:{alternation(words)}){rest}", text) == _spans(f"(?:{_plain(words)}){rest}", text)


@FUZZ
@given(word_lists, small_texts, st.dictionaries(st.text(alphabet="abc", min_size=1, max_size=2),
                                                st.sampled_from(["(?!a)", "(?=b)", "(?!$)"])))
def test_trie_checks_what_follows_a_word_as_the_plain_alternation_does(words, text, after) -> None:
    words = words + list(after)
    assert _spans(f"(?:{alternation(words, after)})d?", text) == _spans(f"(?:{_plain(words, after)})d?", text)


def _pieces(words: list[str]) -> list[str]:
    # whole words, their halves (a prefix that begins no word), numerals and marks around them
    return (words + [w[:1] for w in words] + [w[1:] for w in words]
            + list("0123456789两二三四五六七八九十年月“”，。的末底以来")
            + ["2025年", "5年", "五年", "十年", "十四五", "2020年到2025年"])


_SCOPE_WORDS = [*context._OWN, *data("scope")["nation"], *context._PLACES]
_P = data("periods")
_PERIOD_WORDS = [*_P["plans"], *_P["asof"], *_P["quarters"], *_P["recent_years"]["before"],
                 *_P["recent_years"]["after"], *_P["review_year"], *_P["relative_years"], *_P["now"],
                 *_P["since"], *_P["end_of"], *_P["year_range"], *_P["base_before"], *_P["base_after"]]


@FUZZ
@given(st.lists(st.sampled_from(_pieces(_SCOPE_WORDS)), max_size=30).map("".join))
def test_scope_prefilter_misses_no_scope_word(text: str) -> None:
    fast = [m.span() for m in finditer(context._SCOPE, context._SCOPE_STARTS, text)]
    assert fast == [m.span() for m in context._SCOPE.finditer(text) if m.end() > m.start()]


@FUZZ
@given(st.lists(st.sampled_from(_pieces(_PERIOD_WORDS)), max_size=30).map("".join))
@example("五年来，2025年以来")
@example("近5年，过去十年")
def test_period_prefilter_misses_no_time_word(text: str) -> None:
    fast = [m.span() for m in finditer(frame._PERIOD, frame._PERIOD_STARTS, text)]
    assert fast == [m.span() for m in frame._PERIOD.finditer(text) if m.end() > m.start()]


_MARKS = st.text(alphabet="，,、：:。！？!?；;\n（）()“”\"《》…—a中1 ", max_size=30)


@FUZZ
@given(_MARKS)
def test_delimiter_runs_are_found_as_by_their_plain_patterns(text: str) -> None:
    assert _spans(context._CLAUSE_END.pattern, text) == _spans(r"(?:[，,、：:。！？!?；;\n（）()“”\"《》]|——|…+)+", text)
    assert _spans(context._SENTENCE_END.pattern, text) == _spans(r"[。！？!?\n]+", text)
    assert _spans(context._LINE_BREAKS.pattern, text) == _spans(r"\n+", text)


_FIGURE_PIECES = st.text(alphabet="0123456789.一二两三四五六七八九十百千万亿第又分之/年月日届次半过数几上约超近不到个%元人折-—:：", max_size=30)


@FUZZ
@given(_FIGURE_PIECES)
@example("三又四分之一")
@example("超过1/4的")
@example("第十四届")
@example("约三分之二以上")
def test_guarded_figure_pattern_matches_what_the_plain_one_matches(text: str) -> None:
    plain = re.compile(scanner._PATTERN_SOURCE, re.VERBOSE)
    for i in range(len(text)):
        a, b = scanner._PATTERN.match(text, i), plain.match(text, i)
        assert (a and (a.span(), a.lastgroup, a.groupdict())) == (b and (b.span(), b.lastgroup, b.groupdict()))
