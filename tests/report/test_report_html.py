"""The HTML report: one self-contained page, figures and findings marked in the draft's text and
explained inline, filterable; opened in a real headless browser (Debian's chromium) with the
network off, which must show the findings and see the page request nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import CHROMIUM, needs_browser
from checker.cli import main
from checker.report.html_format import render
from report_runs import CLEAN, ERROR, REPEAT, ROOT, WARNING_ONLY, make_run

# attributes through which a page can make the browser fetch something
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "srcset", "background",
                  "manifest", "ping", "cite", "xlink:href"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style> and <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_code = tag in ("style", "script")

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.code.append(data)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_self_contained(page: str) -> None:
    """No tag of the page refers to anything but a place in the page itself, no style loads a
    font or image, and the page forbids every request (Content-Security-Policy)."""
    parsed = _Tags()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "frame"), tag
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES:
                assert (value or "").startswith("#"), (tag, name, value)
    code = "\n".join(parsed.code)
    for needle in ("http:", "https:", "url(", "@import", "@font-face", "fetch(", "XMLHttpRequest"):
        assert needle not in code, needle
    csp = [a.get("content", "") for t, a in parsed.tags
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0]


# -- the page, without a browser ---------------------------------------------------------------

def test_findings_are_marked_and_explained(in_tmp) -> None:
    page = render(make_run(in_tmp, {"a.txt": ERROR + WARNING_ONLY, "b.txt": CLEAN}))
    b_text = page[page.index('<section class="doc" id="d2">'):]
    assert_self_contained(page)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    # the figure where it stands, marked with its finding's rule and severity
    assert re.search(r'<mark class="hit sev-error" id="d1-f\d+-0" data-rule="range.rate" '
                     r'data-severity="error" title="range.rate: [^"]+">102\.1%</mark>', page)
    # explained inline, after its line, with the rule's why
    line2 = page.index('id="d1-L2"')
    explain = page.index('<div class="explain sev-error" data-rule="range.rate"', line2)
    assert explain < page.index('id="d1-L3"')
    assert "比率或占比不可能超过100%" in page[explain:explain + 1000]
    assert "为什么: " in page[explain:explain + 2000]
    # every figure is highlighted, finding or not
    assert re.search(r'<span class="fig" title="count · 618 · 个[^"]*">618个</span>', b_text)
    # the filters: one box per severity and per rule that has findings
    assert 'name="severity" value="error" checked' in page
    assert 'name="rule" value="range.rate" checked' in page
    assert 'name="rule" value="granularity.grim" checked' in page
    assert "未发现问题" in page  # b.txt


def test_a_finding_with_two_figures_links_them(in_tmp) -> None:
    page = render(make_run(in_tmp, {"r.txt": REPEAT}))
    assert page.count('data-rule="repeat.conflict" data-severity="error" title=') == 2  # two marks
    assert '另见 <a href="#d1-L3">第3行</a>' in page and '另见 <a href="#d1-L1">第1行</a>' in page


def test_the_authors_text_is_escaped(in_tmp) -> None:
    text = "<script>alert(1)</script><img src=http://x.invalid/a.png>建会企业集体协商建制率达102.1%。\n"
    page = render(make_run(in_tmp, {"x.txt": text}))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;/script&gt;&lt;img src=http://x.invalid/a.png&gt;" in page
    assert_self_contained(page)


def test_long_stretches_without_findings_fold(in_tmp) -> None:
    filler = "".join(f"第{i}段，会议强调要稳步推进工作。\n" for i in range(1, 30))
    page = render(make_run(in_tmp, {"long.txt": filler + ERROR + filler}))
    assert page.count('<details class="fold">') == 2
    assert page.count("会议强调要稳步推进工作") == 58  # folded, not dropped


def test_in_english(in_tmp) -> None:
    page = render(make_run(in_tmp, {"a.txt": ERROR}, lang="en"))
    assert '<html lang="en">' in page and "figcheck report" in page and "why: " in page


# -- in a real browser -------------------------------------------------------------------------



def _browse(page: Path, profile: Path, *extra: str, fragment: str = "") -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI runs the browser test: install chromium (apt-get install -y chromium)"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *extra,
         page.resolve().as_uri() + fragment],
        capture_output=True, text=True, timeout=120)


def _page_requests(netlog: Path) -> list[str]:
    """The URLs the page itself asked the network for, from Chromium's NetLog (the browser's own
    background requests have no origin and are not the page's)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    out = []
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params \
                and params.get("initiator") != "not an origin":
            out.append(params["url"])
    return out


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert main(["check", "seeds", "--format", "html", "--output", str(out)]) == 1
    finally:
        os.chdir(cwd)
    return out


