"""The pages of `figcheck serve`, rendered on the server: the form, the bar over a report, and a
page for a message. No script, no font, no image and no address outside the page's own server:
the Content-Security-Policy (PAGE_CSP) tells the browser to fetch nothing else. The report itself
is checker/report/html_format.py's page, shown as it is in a sandboxed frame.

The one-line refusals are in both languages, "中文 (English)", as the readers' own are.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from checker import __version__

PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# the report's own policy (its <meta>), and a frame of this server only
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
              "img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'")
ACCEPT = ".txt,.md,.docx,.html,.htm"
_SEVERITIES = ("error", "warning", "info")

_WORDS = {
    "zh": {
        "title": "figcheck · 核对稿件中的数字",
        "tagline": "核对稿件中的数字",
        "lead": "粘贴稿件全文，或上传 .txt、.md、.docx、.html 文件，即可看到 figcheck 的检查报告；"
                "上传 Word 稿件还可下载带批注的稿件。稿件只在本机检查，不会发往任何地方。",
        "text": "稿件全文", "placeholder": "在此粘贴稿件……",
        "file": "或上传文件", "date": "发布日期",
        "date_hint": "可不填：按稿件里的日期（电头）。核对日期与星期、周年等规则需要它。",
        "lang": "消息语言", "submit": "检查",
        "limit": "上限 {size}", "ledger": "对照账本 {path}", "no_ledger": "未使用账本（只核对稿件本身）",
        "other": "English", "other_lang": "en",
        "pasted": "粘贴的文本", "uploaded": "上传的文件",
        "findings": "{n} 处问题", "clean": "未发现问题", "published": "发布日期", "unknown": "未知",
        "error": "错误", "warning": "警告", "info": "提示",
        "download": "下载带批注的 Word 稿", "save": "保存报告（HTML）", "again": "检查另一篇",
        "report": "figcheck 报告", "compared_ledger": "已对照账本中 {n} 篇已发表稿件",
        "compared_none": "未对照账本",
    },
    "en": {
        "title": "figcheck · check the figures of a draft",
        "tagline": "check the figures of a draft",
        "lead": "Paste a draft, or upload a .txt, .md, .docx or .html file, to see figcheck's report "
                "of it; for a Word draft you can also download it with a comment on each finding. "
                "The draft is checked on this machine and sent nowhere.",
        "text": "The draft", "placeholder": "Paste the draft here…",
        "file": "or upload a file", "date": "Publication date",
        "date_hint": "Optional: by default the draft's dateline. The rules on weekdays, "
                     "anniversaries and future dates need it.",
        "lang": "Messages in", "submit": "Check",
        "limit": "up to {size}", "ledger": "compared with the ledger {path}",
        "no_ledger": "no ledger (the draft is checked on its own)",
        "other": "中文", "other_lang": "zh",
        "pasted": "pasted text", "uploaded": "uploaded file",
        "findings": "{n} findings", "clean": "no findings", "published": "published",
        "unknown": "unknown", "error": "error", "warning": "warning", "info": "info",
        "download": "Download the Word draft with comments", "save": "Save the report (HTML)",
        "again": "Check another", "report": "figcheck report",
        "compared_ledger": "compared with {n} published articles in the ledger",
        "compared_none": "no ledger",
    },
}

_CSS = """
*{box-sizing:border-box}
html,body{margin:0}
body{font:15px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC","WenQuanYi Micro Hei","Noto Sans SC",system-ui,-apple-system,"Segoe UI",
Roboto,Helvetica,Arial,sans-serif;color:#1d2330;background:#f6f7f9}
a{color:#0b57d0}
main.form{max-width:900px;margin:0 auto;padding:18px 20px 40px}
main.form header{display:flex;align-items:baseline;gap:10px;margin-bottom:6px}
h1{font-size:22px;margin:0}
.tagline{color:#4a5361;flex:1}
.lead{color:#3b4350;margin:4px 0 14px}
form{background:#fff;border:1px solid #d8dde4;border-radius:6px;padding:14px 16px}
label.field{display:block;font-weight:600;margin:10px 0 4px}
textarea{width:100%;min-height:16em;font:inherit;padding:8px;border:1px solid #b9c2cf;
border-radius:4px;resize:vertical}
.row{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;margin-top:6px}
.row label{font-weight:600}
.hint{color:#5b6473;font-size:13px;display:block;margin-top:2px}
input[type=date],select{font:inherit;padding:3px 6px}
button{font:inherit;font-size:16px;margin-top:14px;padding:6px 26px;border:0;border-radius:4px;
background:#0b57d0;color:#fff;cursor:pointer}
.error{color:#8e1b1b;background:#fde7e7;border-left:4px solid #c62828;padding:6px 10px;
border-radius:3px;margin:0 0 12px;word-break:break-word}
footer{color:#5b6473;font-size:13px;margin-top:12px}
body.result{height:100vh;display:flex;flex-direction:column}
nav.bar{display:flex;flex-wrap:wrap;align-items:center;gap:4px 14px;padding:8px 16px;
background:#1d2330;color:#fff;font-size:14px}
nav.bar a{color:#cfe0ff}
nav.bar .home{font-weight:700;color:#fff;text-decoration:none}
nav.bar .name{font-weight:600;word-break:break-all}
nav.bar .links{margin-left:auto;display:flex;gap:14px;flex-wrap:wrap}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600}
.sev-error{background:#c62828}.sev-warning{background:#a15c00}.sev-info{background:#00639b}
.ok{color:#9be39f}
.muted{color:#aab3c2}
iframe{flex:1;border:0;width:100%;background:#fff}
main.message{max-width:900px;margin:0 auto;padding:24px 20px}
"""


def word(lang: str, key: str) -> str:
    return _WORDS[lang][key]


def _page(lang: str, title: str, body: str, body_class: str = "") -> str:
    cls = f' class="{body_class}"' if body_class else ""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="same-origin">',
        '<link rel="icon" href="data:,">',  # no request for /favicon.ico
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        f"<body{cls}>",
        body,
        "</body>",
        "</html>",
        "",
    ])


def size_text(n: int) -> str:
    for unit, factor in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} B"


def form_page(lang: str, settings, message: str | None = None, values: dict | None = None) -> str:
    w = _WORDS[lang]
    values = values or {}
    chosen = values.get("lang", lang)
    options = "".join(
        f'<option value="{code}"{" selected" if code == chosen else ""}>{label}</option>'
        for code, label in (("zh", "中文"), ("en", "English")))
    ledger = (escape(w["ledger"].format(path=settings.ledger)) if settings.ledger
              else escape(w["no_ledger"]))
    error = f'<p class="error" id="message" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<main class="form">
<header><h1>figcheck</h1><span class="tagline">{escape(w["tagline"])}</span>
<a href="/?lang={w["other_lang"]}" lang="{w["other_lang"]}">{w["other"]}</a></header>
<p class="lead">{escape(w["lead"])}</p>
{error}
<form method="post" action="/check" enctype="multipart/form-data">
<label class="field" for="text">{escape(w["text"])}</label>
<textarea id="text" name="text" rows="16" placeholder="{escape(w["placeholder"])}">{escape(values.get("text", ""))}</textarea>
<label class="field" for="file">{escape(w["file"])}
<span class="hint">.txt .md .docx .html · {escape(w["limit"].format(size=size_text(settings.max_bytes)))}</span></label>
<input id="file" name="file" type="file" accept="{ACCEPT}">
<div class="row">
<span><label for="date">{escape(w["date"])}</label>
<input id="date" name="date" type="date" value="{escape(values.get("date", ""))}"></span>
<span><label for="lang">{escape(w["lang"])}</label>
<select id="lang" name="lang">{options}</select></span>
</div>
<span class="hint">{escape(w["date_hint"])}</span>
<button type="submit" id="check">{escape(w["submit"])}</button>
</form>
<footer>{ledger} · figcheck {__version__}</footer>
</main>"""
    return _page(lang, w["title"], body)


def result_page(result) -> str:
    w = _WORDS[result.lang]
    report = result.report
    counts = Counter(f.severity for f in report.findings)
    if report.findings:
        summary = (f'<span class="count">{escape(w["findings"].format(n=len(report.findings)))}'
                   "</span> " + " ".join(f'<span class="badge sev-{s}">{w[s]} {counts[s]}</span>'
                                         for s in _SEVERITIES if counts[s]))
    else:
        summary = f'<span class="count ok">✓ {escape(w["clean"])}</span>'
    published = report.doc.published or w["unknown"]
    ledger = result.compared.get("ledger") if result.compared else None
    compared = (w["compared_ledger"].format(n=result.compared.get("ledger_documents", 0))
                if ledger else w["compared_none"])
    links = []
    if result.docx is not None:
        links.append(f'<a id="download" href="/download/{result.token}">{escape(w["download"])}</a>')
    links.append(f'<a id="save" href="/report/{result.token}?save=1">{escape(w["save"])}</a>')
    links.append(f'<a id="again" href="/?lang={result.lang}">{escape(w["again"])}</a>')
    body = f"""<nav class="bar">
<a class="home" href="/?lang={result.lang}">figcheck</a>
<span class="name">{escape(result.name)}</span>
{summary}
<span class="muted">{escape(w["published"])} {published} · {escape(compared)}</span>
<span class="links">{"".join(links)}</span>
</nav>
<iframe id="report" title="{escape(w["report"])}" src="/report/{result.token}" sandbox="allow-scripts"></iframe>"""
    return _page(result.lang, f"{w['report']} · {result.name}", body, "result")


def message_page(lang: str, status: int, message: str) -> str:
    w = _WORDS[lang]
    body = f"""<main class="message">
<h1>figcheck</h1>
<p class="error" id="message" role="alert">{escape(message)}</p>
<p><a href="/?lang={lang}">{escape(w["again"])}</a></p>
</main>"""
    return _page(lang, f"figcheck · {status}", body)


# -- one-line refusals -------------------------------------------------------------------------

def empty_form() -> str:
    return "请粘贴稿件全文或选择一个文件 (paste a draft or choose a file)"


def empty_file() -> str:
    return "文件是空的 (the file is empty)"


def both() -> str:
    return ("既粘贴了文本又选择了文件，请只用其中一种 (both pasted text and a file: give one of them)")


def bad_date(text: str) -> str:
    return f"不是有效日期，应为 YYYY-MM-DD (not a date, expected YYYY-MM-DD): {text[:40]!r}"


def bad_lang(text: str) -> str:
    return f"没有这种消息语言，可选 zh、en (no such language; zh or en): {text[:20]!r}"


def malformed(detail: str) -> str:
    return f"表单无法解析 (a malformed form): {detail}"


def gone(keep: int) -> str:
    return (f"这个结果已不在：只保留最近 {keep} 次检查，服务重启后也会清空，请重新检查 "
            f"(no such result: only the last {keep} checks are kept, and none after a restart)")


def no_docx() -> str:
    return "只有上传的 Word（.docx）稿件才能下载带批注的稿件 (only an uploaded .docx has a commented copy)"


def internal_error(detail: str) -> str:
    line = "; ".join(part.strip() for part in str(detail).splitlines() if part.strip())
    return f"figcheck 内部错误 (internal error, a bug in figcheck): {line[:300]}"
