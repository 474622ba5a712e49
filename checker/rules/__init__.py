"""Stage 5: rules (data, in rules/*.yaml) run over a document's figures."""

from checker.rules.engine import run_rules_on
from checker.rules.loader import load_rules
from checker.rules.model import SEVERITIES, SEVERITY_RANK, Finding, Location, Rule

__all__ = ["SEVERITIES", "SEVERITY_RANK", "Finding", "Location", "Rule", "load_rules",
           "run_rules_on", "select"]


def select(rules: list[Rule], chosen: list[str] | None, ignored: list[str] | None) -> list[Rule]:
    """Rules whose id, or group prefix (``range`` for ``range.rate``), is chosen and not ignored."""

    def hit(rule: Rule, names: list[str]) -> bool:
        return any(rule.id == n or rule.id.startswith(n.rstrip(".") + ".") for n in names)

    out = [r for r in rules if not chosen or hit(r, chosen)]
    return [r for r in out if not ignored or not hit(r, ignored)]
