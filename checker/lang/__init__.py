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


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 过去的五年 wins over 过去)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def words_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(alternation(words))
