"""The web application of `figcheck serve` (Starlette): a form, the report of what it was given,
and for a Word draft the draft with a comment on each finding.

Routes:
    GET  /                  the form: paste a draft or upload a file, the publication date
    POST /check             multipart form (text or file, date, lang) -> 303 to its result
    GET  /result/{token}    a bar (what was checked, how many findings, the links) over the report
    GET  /report/{token}    figcheck's HTML report of it (checker/report/html_format.py), as is;
                            ?save=1 to download it
    GET  /download/{token}  the uploaded .docx with Word comments (checker/report/docx_format.py)
    GET  /healthz           "ok"

The flow of a check is `figcheck check`'s for one draft: the draft read by the project's readers
(checker.source.read.document_from_bytes: encoding detection, .docx and .html), checked
(check_documents_apart), compared across articles with the ledger when one is configured
(attach_cross_findings), then the draft's own suppression directives (apply_directives).

Nothing leaves the machine: the pages load nothing from anywhere (a Content-Security-Policy says
so to the browser), results are kept in memory only (the last ``Settings.keep``), and unless the
command was told --allow-remote only requests addressed to this machine by a loopback name are
answered, so a page elsewhere cannot reach the checker by DNS rebinding, nor post to it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.config import LANGS
from checker.errors import InputError, UserError
from checker.serve import is_loopback, pages
from checker.source.read import DEFAULT_MAX_BYTES, document_from_bytes, too_large

log = logging.getLogger("figcheck.serve")

KEEP = 32  # results kept in memory, the oldest forgotten first
FORM_SLACK = 64 * 1024  # a form's own bytes beyond the draft: boundaries, the date, the language
DRAIN_MAX = 256 * 1024 * 1024  # a refused upload read to its end up to this, so the browser
# gets the refusal instead of a reset connection
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# one check at a time, whatever the number of tabs: the checker's dictionaries load on first use
# (jieba's is not safe to load from two threads) and one draft at a time bounds the memory
_CHECKING = threading.Lock()


@dataclass(frozen=True)
class Settings:
    """What `figcheck serve` was started with."""

    rules: tuple  # the rules in effect, selected and with severities as `figcheck check` sets them
    all_rules: tuple = ()  # every rule known, for the drafts' directives to name (default: rules)
    lang: str = "zh"  # the default language of the pages and messages
    ledger: str | None = None  # the ledger to compare with (None: the draft alone)
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest upload or pasted draft
    fail_on: str = "error"
    keep: int = KEEP
    local_only: bool = True  # answer only requests addressed to a loopback name

    @classmethod
    def builtin(cls, rules_dir: str | None = None, **kwargs) -> Settings:
        """Every built-in rule (and those of ``rules_dir``), as `figcheck check` with no
        configuration runs them."""
        from checker.rules import load_rules
        from checker.rules.suppress import DIRECTIVE_RULES

        return cls(rules=tuple(load_rules(rules_dir)) + tuple(DIRECTIVE_RULES), **kwargs)


@dataclass(frozen=True)
class Result:
    """One checked draft, kept for its pages and its download."""

    token: str
    name: str  # the file's name, or what pasted text is called
    lang: str
    report: object  # checker.check.DocumentReport
    page: str  # the HTML report
    compared: dict = field(default_factory=dict)
    docx: bytes | None = None  # the uploaded Word draft, for the commented copy


class Results:
    """The last ``keep`` results by token, in memory only."""

    def __init__(self, keep: int) -> None:
        self.keep = max(1, keep)
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, make) -> Result:
        token = secrets.token_urlsafe(16)
        result = make(token)
        with self._lock:
            self._items[token] = result
            while len(self._items) > self.keep:
                self._items.popitem(last=False)
        return result

    def get(self, token: str) -> Result | None:
        with self._lock:
            return self._items.get(token)

    def __len__(self) -> int:
        return len(self._items)


class Refused(Exception):
    """What the editor gave cannot be checked: one line for the page, and its HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class _TooLarge(Exception):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def make_app(settings: Settings) -> Starlette:
    """The application; ``app.state.results`` holds the results."""
    app = Starlette(
        routes=[
            Route("/", form_page, methods=["GET"]),
            Route("/check", check_page, methods=["POST"]),
            Route("/result/{token}", result_page, methods=["GET"]),
            Route("/report/{token}", report_page, methods=["GET"]),
            Route("/download/{token}", download, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        middleware=[Middleware(Guard, local_only=settings.local_only)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.settings = settings
    app.state.results = Results(settings.keep)
    return app


# -- the checking, off the event loop ----------------------------------------------------------

def check_draft(settings: Settings, name: str, data: bytes, date: dt.date | None,
                lang: str) -> tuple[object, dict, str, str]:
    """(report, what was compared, the HTML report, source format) of one draft's bytes; an
    InputError for bytes the readers refuse, a Refused for a draft figcheck itself failed on."""
    from checker.check import DraftFailure, check_documents_apart
    from checker.ledger.crosscheck import attach_cross_findings
    from checker.report.html_format import write_run
    from checker.report.run import CheckRun
    from checker.rules.suppress import DIRECTIVE_KIND, apply_directives

    doc = document_from_bytes(name, data, date)
    rules = list(settings.rules)
    engine_rules = [r for r in rules if r.kind != DIRECTIVE_KIND]
    with _CHECKING:
        items = check_documents_apart([doc], engine_rules, lang)
        failed = [item for item in items if isinstance(item, DraftFailure)]
        if failed:
            log.error("figcheck serve: internal error: %s", failed[0])
            raise Refused(pages.internal_error(failed[0].error), 500)
        compared = attach_cross_findings(items, engine_rules, lang, settings.ledger)
        reports = apply_directives(items, rules, list(settings.all_rules or rules), lang)
    out = io.StringIO()
    write_run(CheckRun(reports, rules, lang, [], settings.fail_on, compared), out)
    return reports[0], compared, out.getvalue(), doc.source_format


def warm_up(settings: Settings) -> None:
    """One check of a line of text, so the dictionaries are loaded before the first editor waits."""
    check_draft(settings, "warm-up.txt", "2013年10月18日，全市172个乡镇。".encode(), None,
                settings.lang)


# -- routes ------------------------------------------------------------------------------------

async def form_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    lang = request.query_params.get("lang")
    return _html(pages.form_page(lang if lang in LANGS else settings.lang, settings))


async def check_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    lang = settings.lang
    values: dict = {}
    try:
        form = await _read_form(request, settings.max_bytes)
    except _TooLarge as err:
        await _drain(request)
        return _refused(settings, lang, Refused(too_large(err.size, settings.max_bytes), 413), values)
    except HTTPException as err:  # a malformed multipart body
        return _refused(settings, lang, Refused(pages.malformed(err.detail)), values)
    try:
        text = form.get("text")
        values = {"text": text if isinstance(text, str) else "", "date": _field(form, "date")}
        chosen = _field(form, "lang")
        if chosen:
            if chosen not in LANGS:
                raise Refused(pages.bad_lang(chosen))
            lang = chosen
        values["lang"] = lang
        date = _date(values["date"])
        name, data = await _draft(form, settings, lang)
        try:
            report, compared, page, source_format = await run_in_threadpool(
                check_draft, settings, name, data, date, lang)
        except InputError as err:
            raise Refused(str(err)) from None
        except Refused:
            raise
        except UserError as err:  # the ledger cannot be opened (an ingest writing to it, say)
            raise Refused(str(err), 503) from None
    except Refused as err:
        return _refused(settings, lang, err, values)
    finally:
        await form.close()
    result = request.app.state.results.add(lambda token: Result(
        token, name, lang, report, page, compared, data if source_format == "docx" else None))
    return RedirectResponse(f"/result/{result.token}", status_code=303)


async def result_page(request: Request) -> Response:
    result = _result(request)
    return _html(pages.result_page(result))


async def report_page(request: Request) -> Response:
    result = _result(request)
    headers = {**_HEADERS, "Content-Security-Policy": pages.REPORT_CSP}
    if request.query_params.get("save"):
        stem = _stem(result.name)
        headers["Content-Disposition"] = _attachment(f"{stem}-figcheck.html", "figcheck-report.html")
    return HTMLResponse(result.page, headers=headers)


async def download(request: Request) -> Response:
    result = _result(request)
    if result.docx is None:
        raise HTTPException(404, pages.no_docx())
    from checker.report.docx_format import commented_docx  # only for a download

    try:
        data, _count = await run_in_threadpool(commented_docx, result.docx, result.report,
                                               result.lang)
    except UserError as err:  # the readers took this draft: figcheck's failure, said in a line
        raise HTTPException(500, pages.internal_error(str(err))) from None
    headers = {**_HEADERS, "Content-Disposition": _attachment(
        f"{_stem(result.name)}-figcheck.docx", "figcheck-commented.docx")}
    return Response(data, media_type=DOCX_TYPE, headers=headers)


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok", headers=_HEADERS)


# -- reading the form --------------------------------------------------------------------------

async def _read_form(request: Request, max_bytes: int) -> FormData:
    """The form, its body refused (_TooLarge) past ``max_bytes`` and a little for the form's
    own bytes, before more than that is read: by its Content-Length when it says, else as it
    arrives."""
    limit = max_bytes + FORM_SLACK
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _TooLarge(int(length))
    received = 0
    receive = request.receive

    async def bounded():
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge(None)
        return message

    # the body's bound holds the parts' too: the text field may be as large as a draft
    return await Request(request.scope, bounded).form(max_files=2, max_fields=16,
                                                      max_part_size=limit)


async def _drain(request: Request) -> None:
    """Read what is left of a refused body (up to DRAIN_MAX), discarding it."""
    seen = 0
    try:
        while seen < DRAIN_MAX:
            message = await request.receive()
            if message["type"] != "http.request":
                return
            seen += len(message.get("body", b""))
            if not message.get("more_body", False):
                return
    except Exception:  # noqa: BLE001 - a client gone away: nothing to answer
        return


def _field(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise Refused(pages.bad_date(text))


async def _draft(form: FormData, settings: Settings, lang: str) -> tuple[str, bytes]:
    """(name, bytes) of what the form gives: an uploaded file or the pasted text, not both."""
    text = form.get("text")
    upload = form.get("file")
    if text is not None and not isinstance(text, str):
        raise Refused(pages.malformed("text"))
    text = text or ""
    chosen = isinstance(upload, UploadFile) and bool(upload.filename or upload.size)
    if chosen and text.strip():
        raise Refused(pages.both())
    if chosen:
        name = _safe_name(upload.filename) or pages.word(lang, "uploaded")
        data = await upload.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise Refused(f"{name}: {too_large(upload.size, settings.max_bytes)}", 413)
        if not data:
            raise Refused(f"{name}: {pages.empty_file()}")
        return name, data
    if not text.strip():
        raise Refused(pages.empty_form())
    # a browser sends a textarea's line breaks as CRLF: the author's were line breaks
    data = text.replace("\r\n", "\n").encode("utf-8")
    if len(data) > settings.max_bytes:
        raise Refused(too_large(len(data), settings.max_bytes), 413)
    return pages.word(lang, "pasted"), data


def _safe_name(filename: str | None) -> str:
    """The file's own name, without any folder a browser or a client sent along, and without
    control characters."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return "".join(c for c in name if c.isprintable()).strip()[:200]


def _stem(name: str) -> str:
    stem = PurePosixPath(name).stem if "." in name else name
    return stem or "figcheck"


def _attachment(name: str, ascii_name: str) -> str:
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


# -- responses ---------------------------------------------------------------------------------

_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # not no-referrer: with it the browser sends its own form with "Origin: null", which Guard
    # cannot tell from a page elsewhere; there are no links to other sites anyway
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # drafts before publication: not into the browser's cache
}


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status,
                        headers={**_HEADERS, "Content-Security-Policy": pages.PAGE_CSP})


def _refused(settings: Settings, lang: str, err: Refused, values: dict) -> Response:
    return _html(pages.form_page(lang, settings, message=err.message, values=values), err.status)


def _result(request: Request) -> Result:
    result = request.app.state.results.get(request.path_params["token"])
    if result is None:
        settings: Settings = request.app.state.settings
        raise HTTPException(404, pages.gone(settings.keep))
    return result


async def _http_error(request: Request, exc: HTTPException) -> Response:
    settings: Settings = request.app.state.settings
    return _html(pages.message_page(settings.lang, exc.status_code, str(exc.detail)),
                 exc.status_code)


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("figcheck serve: internal error")  # the traceback on the console, not the page
    settings: Settings = request.app.state.settings
    return _html(pages.message_page(settings.lang, 500, pages.internal_error(
        f"{type(exc).__name__}: {exc}")), 500)


class Guard:
    """Answers only requests addressed to this machine by a loopback name (unless serving
    others), and refuses a form posted from another site."""

    def __init__(self, app, local_only: bool = True) -> None:
        self.app = app
        self.local_only = local_only

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            host = headers.get("host", "")
            if self.local_only and not is_loopback(_hostname(host)):
                await PlainTextResponse(f"figcheck serve answers only on this machine "
                                        f"(127.0.0.1, localhost), not as {host!r}",
                                        status_code=421)(scope, receive, send)
                return
            origin = headers.get("origin")
            if scope["method"] == "POST" and origin is not None \
                    and urlsplit(origin).netloc.lower() != host.lower():
                await PlainTextResponse("figcheck serve: a form from another site is refused",
                                        status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _hostname(host: str) -> str:
    """The name or address of a Host header, without its port."""
    if host.startswith("["):
        return host[:host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host