@needs_browser
def test_the_browser_shows_the_findings_offline(seeds_report: Path, tmp_path: Path) -> None:
    source = seeds_report.read_text(encoding="utf-8")
    assert_self_contained(source)
    netlog = tmp_path / "netlog.json"
    done = _browse(seeds_report, tmp_path / "profile", f"--log-net-log={netlog}", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "seeds/002_fc2b4df85566778c.txt" in dom and "seeds/004_b8fdcb3e64893ddf.txt" in dom
    for text in ("“乡镇”在文中出现两次，数值不同：先为172 个，后为181 个", "以“117件”为基数，“81.3%”不可能出现",
                 'data-rule="repeat.conflict"', 'data-rule="granularity.grim"'):
        assert text in dom
    # the script ran: it counts what the filters leave shown
    assert re.search(r'<span class="shown-count">1</span>', dom)
    assert _page_requests(netlog) == []


@needs_browser
def test_the_network_check_would_catch_a_request(tmp_path: Path) -> None:
    # the control: a page that does fetch is caught, so an empty list above means something
    page = tmp_path / "fetches.html"
    page.write_text('<html><body><img src="http://figcheck-control.invalid/x.png"></body></html>')
    netlog = tmp_path / "netlog.json"
    _browse(page, tmp_path / "profile", f"--log-net-log={netlog}", "--dump-dom")
    assert _page_requests(netlog) == ["http://figcheck-control.invalid/x.png"]


@needs_browser
def test_the_filters_hide_by_severity_and_rule(seeds_report: Path, tmp_path: Path) -> None:
    done = _browse(seeds_report, tmp_path / "p1", "--dump-dom", fragment="#severity=warning")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert re.search(r'<li class="finding sev-error hidden"[^>]*data-rule="repeat.conflict"', dom)
    assert re.search(r'<li class="finding sev-warning"[^>]*data-rule="granularity.grim"', dom)
    assert 'class="hit sev-error off"' in dom  # the figures stay, unmarked
    done = _browse(seeds_report, tmp_path / "p2", "--dump-dom",
                   fragment="#rule=repeat.conflict&only=1")
    dom = done.stdout
    assert re.search(r'<li class="finding sev-warning hidden"[^>]*data-rule="granularity.grim"', dom)
    assert re.search(r'<section class="doc hidden" id="d1">', dom)  # no findings left: hidden


@needs_browser
def test_screenshot_for_the_lead(seeds_report: Path, tmp_path: Path) -> None:
    shot = ROOT / "reports" / "screenshot-seeds.png"
    shot.parent.mkdir(exist_ok=True)
    done = _browse(seeds_report, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1600")
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_consistent_checks_get_a_quiet_mark(tmp_path) -> None:
    from checker.check import check_text
    from checker.report.html_format import render
    from checker.report.run import CheckRun
    from checker.rules import load_rules

    rules = load_rules()
    report = check_text("全县应参保人数28.6万人，已参保27.5万人，参保率96.2%。", rules, path=str(tmp_path / "d.txt"))
    page = render(CheckRun(reports=[report], rules=rules, lang="zh"))
    assert 'class="fig ok"' in page and "已核对 ratio.rate（计算得 96.15）" in page
    assert "处数字关系已核对" in page


def test_ordinals_and_programme_names_are_not_marked_as_figures(tmp_path) -> None:
    from checker.check import check_text
    from checker.report.html_format import render
    from checker.report.run import CheckRun
    from checker.rules import load_rules

    rules = load_rules()
    report = check_text("“十四五”期间，全市第三次新建工会组织618个。", rules, path=str(tmp_path / "d.txt"))
    kinds = {f.text: f.kind for f in report.extraction.figures}
    assert kinds.get("618个") == "count" and {"ordinal", "name"} & set(kinds.values()), kinds
    page = render(CheckRun(reports=[report], rules=rules, lang="zh"))
    marked = re.findall(r'<span class="fig[^"]*" title="[^"]*">([^<]*)</span>', page)
    assert "618个" in marked
    assert not [text for text in marked if kinds.get(text) in ("ordinal", "name", "identifier")]


def _fontconfig_without_chinese(tmp_path: Path) -> Path:
    """A fontconfig setup that knows only the Latin DejaVu fonts: Chinese has no glyphs."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    "<dir>/usr/share/fonts/truetype/dejavu</dir>"
                    f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    return conf


@needs_browser
def test_the_page_says_when_no_chinese_font_rendered(seeds_report: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    chinese = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()
    dom = _browse(seeds_report, tmp_path / "p1", "--dump-dom").stdout
    shown = not re.search(r'<p id="no-cjk-font" class="note hidden">', dom)
    assert 'id="no-cjk-font"' in dom and shown == (not chinese)
    if not Path("/usr/share/fonts/truetype/dejavu").is_dir():
        pytest.skip("no DejaVu fonts to build a system without Chinese from")
    monkeypatch.setenv("FONTCONFIG_FILE", str(_fontconfig_without_chinese(tmp_path)))
    dom = _browse(seeds_report, tmp_path / "p2", "--dump-dom").stdout
    assert re.search(r'<p id="no-cjk-font" class="note">本机浏览器没有可显示中文的字体', dom)
