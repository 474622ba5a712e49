"""The language's knowledge as data: one folder per language (zh/), one YAML file per subject.

Python holds no word lists: scope, period, frame, role-cue and metric words, unit dimensions
and synonyms live in these files, loaded once per process. A new way of writing a period or a
role is a line here and a test case (tests/extract, tests/meaning).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
DEFAULT = "zh"


@lru_cache(maxsize=32)
def data(subject: str, lang: str = DEFAULT) -> dict[str, Any]:
    """The parsed file ``<lang>/<subject>.yaml`` (a plain mapping)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (HERE / lang / f"{subject}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader) or {}


@lru_cache(maxsize=256)
def pattern(subject: str, key: str, lang: str = DEFAULT) -> re.Pattern[str]:
    """The regular expression ``key`` of ``<lang>/<subject>.yaml``, compiled once."""
    return re.compile(data(subject, lang)[key])


def alternation(words: list[str], after: dict[str, str] | None = None) -> str:
    """A regex alternation of literal words, longest first (so 过去的五年 wins over 过去);
    ``after``: for some words, a zero-width check that must hold where the word ends ("(?!代)").

    Written as a trie (过去(?:的五年)?): the regex engine tries the alternatives of a group one
    by one, and a list of hundreds of place names or units costs that at every position it is
    tried. The words that match at one position are prefixes of each other, and the trie tries
    them in the same order, longest first, so it matches exactly what the plain alternation does."""
    after = after or {}
    trie: dict = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = after.get(w, "")  # a word ends here
    return _trie(trie)


def _trie(node: dict) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in node.items() if ch]
    end = node.get("")
    if end is None:
        return "(?:" + "|".join(branches) + ")" if len(branches) > 1 else "".join(branches)
    if not branches:
        return end
    if not end:  # a word ends here: the longer ones first, then this one
        return "(?:" + "|".join(branches) + ")?"
    return "(?:" + "|".join(branches + [end]) + ")"


def words_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(alternation(words))
