"""The figcheck command: parses arguments, runs the flow, maps outcomes to exit statuses.

Kept thin: one module per subcommand (check_cmd, extract_cmd, rules_cmd), each stage and each
output format in its own module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from checker import __version__
from checker.absent import declare_absent
from checker.cli import check_cmd, extract_cmd, ledger_cmd, rules_cmd, serve_cmd
from checker.cli.common import EXIT_BUG, Parser
from checker.errors import EXIT_OK, EXIT_USAGE, ExtractorBug, UserError

_DESCRIPTION = """\
figcheck 检查中文报道与工作报告中的数字：部分大于整体、占比之和超过100%、比率超过100%、
日期与星期不符、标题与正文不一、与已发表数字矛盾等，并给出原文片段。

figcheck checks the figures in Chinese-language reports (parts larger than their whole, shares
adding past 100%, rates over 100%, weekdays that do not match dates, headline against body, ...)
and reports each discrepancy with the author's own words.
"""

_EPILOG = """\
examples:
  figcheck check seeds/                      检查稿件中的数字 / check the drafts' figures
  figcheck check draft.txt --date 2021-12-20 --format json
  figcheck rules range.rate                  解释一条规则 / explain a rule
  figcheck extract seeds/                    每个数字及其含义 / every figure with its meaning
  figcheck extract draft.txt --format json   机器可读 / machine-readable (contract: docs/)
  figcheck extract draft.txt --date 2021-12-20
  figcheck serve                             本机网页：粘贴或上传稿件 / a local page for editors
exit status: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error
"""


COMMANDS = (check_cmd, extract_cmd, ledger_cmd, rules_cmd, serve_cmd)  # each registers its own subcommand


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="figcheck", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"figcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"figcheck: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ExtractorBug as err:
        print(f"figcheck: internal error: {err}", file=sys.stderr)
        return EXIT_BUG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `figcheck extract ... | head`
        return EXIT_OK
    except Exception as err:  # a bug in figcheck: exit 3, never 1 (which means "findings")
        if os.environ.get("FIGCHECK_DEBUG"):
            raise
        print(f"figcheck: internal error: {type(err).__name__}: {err} "
              "(a bug in figcheck; FIGCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_BUG


# Imports that libraries make for features figcheck never uses: pandera loads hypothesis (0.1 s)
# for data synthesis and pyspark.pandas (seconds, with warnings) for pandas-on-Spark typing
# whenever they are installed, and jieba loads pkg_resources (0.05 s) only to open its own files,
# falling back to open(). The command tells Python they are absent; pyspark stays available to
# the one command that uses it, `figcheck ingest --engine spark`.
_UNUSED = ("hypothesis", "pkg_resources")
# The per-draft commands keep their figures in polars, yet `import pandera` imports pandas and
# numpy (0.25 s, a third of a cold `figcheck check`) whenever they are installed. Only the
# archive commands use them: `ingest` writes to the ledger from pandas frames and `ledger
# validate` runs Great Expectations.
_PANDAS = ("pandas", "numpy")
_ARCHIVE_COMMANDS = ("ingest", "ledger")


def _absent(argv: Sequence[str]) -> tuple[str, ...]:
    """Packages the command treats as not installed (see checker.absent)."""
    command = next((a for a in argv if not a.startswith("-")), None)
    spark = command in ("ingest", "ledger") and any(a in ("spark", "--engine=spark")
                                                    for a in argv)
    return (*_UNUSED, *(() if spark else ("pyspark",)),
            *(() if command in _ARCHIVE_COMMANDS else _PANDAS))


def _skip_jieba_hmm() -> None:
    """jieba imports its HMM tables (0.03 s) at start-up; figcheck cuts with the dictionary
    only (HMM=False), which never reads them. Only the command does this, never a library user."""
    import types

    sys.modules.setdefault("jieba.finalseg", types.ModuleType("jieba.finalseg"))


def entry() -> None:
    """The console script."""
    declare_absent(_absent(sys.argv[1:]))
    _skip_jieba_hmm()
    sys.exit(main())


if __name__ == "__main__":
    entry()
