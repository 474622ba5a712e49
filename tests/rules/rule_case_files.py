"""Reading the named rule cases in tests/rules/cases/<rule id>.yaml (sqlfluff style).

Each file maps a case name to either ``fail_str`` (the rule must report it) or ``pass_str`` (no
rule may report it), with optional ``date`` (publication date), ``message_contains`` and
``severity`` (for a fail), and ``xfail`` (why the case cannot pass yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

CASES_DIR = Path(__file__).parent / "cases"
_KEYS = {"fail_str", "pass_str", "date", "message_contains", "severity", "xfail"}


@dataclass(frozen=True)
class RuleCase:
    rule: str
    name: str
    text: str
    fails: bool
    date: dt.date | None = None
    message_contains: str | None = None
    severity: str | None = None
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}:{'fail' if self.fails else 'pass'}:{self.name}"


def _case(rule: str, name: str, body: object, path: Path) -> RuleCase:
    where = f"{path.name}: case {name!r}"
    if not isinstance(body, dict):
        raise ValueError(f"{where} must be a mapping")
    unknown = set(body) - _KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if ("fail_str" in body) == ("pass_str" in body):
        raise ValueError(f"{where} needs exactly one of fail_str and pass_str")
    fails = "fail_str" in body
    text = body["fail_str" if fails else "pass_str"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: the text must be a non-empty string")
    if not fails and ("message_contains" in body or "severity" in body):
        raise ValueError(f"{where}: message_contains and severity apply to fail_str only")
    date = body.get("date")
    if date is not None and not isinstance(date, dt.date):
        date = dt.date.fromisoformat(str(date))
    return RuleCase(rule, name, text, fails, date, body.get("message_contains"),
                    body.get("severity"), body.get("xfail"))


def case_files() -> dict[str, Path]:
    """Rule id -> its case file."""
    return {p.name[:-len(".yaml")]: p for p in sorted(CASES_DIR.glob("*.yaml"))}


def load_cases(path: Path) -> list[RuleCase]:
    rule = path.name[:-len(".yaml")]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path.name} must map case names to cases")
    return [_case(rule, str(name), body, path) for name, body in data.items()]


def all_cases() -> list[RuleCase]:
    return [c for path in case_files().values() for c in load_cases(path)]
