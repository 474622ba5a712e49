"""One self-contained HTML page per run: each draft's text with its figures highlighted, every
finding marked where it stands and explained inline, filterable by severity and rule.

Nothing is fetched from anywhere: the styles and the small filtering script are inlined, there
are no images, fonts or links to other sites, and a Content-Security-Policy of ``default-src
'none'`` tells the browser to refuse any request the page might still make. Chinese renders with
the fonts the reader's system has (a system font stack, no web fonts). Without JavaScript the
page shows everything; the filters only hide.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from html import escape
from typing import TextIO

from checker import __version__
from checker.report.describe import interval
from checker.report.run import CheckRun, shown_path
from checker.rules.model import SEVERITIES, Finding

_ORDER = tuple(reversed(SEVERITIES))  # error, warning, info
_NOT_MARKED = frozenset({"ordinal", "name", "identifier"})
FOLD_CONTEXT = 2  # lines shown on either side of a line with a finding
FOLD_MIN = 3  # a stretch of more lines than this without findings is folded
_WORDS = {
    "zh": {"title": "figcheck 报告", "drafts": "篇稿件", "figures": "个数字", "severity": "级别",
           "rule": "规则", "only": "只显示有问题的稿件", "clean": "未发现问题",
           "published": "发布日期", "unknown": "未知", "region": "地区", "findings": "处问题",
           "line": "第{n}行", "also": "另见", "elsewhere": "另一篇稿件", "why": "为什么",
           "rules": "规则说明", "errors": "无法读取的文件", "generated": "生成于",
           "error": "错误", "warning": "警告", "info": "提示", "part": "位置", "all": "全部",
           "none": "全不选", "text": "原文", "lines": "第 {a}–{b} 行",
           "verified": "已核对", "computed": "计算得", "checked": "处数字关系已核对",
           "no_font": "本机浏览器没有可显示中文的字体，原文可能显示为方框；请安装中文字体（如 Noto CJK 或文泉驿）。"},
    "en": {"title": "figcheck report", "drafts": "drafts", "figures": "figures", "severity": "Severity",
           "rule": "Rule", "only": "Only drafts with findings", "clean": "no findings",
           "published": "published", "unknown": "unknown", "region": "region",
           "findings": "findings", "line": "line {n}", "also": "also at",
           "elsewhere": "another article", "why": "why", "rules": "The rules",
           "errors": "Files that could not be read", "generated": "generated",
           "error": "error", "warning": "warning", "info": "info", "part": "where", "all": "all",
           "none": "none", "text": "text", "lines": "lines {a}–{b}",
           "verified": "verified", "computed": "computed", "checked": "relations checked",
           "no_font": "No font on this system shows Chinese, so the drafts may show as boxes: "
                      "install a Chinese font (Noto CJK or WenQuanYi, say)."},
}

_CSS = """
:root{--err:#c62828;--err-bg:#fde7e7;--warn:#a15c00;--warn-bg:#fff3cd;--info:#00639b;
--info-bg:#e1f0fa;--fig:#eef1f5;--line:#8a94a3;--border:#d8dde4}
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC","WenQuanYi Micro Hei","Noto Sans SC",system-ui,-apple-system,"Segoe UI",
Roboto,Helvetica,Arial,sans-serif;color:#1d2330;background:#f6f7f9}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--border);
padding:10px 20px}
h1{font-size:18px;margin:0 8px 0 0;display:inline}
.summary{color:#4a5361}
.filters{display:flex;flex-wrap:wrap;gap:6px 18px;margin-top:6px;font-size:13px}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px;
align-items:center}
.filters legend{float:left;font-weight:600;margin-right:6px}
.filters label{white-space:nowrap;cursor:pointer}
.filters button{font:inherit;font-size:12px;padding:0 6px}
main{padding:14px 20px 40px;max-width:1200px}
section.doc{background:#fff;border:1px solid var(--border);border-radius:6px;margin:0 0 18px;
padding:12px 16px}
section.doc h2{font-size:16px;margin:0;word-break:break-all}
.meta{color:#5b6473;font-size:13px;margin:2px 0 6px}
.note{color:#5b6473;font-size:13px;margin:2px 0}
ol.findings{margin:6px 0 10px;padding-left:22px}
li.finding{margin:3px 0}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600;
margin-right:4px}
.sev-error .badge,.badge.sev-error{background:var(--err);color:#fff}
.sev-warning .badge,.badge.sev-warning{background:var(--warn);color:#fff}
.sev-info .badge,.badge.sev-info{background:var(--info);color:#fff}
code.rule{font-size:12px;color:#4a5361;margin-right:4px}
.text{border-top:1px solid var(--border);padding-top:6px;font-size:15px}
.text>summary,.fold>summary{cursor:pointer;color:#4a5361;font-size:13px}
.fold>summary{margin-left:3.4em;list-style:none}
.fold[open]>summary{margin-bottom:2px}
.ln{display:flex;white-space:pre-wrap;word-break:break-word;min-height:1.2em}
.ln .no{flex:0 0 3.4em;color:var(--line);text-align:right;padding-right:10px;user-select:none;
font-size:12px;line-height:2.1}
.ln .tx{flex:1 1 auto}
.fig{background:var(--fig);border-radius:2px;border-bottom:1px solid #b9c2cf}
.fig.ok{border-bottom:1px dotted #4f8a57}
mark.hit{border-radius:2px;padding:0 1px;color:inherit;font-weight:600}
mark.hit.sev-error{background:var(--err-bg);outline:2px solid var(--err)}
mark.hit.sev-warning{background:var(--warn-bg);outline:2px solid var(--warn)}
mark.hit.sev-info{background:var(--info-bg);outline:2px solid var(--info)}
mark.hit.off{background:var(--fig);outline:0;font-weight:inherit}
.explain{margin:2px 0 8px 3.4em;padding:4px 10px;border-left:4px solid;border-radius:3px;
font-size:14px;white-space:normal}
.explain.sev-error{border-color:var(--err);background:var(--err-bg)}
.explain.sev-warning{border-color:var(--warn);background:var(--warn-bg)}
.explain.sev-info{border-color:var(--info);background:var(--info-bg)}
.explain .why{color:#4a5361;font-size:13px}
.hidden{display:none!important}
details.rules{background:#fff;border:1px solid var(--border);border-radius:6px;padding:8px 16px}
details.rules dt{font-weight:600;margin-top:6px}
details.rules dd{margin:0 0 0 1em}
.errors{color:var(--err)}
a{color:#0b57d0}
"""

_JS = """
(function(){
  var form=document.getElementById('filters');
  if(!form)return;
  function checked(name){var s={};form.querySelectorAll('input[name='+name+']').forEach(function(b){
    if(b.checked)s[b.value]=1;});return s;}
  function apply(){
    var sev=checked('severity'),rule=checked('rule');
    var only=document.getElementById('only-problems').checked;
    document.querySelectorAll('[data-rule]').forEach(function(el){
      var on=!!(sev[el.getAttribute('data-severity')]&&rule[el.getAttribute('data-rule')]);
      if(el.tagName==='MARK'){el.classList.toggle('off',!on);}
      else{el.classList.toggle('hidden',!on);}
    });
    document.querySelectorAll('section.doc').forEach(function(sec){
      var n=sec.querySelectorAll('li.finding:not(.hidden)').length;
      var c=sec.querySelector('.shown-count');if(c)c.textContent=n;
      sec.classList.toggle('hidden',only&&n===0);
    });
  }
  // a filtered view can be linked to: #severity=error,warning&rule=range.rate&only=1
  var query={};(location.hash||'').replace(/^#/,'').split('&').forEach(function(kv){
    var i=kv.indexOf('=');if(i>0)query[kv.slice(0,i)]=decodeURIComponent(kv.slice(i+1));});
  ['severity','rule'].forEach(function(name){
    if(query[name]===undefined)return;var want={};query[name].split(',').forEach(function(v){want[v]=1;});
    form.querySelectorAll('input[name='+name+']').forEach(function(b){b.checked=!!want[b.value];});
  });
  if(query.only)document.getElementById('only-problems').checked=query.only!=='0';
  form.addEventListener('change',apply);
  form.querySelectorAll('button[data-all]').forEach(function(btn){
    btn.addEventListener('click',function(e){e.preventDefault();
      var on=btn.getAttribute('data-all')==='1';
      form.querySelectorAll('input[name=rule]').forEach(function(b){b.checked=on;});apply();});
  });
  apply();
})();
(function(){
  // Two different Chinese characters drawn alike are both the missing-glyph box: no font on
  // this system has Chinese, so say so rather than show a page of boxes without a word.
  var note=document.getElementById('no-cjk-font');
  var c=document.createElement('canvas');c.width=c.height=48;
  var g=c.getContext&&c.getContext('2d');
  if(!note||!g)return;
  g.font='40px '+getComputedStyle(document.body).fontFamily;g.textBaseline='top';
  function draw(ch){g.clearRect(0,0,48,48);g.fillText(ch,2,2);
    return Array.prototype.join.call(g.getImageData(0,0,48,48).data,'');}
  if(draw('中')===draw('国'))note.classList.remove('hidden');
})();
"""


def write_run(run: CheckRun, out: TextIO) -> None:
    out.write(render(run))


def render(run: CheckRun, now: dt.datetime | None = None) -> str:
    words = _WORDS[run.lang]
    now = now or dt.datetime.now()
    findings = [f for r in run.reports for f in r.findings]
    by_severity = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    figures = sum(len(r.extraction.figures) for r in run.reports)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if run.lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        "form-action 'none'; base-uri 'none'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(words['title'])} {now:%Y-%m-%d %H:%M}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(words['title'])}</h1>",
        f'<span class="summary">{len(run.reports)} {words["drafts"]} · {figures} {words["figures"]}'
        + f' · {sum(len(r.checks) for r in run.reports)} {words["checked"]}'
        + "".join(f' · <span class="badge sev-{s}">{words[s]} {by_severity[s]}</span>'
                  for s in _ORDER if by_severity[s])
        + f' · {escape(words["generated"])} {now:%Y-%m-%d %H:%M} · figcheck {__version__}</span>',
        _filters(run, by_severity, by_rule),
        f'<p id="no-cjk-font" class="note hidden">{escape(words["no_font"])}</p>',
        "</header>",
        "<main>",
    ]
    if run.errors:
        parts.append(f'<section class="doc errors"><h2>{escape(words["errors"])}</h2><ul>'
                     + "".join(f"<li>{escape(e)}</li>" for e in run.errors) + "</ul></section>")
    for number, report in enumerate(run.reports, 1):
        parts.append(_document(run, report, number))
    parts.append(_rule_notes(run, by_rule))
    parts += ["</main>", f"<script>{_JS}</script>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _filters(run: CheckRun, by_severity: Counter, by_rule: Counter) -> str:
    words = _WORDS[run.lang]
    severities = "".join(
        f'<label><input type="checkbox" name="severity" value="{s}" checked> '
        f'<span class="badge sev-{s}">{words[s]}</span> {by_severity[s]}</label>' for s in _ORDER)
    rule_ids = sorted(set(by_rule) | {r.id for r in run.rules})
    rules = "".join(
        f'<label><input type="checkbox" name="rule" value="{escape(rid)}" checked> '
        f'<code class="rule">{escape(rid)}</code>{by_rule[rid]}</label>'
        for rid in rule_ids if by_rule[rid])
    return (
        '<form id="filters" class="filters" onsubmit="return false">'
        f'<fieldset><legend>{escape(words["severity"])}</legend>{severities}</fieldset>'
        f'<fieldset><legend>{escape(words["rule"])}</legend>{rules}'
        f'<button type="button" data-all="1">{escape(words["all"])}</button>'
        f'<button type="button" data-all="0">{escape(words["none"])}</button></fieldset>'
        f'<fieldset><label><input type="checkbox" id="only-problems"> '
        f'{escape(words["only"])}</label></fieldset>'
        "</form>"
    )


def _document(run: CheckRun, report, number: int) -> str:
    words = _WORDS[run.lang]
    doc = report.doc
    meta = [f"{words['published']} {doc.published or words['unknown']}"]
    region = doc.city or doc.province
    if region:
        meta.append(f"{words['region']} {region}")
    meta.append(f"{len(report.extraction.figures)} {words['figures']}")
    meta.append(f'<span class="shown-count">{len(report.findings)}</span> {words["findings"]}')
    ids = {id(f): f"d{number}-f{i}" for i, f in enumerate(report.findings, 1)}
    out = [f'<section class="doc" id="d{number}">',
           f"<h2>{escape(shown_path(doc.path))}</h2>",
           f'<div class="meta">{" · ".join(meta)}</div>']
    out += [f'<div class="note">ℹ {escape(note)}</div>' for note in report.notes]
    if report.findings:
        out.append('<ol class="findings">')
        for f in report.findings:
            out.append(_finding_item(run, f, ids[id(f)], number))
        out.append("</ol>")
    else:
        out.append(f'<div class="note">✓ {escape(words["clean"])}</div>')
    out.append(_text(run, report, ids, number))
    out.append("</section>")
    return "\n".join(out)


def _attrs(f: Finding) -> str:
    return f'data-rule="{escape(f.rule)}" data-severity="{f.severity}"'


def _finding_item(run: CheckRun, f: Finding, fid: str, number: int) -> str:
    words = _WORDS[run.lang]
    doc_path = run.reports[number - 1].doc.path
    places: list[str] = []
    lines_seen: set[int] = set()
    for loc in f.locations:
        if loc.path == doc_path:
            if loc.line in lines_seen:
                continue
            lines_seen.add(loc.line)
            places.append(f'<a href="#d{number}-L{loc.line}">'
                          f'{escape(words["line"].format(n=loc.line))}</a>')
        else:
            places.append(f'{escape(words["elsewhere"])} {escape(shown_path(loc.path))}:{loc.line}'
                          f" “{escape(loc.snippet)}”")
    return (f'<li class="finding sev-{f.severity}" id="{fid}" {_attrs(f)}>'
            f'<span class="badge">{escape(words[f.severity])}</span>'
            f'<code class="rule">{escape(f.rule)}</code>{escape(f.message)} '
            f'<span class="meta">{" · ".join(places)}</span></li>')


def _text(run: CheckRun, report, ids: dict[int, str], number: int) -> str:
    """The draft's text line by line, figures and findings marked, explanations after the
    lines they concern."""
    doc = report.doc
    text = doc.text
    words = _WORDS[run.lang]
    # a quiet mark on each figure a rule recomputed and found consistent: what the silence means
    verified: dict[tuple[int, int], list[str]] = defaultdict(list)
    for c in report.checks:
        if c.verdict == "consistent" and c.locations and c.locations[0].path == doc.path:
            loc = c.locations[0]
            said = f"{words['verified']} {c.rule}" + (f"（{words['computed']} {c.computed}）" if c.computed else "")
            verified[(loc.start, loc.end)].append(said)
    figures: dict[tuple[int, int], tuple[str, str]] = {}  # (start, end) -> (open tag, close tag)
    for fig in report.extraction.figures:
        # ordinals (第三), programme names (十四五) and codes are read, not counted: marked
        # only where a rule checked them (an edition number, say)
        if fig.kind in _NOT_MARKED and (fig.start, fig.end) not in verified:
            continue
        if fig.end > fig.start:
            tip = " · ".join(x for x in (fig.kind, interval(fig), fig.unit, fig.metric) if x)
            ok = verified.get((fig.start, fig.end))
            if ok:
                tip += " · " + "；".join(ok)
            css = "fig ok" if ok else "fig"
            figures[(fig.start, fig.end)] = (f'<span class="{css}" title="{escape(tip)}">', "</span>")
    marks: dict[tuple[int, int], tuple[str, str]] = {}
    explain: dict[int, list[str]] = defaultdict(list)  # line -> explanations after it
    rules = {r.id: r for r in run.rules}
    for f in report.findings:
        fid = ids[id(f)]
        here = [(i, loc) for i, loc in enumerate(f.locations) if loc.path == doc.path]
        for i, loc in here:
            if loc.end > loc.start and (loc.start, loc.end) not in marks:
                marks[(loc.start, loc.end)] = (
                    f'<mark class="hit sev-{f.severity}" id="{fid}-{i}" {_attrs(f)} '
                    f'title="{escape(f.rule)}: {escape(f.message)}">', "</mark>")
        for line in sorted({loc.line for _, loc in here}):
            explain[line].append(_explanation(run, f, fid, rules.get(f.rule), here, line, number))
    ordered = _non_overlapping(marks, figures)
    rows = []  # (line number, html of the line and the explanations after it)
    start = 0
    for number_, line in enumerate(text.split("\n"), 1):
        end = start + len(line)
        body = _marked(text, start, end - (1 if line.endswith("\r") else 0), ordered)
        rows.append((number_, "\n".join(
            [f'<div class="ln" id="d{number}-L{number_}"><span class="no">{number_}</span>'
             f'<span class="tx">{body}</span></div>', *explain.get(number_, [])])))
        start = end + 1
    if not report.findings:  # a clean draft's text is one click away
        return (f'<details class="text"><summary>{escape(words["text"])}</summary>'
                + "\n".join(html for _, html in rows) + "</details>")
    # around the findings every line shows; longer stretches without one are folded (still in
    # the page, one click away), so the eye lands on what needs it
    near = {n for line in explain for n in range(line - FOLD_CONTEXT, line + FOLD_CONTEXT + 1)}
    out = ['<div class="text">']
    run_: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run_) > FOLD_MIN:
            label = words["lines"].format(a=run_[0][0], b=run_[-1][0])
            out.append(f'<details class="fold"><summary>⋯ {escape(label)}</summary>'
                       + "\n".join(html for _, html in run_) + "</details>")
        else:
            out.extend(html for _, html in run_)
        run_.clear()

    for number_, html in rows:
        if number_ in near:
            flush()
            out.append(html)
        else:
            run_.append((number_, html))
    flush()
    out.append("</div>")
    return "\n".join(out)


def _explanation(run: CheckRun, f: Finding, fid: str, rule, here, line: int, number: int) -> str:
    words = _WORDS[run.lang]
    also = ""
    if any(loc.line != line for _, loc in here):
        also = f' · {escape(words["also"])} ' + ", ".join(
            f'<a href="#d{number}-L{loc.line}">{escape(words["line"].format(n=loc.line))}</a>'
            for loc in sorted({loc.line: loc for _, loc in here if loc.line != line}.values(),
                              key=lambda loc: loc.line))
    why = ""
    if rule is not None and rule.why.get(run.lang):
        why = f'<div class="why">{escape(words["why"])}: {escape(rule.why[run.lang])}</div>'
    return (f'<div class="explain sev-{f.severity}" {_attrs(f)}>'
            f'<span class="badge">{escape(words[f.severity])}</span>'
            f'<code class="rule">{escape(f.rule)}</code>{escape(f.message)}{also}'
            f'<a href="#{fid}"> ↑</a>{why}</div>')


def _non_overlapping(marks: dict[tuple[int, int], tuple[str, str]],
                     figures: dict[tuple[int, int], tuple[str, str]]) -> list:
    """The spans to draw, sorted by start: every finding's mark first, then each figure that
    overlaps none of the spans already placed."""
    import bisect

    placed: list[tuple[int, int, tuple[str, str]]] = []
    for group in (marks, figures):
        for (s, e), tags in sorted(group.items()):
            i = bisect.bisect_left(placed, (s,))
            if i > 0 and placed[i - 1][1] > s or i < len(placed) and placed[i][0] < e:
                continue
            placed.insert(i, (s, e, tags))
    return placed


def _marked(text: str, start: int, end: int, spans: list) -> str:
    """text[start:end] escaped, with the spans' tags around their parts inside it (a span
    crossing a line break is marked on each line)."""
    import bisect

    out = []
    pos = start
    i = bisect.bisect_left(spans, (start,)) - 1
    i = max(i, 0)
    while i < len(spans) and spans[i][0] < end:
        s, e, (open_, close) = spans[i]
        i += 1
        if e <= start:
            continue
        s, e = max(s, start), min(e, end)
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(open_ + escape(text[s:e]) + close)
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def _rule_notes(run: CheckRun, by_rule: Counter) -> str:
    words = _WORDS[run.lang]
    used = [r for r in sorted(run.rules, key=lambda r: r.id) if by_rule[r.id]]
    if not used:
        return ""
    items = "".join(f"<dt><code>{escape(r.id)}</code></dt><dd>{escape(r.why.get(run.lang, ''))}</dd>"
                    for r in used)
    return f'<details class="rules"><summary>{escape(words["rules"])}</summary><dl>{items}</dl></details>'
