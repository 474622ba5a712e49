"""Reading drafts: which files to check, their bytes decoded, and what they say about themselves.

The text is kept exactly as decoded (line endings included, only a byte-order mark dropped) so
every offset a later stage reports is a code point into the author's own text.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

from checker.errors import InputError
from checker.source.dateline import find_dateline
from checker.source.document import Document
from checker.source.region import find_region

DRAFT_SUFFIXES = frozenset({".txt", ".md"})
TITLE_MAX_CHARS = 80
_SNIFF_BYTES = 8192

# What charset-normalizer may answer for a draft; anything else is more likely a wrong guess
# (or a binary) than a Chinese report. The GB family is decoded as GB18030, its superset.
_GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312"})
_ACCEPTED = _GB_FAMILY | {"big5", "utf_16", "utf_16_le", "utf_16_be"}

_NO_SUCH_FILE = "没有这个文件或目录 (no such file or directory)"
_EMPTY = "文件为空 (empty file)"
_NOT_TEXT = "不是文本文件 (not a text file)"


def iter_paths(paths: list[str]) -> list[Path]:
    """The files to check: directories expand to their .txt and .md files, recursively and sorted.

    A file named explicitly is read whatever its suffix: the user asked for it. Hidden files and
    folders inside a directory are skipped (editor and VCS droppings, not drafts). A file reached
    twice is checked once.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(given, _NO_SUCH_FILE)
        if not path.is_dir():
            found.append(path)
            continue
        drafts = sorted(
            child
            for child in path.rglob("*")
            if child.suffix.lower() in DRAFT_SUFFIXES
            and child.is_file()
            and not any(part.startswith(".") for part in child.relative_to(path).parts)
        )
        if not drafts:
            raise InputError(given, "目录里没有 .txt 或 .md 文件 (no .txt or .md files in directory)")
        found.extend(drafts)
    return list(dict.fromkeys(found))


def read_document(path: str | Path, date: dt.date | None = None) -> Document:
    """Decode one draft and collect its metadata; ``date`` (from --date) outranks its dateline."""
    name = str(path)
    text, encoding = _decode(name, _read_bytes(name))
    if not text.strip():
        raise InputError(name, _EMPTY)
    published = date if date is not None else find_dateline(text)
    if date is not None:
        date_source = "option"
    else:
        date_source = "text" if published is not None else "unknown"
    province, city = find_region(text)
    return Document(
        path=name,
        text=text,
        encoding=encoding,
        published=published,
        date_source=date_source,
        title=_title(text),
        province=province,
        city=city,
    )


def _read_bytes(name: str) -> bytes:
    """The file's bytes; an OS error becomes one line for the user, not a traceback."""
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(name, _NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise InputError(name, "是目录，不是文件 (is a directory)") from None
    except PermissionError:
        raise InputError(name, "没有读取权限 (permission denied)") from None
    except OSError as exc:
        raise InputError(name, f"无法读取 (cannot read: {exc.strerror or exc})") from None


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """(text, encoding name). Byte-order marks first, then strict UTF-8, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(name, data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 is full of NUL bytes, so it must be recognised before the binary test.
        return _strict(name, data, "utf-16"), "utf-16"
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(name, _NOT_TEXT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Only now: charset-normalizer costs start-up time that UTF-8 drafts should not pay.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, _NOT_TEXT)
    detected = best.encoding
    if detected not in _ACCEPTED:
        raise InputError(name, f"无法识别的编码 {detected} (unsupported encoding; save it as UTF-8)")
    codec = "gb18030" if detected in _GB_FAMILY else detected.replace("_", "-")
    return _strict(name, data, codec), codec


def _strict(name: str, data: bytes, codec: str) -> str:
    """Decode or fail loudly: a silently replaced character would shift no offsets but hide text."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"{codec} 解码失败，位置 {exc.start} (cannot decode as {codec})") from None


def _title(text: str) -> str | None:
    """The first non-empty line without markdown heading marks, cut to a displayable length."""
    for line in text.splitlines():
        title = line.strip().lstrip("#").strip()
        if title:
            return title[:TITLE_MAX_CHARS]
    return None
