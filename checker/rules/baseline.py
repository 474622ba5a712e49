"""Baselines: record today's findings, then report only the new ones.

A finding is known by what it is about, never by where it stands: its rule, the document's path,
and for each of its figures the figure as written and up to a dozen visible characters on either
side within its sentence (white space removed). Editing another sentence, adding lines above or
re-wrapping the text leaves it recognised; changing the figure, or the words right beside it,
makes it new.
Identical findings are counted: if a draft has two and the baseline one, one is new.

The file is JSON (sorted, one entry per distinct finding, with its count), meant to be committed
and reviewed like code. Paths in it are relative to the baseline file's folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from checker.errors import UserError
from checker.rules.model import Finding, Location

VERSION = 1
CONTEXT = 12  # visible characters kept on each side of a figure
_WINDOW = 8 * CONTEXT  # characters looked at to find them, white space included

Key = tuple  # (path, rule, ((path, figure, before, after), ...))


class BaselineError(UserError):
    """A baseline file that cannot be read or written; names the file."""


def _squash(text: str) -> str:
    return "".join(text.split())


_SENTENCE_END = re.compile(r"[。！？!?；;]|\n[ \t\r\f\v\u3000]*\n")


def _before(text: str) -> str:
    """The visible characters just before a figure, within its sentence."""
    ends = list(_SENTENCE_END.finditer(text))
    return _squash(text[ends[-1].end():] if ends else text)[-CONTEXT:]


def _after(text: str) -> str:
    """The visible characters just after a figure, within its sentence."""
    end = _SENTENCE_END.search(text)
    return _squash(text[:end.start()] if end else text)[:CONTEXT]


def anchor(loc: Location, texts: Mapping[str, str]) -> tuple[str, str, str]:
    """(figure, before, after) of one location: the figure as written and up to CONTEXT visible
    characters on either side within its sentence, white space removed (so re-wrapping and edits
    to the neighbouring sentences leave it alone). From the document's text when it is at hand,
    else from the location's own snippet (a figure in the ledger)."""
    figure = _squash(loc.text)
    text = texts.get(loc.path)
    if text is not None and 0 <= loc.start <= loc.end <= len(text):
        return (figure, _before(text[max(0, loc.start - _WINDOW):loc.start]),
                _after(text[loc.end:loc.end + _WINDOW]))
    snippet = loc.snippet
    at = snippet.find(loc.text) if loc.text else -1
    if at < 0:
        return figure, _squash(snippet)[:CONTEXT], ""
    return figure, _before(snippet[:at]), _after(snippet[at + len(loc.text):])


def fingerprint(finding: Finding, texts: Mapping[str, str]) -> str:
    """A stable identity of a finding that ignores paths and lines (SARIF partialFingerprints)."""
    parts = [finding.rule] + ["\x1f".join(anchor(loc, texts)) for loc in finding.locations]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:32]


def finding_key(home: str, finding: Finding, texts: Mapping[str, str], base: Path) -> Key:
    figures = tuple((_relative(loc.path, base), *anchor(loc, texts)) for loc in finding.locations)
    return (_relative(home, base), finding.rule, figures)


def _relative(path: str, base: Path) -> str:
    """``path`` relative to ``base`` in forward slashes; absolute when on another drive."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


def _texts(reports: Sequence) -> dict[str, str]:
    return {r.doc.path: r.doc.text for r in reports}


def write_baseline(reports: Sequence, file: str) -> int:
    """Records every finding of ``reports`` in ``file``; returns how many."""
    path = Path(file)
    base = path.absolute().parent
    texts = _texts(reports)
    counts: Counter = Counter()
    messages: dict[Key, str] = {}
    for r in reports:
        for f in r.findings:
            key = finding_key(r.doc.path, f, texts, base)
            counts[key] += 1
            messages.setdefault(key, f.message)
    entries = [
        {"path": key[0], "rule": key[1],
         "figures": [{"path": p, "text": t, "before": b, "after": a} for p, t, b, a in key[2]],
         "count": n, "message": messages[key]}
        for key, n in sorted(counts.items())
    ]
    payload = {"version": VERSION, "tool": "figcheck", "findings": entries}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            json.dump(payload, out, ensure_ascii=False, indent=1)
            out.write("\n")
    except OSError as err:
        raise BaselineError(f"{file}: 无法写入基线 (cannot write baseline): {err.strerror or err}") \
            from None
    return sum(counts.values())


def load_baseline(file: str) -> tuple[Counter, Path]:
    """The findings a baseline file records, counted, and the folder its paths are relative to."""
    path = Path(file)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{file}: 没有这个基线文件 (no such baseline file; "
                            "make one with --write-baseline)") from None
    except OSError as err:
        raise BaselineError(f"{file}: 无法读取 (cannot read): {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"{file}: 不是基线文件 (not a baseline file: {err})") from None
    if not isinstance(payload, dict) or payload.get("version") != VERSION \
            or not isinstance(payload.get("findings"), list):
        raise BaselineError(f"{file}: 不是第 {VERSION} 版基线文件 (not a version {VERSION} "
                            "figcheck baseline)")
    counts: Counter = Counter()
    for i, entry in enumerate(payload["findings"]):
        try:
            figures = tuple((g["path"], g["text"], g["before"], g["after"]) for g in entry["figures"])
            key = (entry["path"], entry["rule"], figures)
            count = entry.get("count", 1)
            if not all(isinstance(v, str) for v in (key[0], key[1], *sum(figures, ()))) \
                    or not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise TypeError
        except (KeyError, TypeError):
            raise BaselineError(f"{file}: 第 {i + 1} 条记录格式不对 (entry {i + 1} is malformed)") \
                from None
        counts[key] += count
    return counts, path.absolute().parent


def new_findings(reports: Sequence, known: Counter, base: Path, lang: str = "zh") -> list:
    """The reports with the findings the baseline records taken out (as many of each as it
    counts); a note on each document says how many were left out."""
    texts = _texts(reports)
    left = Counter(known)
    out = []
    for r in reports:
        kept, dropped = [], 0
        for f in r.findings:
            key = finding_key(r.doc.path, f, texts, base)
            if left[key] > 0:
                left[key] -= 1
                dropped += 1
            else:
                kept.append(f)
        notes = list(r.notes)
        if dropped:
            notes.append(_NOTE[lang].format(n=dropped))
        out.append(replace(r, findings=kept, notes=notes))
    return out


_NOTE = {
    "zh": "基线中已记录的 {n} 处问题未列出（--baseline）。",
    "en": "{n} findings recorded in the baseline are not shown (--baseline).",
}
