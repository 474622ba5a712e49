"""figcheck serve: the page where an editor pastes or uploads a draft and sees its report.

First through Starlette's TestClient (the application itself, no server): the finding shown, a
clean draft, .txt in UTF-8 and GBK, .docx with its commented copy, the ledger, and every refusal
as a one-line message with its status. Then end to end: the real command (uvicorn) driven by a
real headless browser (Debian's chromium through Playwright), which must see the finding, download
the commented Word draft, and request nothing from anywhere but the server on 127.0.0.1.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient

from browser import CHROMIUM, needs_browser
from checker.cli import main
from checker.serve import Settings, is_loopback, make_app

ROOT = Path(__file__).resolve().parents[2]
# the conflict of seed 002 (郑州, 2013-10-18), in a few of its own sentences
CONFLICT = """用不懈的努力推动郑州工会工作跨越式发展

郑州市总工会认真贯彻“组织起来、切实维权”工作方针，不断提升服务大局、服务基层、服务职工的能力。

目前，全市172个乡镇（街道）全部建立了职工维权服务站，各级工会累计开展信访接待3.7万次。

至目前，郑州市已建基层工会组织3.75万家，发展工会会员188.4万人；181个乡镇（街道）、663个社区全部建立了工会组织。
"""
DATE = "2013-10-18"
FINDING = "“乡镇”在文中出现两次，数值不同：先为172个，后为181个"
CLEAN = "全县应参保人数28.6万人，已参保27.5万人，参保率96.2%。\n"
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.builtin()


@pytest.fixture(scope="module")
def client(settings) -> TestClient:
    return TestClient(make_app(settings), base_url=BASE)


def message(page: str) -> str:
    """The one-line message of a page."""
    found = re.search(r'<p class="error" id="message" role="alert">([^<]*)</p>', page)
    assert found, page[:2000]
    return unescape(found.group(1))


def report_of(client: TestClient, result_page: str) -> str:
    """The report the result page frames."""
    src = re.search(r'<iframe id="report" [^>]*src="(/report/[^"]+)"', result_page)
    assert src, result_page[:2000]
    response = client.get(src.group(1))
    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return response.text


def bar(result_page: str) -> str:
    return result_page[result_page.index('<nav class="bar">'):result_page.index("</nav>")]


def word_draft(text: str) -> bytes:
    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def comments_of(data: bytes) -> list[str]:
    return [c.text for c in docx.Document(io.BytesIO(data)).comments]


# -- the application ---------------------------------------------------------------------------

def test_the_form(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    for needle in ('<textarea id="text" name="text"', '<input id="file" name="file" type="file"',
                   '<input id="date" name="date" type="date"', 'enctype="multipart/form-data"',
                   "上限 20 MiB", "未使用账本"):
        assert needle in page
    assert "default-src 'none'" in response.headers["content-security-policy"]
    # nothing to fetch but this server: no address anywhere else, no script at all
    assert not re.search(r"(src|href|action)=\"(?!/|#|data:)", page)
    assert "<script" not in page and "http" not in page
    assert "Paste a draft" in client.get("/?lang=en").text


def test_pasted_text_with_a_conflict_shows_the_finding(client) -> None:
    response = client.post("/check", data={"text": CONFLICT, "date": DATE})
    assert response.status_code == 200 and "/result/" in str(response.url)
    assert [r.status_code for r in response.history] == [303]  # reloading it checks nothing again
    shown = bar(response.text)
    assert "粘贴的文本" in shown and "错误 1" in shown and f"发布日期 {DATE}" in shown
    assert 'id="download"' not in shown  # no Word draft, no commented copy
    report = report_of(client, response.text)
    assert FINDING in report and 'data-rule="repeat.conflict"' in report
    assert "<h2>粘贴的文本</h2>" in report


def test_a_clean_text(client) -> None:
    response = client.post("/check", data={"text": CLEAN})
    assert response.status_code == 200
    assert "✓ 未发现问题" in bar(response.text)
    assert "未发现问题" in report_of(client, response.text)


def test_the_browsers_line_breaks_are_the_authors(client) -> None:
    # a textarea is sent with CRLF: the report's lines are the draft's, no stray \r
    response = client.post("/check", data={"text": CONFLICT.replace("\n", "\r\n"), "date": DATE})
    report = report_of(client, response.text)
    assert FINDING in report and "\r" not in report


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_an_uploaded_text_file(client, encoding) -> None:
    response = client.post("/check", data={"date": DATE},
                           files={"file": ("郑州稿件.txt", CONFLICT.encode(encoding), "text/plain")})
    assert response.status_code == 200
    assert "郑州稿件.txt" in bar(response.text)
    assert FINDING in report_of(client, response.text)


def test_an_uploaded_word_draft_and_its_commented_copy(client) -> None:
    response = client.post("/check", data={"date": DATE},
                           files={"file": ("郑州 稿件.docx", word_draft(CONFLICT), "application/octet-stream")})
    assert response.status_code == 200
    report = report_of(client, response.text)
    assert FINDING in report and "<h2>郑州 稿件.docx</h2>" in report
    link = re.search(r'<a id="download" href="(/download/[^"]+)"', response.text)
    assert link, bar(response.text)
    download = client.get(link.group(1))
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E9%83%91%E5%B7%9E%20%E7%A8%BF%E4%BB%B6-figcheck.docx" \
        in download.headers["content-disposition"]
    comments = comments_of(download.content)
    assert comments and all("[repeat.conflict]" in c for c in comments)
    assert any(FINDING in c for c in comments)


def test_the_report_can_be_saved(client) -> None:
    response = client.post("/check", data={"text": CONFLICT, "date": DATE})
    src = re.search(r'<a id="save" href="([^"]+)"', response.text).group(1)
    saved = client.get(unescape(src))
    assert saved.status_code == 200 and saved.headers["content-disposition"].startswith("attachment")
    assert FINDING in saved.text


def test_messages_in_english(client) -> None:
    response = client.post("/check", data={"text": CONFLICT, "date": DATE, "lang": "en"})
    assert "1 findings" in bar(response.text) and "Download" not in bar(response.text)
    report = report_of(client, response.text)
    assert '<html lang="en">' in report and "figcheck report" in report


def test_a_bad_date(client) -> None:
    response = client.post("/check", data={"text": CONFLICT, "date": "2013-13-45"})
    assert response.status_code == 400
    line = message(response.text)
    assert line == "不是有效日期，应为 YYYY-MM-DD (not a date, expected YYYY-MM-DD): '2013-13-45'"
    assert "郑州市已建基层工会组织" in response.text  # the pasted draft is still in the form
    assert client.post("/check", data={"text": CONFLICT, "date": "18/10/2013"}).status_code == 400


def test_an_empty_form_and_an_empty_file(client) -> None:
    for data, files in (({"text": "  \n "}, None), ({}, {"file": ("", b"", "application/octet-stream")})):
        response = client.post("/check", data=data, files=files)
        assert response.status_code == 400
        assert message(response.text) == "请粘贴稿件全文或选择一个文件 (paste a draft or choose a file)"
    response = client.post("/check", files={"file": ("空.txt", b"", "text/plain")})
    assert response.status_code == 400 and message(response.text) == "空.txt: 文件是空的 (the file is empty)"


def test_text_and_a_file_at_once(client) -> None:
    response = client.post("/check", data={"text": CLEAN}, files={"file": ("a.txt", CLEAN.encode())})
    assert response.status_code == 400 and "请只用其中一种" in message(response.text)


def test_what_the_readers_refuse(client) -> None:
    garbage = bytes(range(256)) * 40
    response = client.post("/check", files={"file": ("稿件.txt", garbage, "text/plain")})
    assert response.status_code == 400
    assert message(response.text) == "稿件.txt: 不是文本文件 (not a text file)"  # the reader's own
    response = client.post("/check", files={"file": ("稿件.docx", b"PK\x03\x04 not a zip", "application/octet-stream")})
    assert response.status_code == 400
    assert message(response.text) == "稿件.docx: 不是有效的Word文档 (not a valid .docx)"
    response = client.post("/check", files={"file": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + garbage)})
    assert response.status_code == 400 and "请另存为 .docx" in message(response.text)
    # a name with folders keeps only the file's own name
    response = client.post("/check", files={"file": ("../../etc/稿件.txt", garbage)})
    assert message(response.text).startswith("稿件.txt: ")


def test_too_large(settings) -> None:
    small = TestClient(make_app(Settings(settings.rules, max_bytes=1000)), base_url=BASE)
    expected = "超过上限 1000（--max-bytes）(file too large)"
    response = small.post("/check", files={"file": ("big.txt", "数".encode() * 700)})  # 2100 bytes
    assert response.status_code == 413 and expected in message(response.text)
    response = small.post("/check", data={"text": "数" * 700})
    assert response.status_code == 413 and expected in message(response.text)
    # a body far past the limit is refused by its length before it is read
    response = small.post("/check", files={"file": ("huge.txt", b"x" * 200_000)})
    assert response.status_code == 413 and message(response.text).startswith("文件过大：")
    assert small.post("/check", data={"text": "数" * 300}).status_code == 200  # 900 bytes: fine


def test_results_are_kept_in_a_bounded_store(settings) -> None:
    app = make_app(Settings(settings.rules, keep=2))
    client = TestClient(app, base_url=BASE)
    first = client.post("/check", data={"text": CLEAN})
    for _ in range(2):
        client.post("/check", data={"text": CLEAN})
    assert len(app.state.results) == 2
    response = client.get(str(first.url))
    assert response.status_code == 404 and "只保留最近 2 次检查" in message(response.text)
    assert client.get("/download/nothing").status_code == 404


def test_health_and_the_guard(client) -> None:
    assert client.get("/healthz").text == "ok"
    # DNS rebinding: a name of another site that resolves here is not answered
    assert TestClient(client.app, base_url="http://figcheck.example").get("/").status_code == 421
    # a form posted from a page of another site is refused
    response = client.post("/check", data={"text": CLEAN}, headers={"Origin": "http://figcheck.example"})
    assert response.status_code == 403
    assert client.post("/check", data={"text": CLEAN}, headers={"Origin": BASE}).status_code == 200
    assert is_loopback("127.0.0.1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


ARTICLE = """时间：{date}
河南省总工会工作综述
河南省各级工会扎实推进建会入会。2021年，全省新建工会{n}家，新发展会员65.9万人。
"""


def test_the_draft_is_compared_with_the_ledger(tmp_path, settings, capsys) -> None:
    ledger = tmp_path / "ledger.duckdb"
    published = tmp_path / "a.txt"
    published.write_text(ARTICLE.format(date="2021-12-20", n=6016), encoding="utf-8")
    assert main(["ingest", str(published), "--ledger", str(ledger)]) == 0
    capsys.readouterr()
    client = TestClient(make_app(Settings(settings.rules, ledger=str(ledger))), base_url=BASE)
    response = client.post("/check", data={"text": ARTICLE.format(date="2022-01-05", n=6106)})
    assert "已对照账本中 1 篇已发表稿件" in bar(response.text)
    report = report_of(client, response.text)
    assert 'data-rule="cross.conflict"' in report and "6016家" in report


# -- the command -------------------------------------------------------------------------------

def test_help(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["serve", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for needle in ("--port", "--no-ledger", "--max-bytes", "--rules", "127.0.0.1",
                   "pip install 'figcheck[serve]'"):
        assert needle in out


def test_a_host_others_can_reach_needs_allow_remote(capsys) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--no-ledger"]) == 2
    assert "--allow-remote" in capsys.readouterr().err


def test_a_port_in_use_is_one_line(capsys) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--no-ledger", "--no-config"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "无法监听 (cannot listen)" in err


def test_without_the_extra() -> None:
    code = ("import sys; from checker.absent import declare_absent; declare_absent(['starlette']); "
            "from checker.cli import main; sys.exit(main(['serve', '--no-ledger']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "figcheck serve needs the serve extra: pip install 'figcheck[serve]'\n"


def test_check_does_not_import_the_server() -> None:
    code = ("import sys; from checker.cli import main; "
            f"main(['check', {str(ROOT / 'seeds' / '004_b8fdcb3e64893ddf.txt')!r}, '--no-ledger']); "
            "print('LOADED', [m for m in ('starlette', 'uvicorn', 'multipart', 'python_multipart') "
            "if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "LOADED []" in done.stdout, done.stdout[-500:] + done.stderr[-2000:]


# -- in a real browser, against the real command -----------------------------------------------

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-proxy-server"]
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _figcheck() -> list[str]:
    script = Path(sys.executable).with_name("figcheck")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'figcheck'; "
            "from checker.cli import entry; entry()"]


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`figcheck serve --port N --no-ledger` running, its URL; stopped afterwards."""
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    proc = subprocess.Popen([*_figcheck(), "serve", "--port", str(port), "--no-ledger"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "FIGCHECK_LEDGER": str(folder / "none.duckdb")})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with _NO_PROXY.open(url + "/healthz", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            assert proc.poll() is None, f"figcheck serve exited {proc.returncode}: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "figcheck serve did not answer in 120 s"
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    out = proc.stdout.read()
    assert f"figcheck serve: {url}/" in out, out


@pytest.fixture
def browser_page(tmp_path):
    """A page of a headless chromium, and every URL it requested (its frames' included)."""
    assert CHROMIUM, "CI runs the browser test: install chromium (apt-get install -y chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000},
                                          accept_downloads=True)
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            yield page, requested
        finally:
            browser.close()


