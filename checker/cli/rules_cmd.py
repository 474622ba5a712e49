"""figcheck rules: the rule list, or one rule explained from its own definition."""

from __future__ import annotations

import argparse
import sys

from checker.errors import EXIT_OK, UserError


def register(sub) -> None:
    rl = sub.add_parser("rules", help="list the rules, or explain one",
                        description="Lists the rules; with an ID, explains what it checks, why "
                        "it matters, and a failing and a passing example.")
    rl.add_argument("id", nargs="?", metavar="ID", help="a rule id, e.g. range.rate")
    rl.add_argument("--rules", metavar="DIR", help="also the rules of this folder")
    rl.add_argument("--lang", choices=("zh", "en"), default="zh")
    rl.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.report.rules_text import write_rule, write_rules
    from checker.rules import load_rules

    from checker.rules.suppress import DIRECTIVE_RULES

    rules = load_rules(args.rules) + list(DIRECTIVE_RULES)  # + the suppression directives' own
    if args.id is None:
        write_rules(rules, sys.stdout, args.lang)
        return EXIT_OK
    match = [r for r in rules if r.id == args.id]
    if not match:
        raise UserError(f"没有这条规则 (no such rule): {args.id}; see: figcheck rules")
    write_rule(match[0], sys.stdout, args.lang)
    return EXIT_OK
