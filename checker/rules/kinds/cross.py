"""cross: one quantity stated differently in different articles (see checker/ledger).

The rules of this kind compare figures across documents, so within one document they derive
nothing; checker/ledger/crosscheck.py pairs figures by key across the articles of a run and
against the ledger of published articles, and judges the pairs with these rules' checks.
"""

from __future__ import annotations

from checker.rules.keys import KEY_PARAMS

NAME = "cross"
PARAMS = {**KEY_PARAMS, "subject": (str, "conflict")}
CHOICES = {"subject": ("conflict", "cumulative")}


def derive(view, params: dict) -> list:
    return []