@needs_browser
def test_in_a_browser(server, browser_page, tmp_path) -> None:
    from playwright.sync_api import expect

    page, requested = browser_page
    started = time.monotonic()
    # paste the draft, give the date, check: the finding is shown in the report
    page.goto(server + "/")
    page.fill("#text", CONFLICT)
    page.fill("#date", DATE)
    page.click("#check")
    page.wait_for_url(re.compile(r"/result/"))
    expect(page.locator("nav.bar")).to_contain_text("错误 1")
    report = page.frame_locator("#report")
    expect(report.get_by_text(FINDING).first).to_be_visible()
    expect(report.locator("mark.hit.sev-error").first).to_be_visible()
    shot = tmp_path / "result.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("FIGCHECK_SERVE_SCREENSHOT"):  # for a person to look at
        shutil.copyfile(shot, os.environ["FIGCHECK_SERVE_SCREENSHOT"])

    # upload a Word draft through the file input, and download its commented copy
    draft = tmp_path / "郑州稿件.docx"
    draft.write_bytes(word_draft(CONFLICT))
    page.click("#again")
    page.set_input_files("#file", str(draft))
    page.fill("#date", DATE)
    page.click("#check")
    page.wait_for_url(re.compile(r"/result/"))
    expect(page.frame_locator("#report").get_by_text(FINDING).first).to_be_visible()
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "郑州稿件-figcheck.docx"
    comments = comments_of(Path(download.path()).read_bytes())
    assert comments and any(FINDING in c for c in comments)

    # a refusal is a line on the page, not a traceback
    page.goto(server + "/")
    page.click("#check")
    expect(page.locator("#message")).to_have_text(
        "请粘贴稿件全文或选择一个文件 (paste a draft or choose a file)")

    elsewhere = [u for u in requested if not u.startswith(server + "/") and not u.startswith("data:")]
    assert requested and elsewhere == []
    print(f"browser test: {time.monotonic() - started:.1f} s")
