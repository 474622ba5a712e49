"""figcheck serve: a page on this machine where an editor pastes or uploads a draft and sees its
report (checker/serve). This module only reads the options and starts the server; Starlette and
uvicorn are imported here, when the command runs, and by no other command."""

from __future__ import annotations

import argparse
import socket
import sys

from checker.cli.common import add_max_bytes
from checker.errors import EXIT_OK, EXIT_USAGE, UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MISSING_EXTRA = "figcheck serve needs the serve extra: pip install 'figcheck[serve]'"
_DESCRIPTION = """\
在本机启动一个小网页：编辑粘贴稿件或上传 .txt .md .docx .html 文件，可填发布日期，即可看到
figcheck 的 HTML 报告；上传 Word 稿件还可下载带批注（每处问题一条）的稿件。

Starts a small web application on this machine: an editor pastes a draft or uploads a .txt, .md,
.docx or .html file, optionally gives the publication date, and sees figcheck's HTML report of
it; for a Word draft, a link downloads the draft with a Word comment on each finding.

Nothing leaves the machine: the page loads nothing from elsewhere, results are kept in memory
only (the last 32 checks), and it listens on 127.0.0.1 unless --host and --allow-remote say
otherwise. Uploads are refused past --max-bytes. Each draft is compared with the ledger as
`figcheck check` compares it; rules, ledger, language and size limit come from figcheck.toml or
[tool.figcheck] in pyproject.toml as for `figcheck check`, and the command line overrides them.

Needs the serve extra: pip install 'figcheck[serve]'
"""


def register(sub) -> None:
    from checker.config import LANGS

    sv = sub.add_parser(
        "serve", help="a local web page: paste or upload a draft, see its report",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  figcheck serve                      then open http://127.0.0.1:8765/\n"
               "  figcheck serve --port 9000 --lang en --no-ledger\n"
               "stop it with Ctrl+C (exit status 130).\n"
               "exit status: 2 usage, configuration or rule-file error, a ledger that cannot be\n"
               "opened, a port in use, or the serve extra missing",
    )
    sv.add_argument("--host", default=DEFAULT_HOST, metavar="HOST",
                    help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    sv.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                    help=f"port to listen on (default {DEFAULT_PORT}; 0: any free port)")
    sv.add_argument("--allow-remote", action="store_true",
                    help="allow a --host that other machines can reach (drafts then travel over "
                    "the network, unencrypted)")
    sv.add_argument("--lang", choices=LANGS, default=None,
                    help="language of the page and messages (default: zh; the form can change it)")
    ledger = sv.add_mutually_exclusive_group()
    ledger.add_argument("--ledger", metavar="FILE", help="compare each draft with the figures of "
                        "published articles in this ledger (default: the default ledger, if it "
                        "exists)")
    ledger.add_argument("--no-ledger", action="store_true",
                        help="check each draft on its own, not against the ledger")
    add_max_bytes(sv)
    sv.add_argument("--rules", metavar="DIR", help="a folder of rule files that add to or "
                    "override the built-in rules (same id replaces)")
    sv.add_argument("--config", metavar="FILE", help="read settings from this figcheck.toml or "
                    "pyproject.toml instead of looking for one")
    sv.add_argument("--no-config", action="store_true", help="ignore configuration files")
    sv.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not _have_extra():
        print(MISSING_EXTRA, file=sys.stderr)
        return EXIT_USAGE
    from checker.serve import is_loopback

    if not is_loopback(args.host) and not args.allow_remote:
        raise UserError(f"--host {args.host}: 不是本机地址，其他机器也能访问；确需如此请加 "
                        "--allow-remote (not a loopback address: add --allow-remote to serve "
                        "other machines)")
    settings = _settings(args)
    sock = _listen(args.host, args.port)
    import uvicorn

    from checker.serve.app import make_app, warm_up

    warm_up(settings)  # the dictionaries loaded before the URL is shown
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"figcheck serve: http://{shown}:{port}/  (Ctrl+C 停止 / to stop)", flush=True)
    config = uvicorn.Config(make_app(settings), log_level="warning", access_log=False,
                            server_header=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
    return EXIT_OK


def _have_extra() -> bool:
    """Whether Starlette, uvicorn and python-multipart can be imported (the serve extra)."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        try:
            import python_multipart  # noqa: F401
        except ImportError:  # python-multipart before 0.0.13
            import multipart  # noqa: F401
    except ImportError:
        return False
    return True


def _settings(args: argparse.Namespace):
    """The rules, language, ledger and size limit as `figcheck check` would take them."""
    from checker.cli.check_cmd import _ledger_path, _names, _with_severities
    from checker.config import discover
    from checker.rules import load_rules, select
    from checker.rules.suppress import DIRECTIVE_RULES
    from checker.serve import is_loopback
    from checker.serve.app import Settings
    from checker.source import DEFAULT_MAX_BYTES

    config = discover(args.config, not args.no_config)
    all_rules = load_rules(args.rules or config.rules) + list(DIRECTIVE_RULES)
    chosen = _names(None, config.select, "select", all_rules, config)
    ignored = _names(None, config.ignore, "ignore", all_rules, config)
    rules = _with_severities(select(all_rules, chosen, ignored), config, all_rules)
    ledger = _ledger_path(args, config.ledger)
    if ledger is not None:  # a ledger that cannot be opened is said now, not on every page
        from checker.ledger import Ledger

        Ledger(ledger, read_only=True).close()
    return Settings(rules=tuple(rules), all_rules=tuple(all_rules),
                    lang=args.lang or config.lang or "zh", ledger=ledger,
                    max_bytes=args.max_bytes or config.max_bytes or DEFAULT_MAX_BYTES,
                    fail_on=config.fail_on or "error", local_only=is_loopback(args.host))


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one line, not a log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as err:
        raise UserError(f"{host}:{port}: 无法监听 (cannot listen): {err.strerror or err}") from None


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"须为 0–65535 的端口号 (a port, 0 to 65535): {text!r}")
    return n
