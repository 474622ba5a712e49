"""Reading drafts: which files to check, their bytes decoded, and what they say about themselves.

Plain text and markdown are kept exactly as decoded (line endings included, only a byte-order
mark dropped) so every offset a later stage reports is a code point into the author's own text.
Word and HTML drafts are reduced to the text a reader sees; their ``Document.parts`` say which
paragraph, cell or block an offset falls in.

Nothing a user can put in a file crashes or hangs this stage: every refusal is an InputError with
one line naming the problem, and sizes are bounded before anything is read or inflated.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from checker.errors import InputError
from checker.source.dateline import find_dateline
from checker.source.document import Document
from checker.source.encoding import decode
from checker.source.parts import MAX_TEXT_CHARS
from checker.source.region import find_region

# Suffix -> source format. Files of other suffixes are read as text when named explicitly.
FORMATS = {".txt": "text", ".md": "markdown", ".docx": "docx", ".html": "html", ".htm": "html"}
DRAFT_SUFFIXES = frozenset(FORMATS)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the lead's --max-bytes; far beyond any real draft
TITLE_MAX_CHARS = 80

_NO_SUCH_FILE = "没有这个文件或目录 (no such file or directory)"
_NO_DRAFTS = "目录里没有 .txt .md .docx .html 文件 (no .txt, .md, .docx or .html files in directory)"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and .docx with a password


def iter_paths(paths: list[str]) -> list[Path]:
    """The files to check: directories expand to their drafts (.txt, .md, .docx, .html, .htm),
    recursively and sorted.

    A file named explicitly is read whatever its suffix: the user asked for it. Hidden files and
    folders inside a directory are skipped (editor and VCS droppings, not drafts), and so are
    Word's lock files ("~$稿件.docx", written beside every open document). A file reached twice is
    checked once.
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
            and not child.name.startswith("~$")
            # not only regular files: a FIFO, a device or a symlink loop with a draft's name is
            # refused by name when it is read (never opened, so it cannot hang the run)
            and not child.is_dir()
            and not any(part.startswith(".") for part in child.relative_to(path).parts)
        )
        if not drafts:
            raise InputError(given, _NO_DRAFTS)
        found.extend(drafts)
    return list(dict.fromkeys(found))


def read_document(
    path: str | Path, date: dt.date | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Document:
    """Read one draft and collect its metadata; ``date`` (from --date) outranks its dateline.

    ``max_bytes`` (None: no limit) refuses a larger file before a byte of it is read.
    """
    name = str(path)
    return document_from_bytes(name, _read_bytes(name, max_bytes), date)


def document_from_bytes(name: str, data: bytes, date: dt.date | None = None) -> Document:
    """A draft's bytes (a file's, an upload's) as a Document: ``name`` names it in errors and its
    suffix says its format (.docx, .html, .htm; anything else is read as text), as for a file.

    The caller bounds ``data``'s size (read_document does, by ``max_bytes``)."""
    if not data:
        # an empty draft is checked as a linter checks an empty file: no figures, a note
        return Document(path=name, text="", encoding="utf-8", published=date,
                        date_source="option" if date is not None else "unknown",
                        source_format=FORMATS.get(Path(name).suffix.lower(), "text"))
    if data.startswith(_OLE_MAGIC):
        from checker.source.docx_text import LEGACY

        raise InputError(name, LEGACY)
    source_format = FORMATS.get(Path(name).suffix.lower(), "text")
    parts: tuple[tuple[int, str], ...] = ()
    if source_format == "docx":
        from checker.source.docx_text import read_docx

        text, parts = read_docx(name, data, MAX_TEXT_CHARS)
        encoding = "utf-8"  # of the XML inside
    elif source_format == "html":
        from checker.source.html_text import read_html

        text, parts, encoding = read_html(name, data, MAX_TEXT_CHARS)
    else:
        text, encoding = decode(name, data)
    return document_from_text(name, text, date, encoding=encoding, source_format=source_format,
                              parts=parts)


def document_from_text(name: str, text: str, date: dt.date | None = None, *,
                       province: str | None = None, city: str | None = None,
                       encoding: str = "utf-8", source_format: str = "text",
                       parts: tuple[tuple[int, str], ...] = ()) -> Document:
    """A decoded text as a Document: ``date`` outranks its dateline, and a ``province`` or
    ``city`` given (a column of a table of documents) outranks what the text names."""
    published = date if date is not None else find_dateline(text)
    if date is not None:
        date_source = "option"
    else:
        date_source = "text" if published is not None else "unknown"
    if province is None and city is None:
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
        source_format=source_format,
        parts=parts,
    )


def _read_up_to(stream, max_bytes: int | None) -> bytes:
    """The stream's bytes, stopping one past ``max_bytes``: read in chunks, because read(n)
    allocates n bytes first (a limit of a terabyte would be a MemoryError on a 1 kB draft)."""
    if max_bytes is None:
        return stream.read()
    chunks, total = [], 0
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


_CHUNK = 1 << 20


def too_large(size: int | None, limit: int) -> str:
    """The one-line refusal of a file over ``limit`` bytes; ``size`` None when it is a stream."""
    stated = f"{size} 字节" if size is not None else "大小未知"
    return f"文件过大：{stated}，超过上限 {limit}（--max-bytes）(file too large)"


def _read_bytes(name: str, max_bytes: int | None) -> bytes:
    """The file's bytes, at most ``max_bytes`` of them; an OS error becomes one line for the
    user, not a traceback.

    The size is checked with stat() before opening, and only regular files are read: a FIFO
    without a writer would block for ever, /dev/zero would never end.
    """
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "是目录，不是文件 (is a directory)")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "不是普通文件 (not a regular file: a device, pipe or socket)")
        if max_bytes is not None and info.st_size > max_bytes:
            raise InputError(name, too_large(info.st_size, max_bytes))
        with open(name, "rb") as stream:
            data = _read_up_to(stream, max_bytes)
    except FileNotFoundError:
        raise InputError(name, _NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise InputError(name, "是目录，不是文件 (is a directory)") from None
    except PermissionError:
        raise InputError(name, "没有读取权限 (permission denied)") from None
    except OSError as exc:
        raise InputError(name, f"无法读取 (cannot read: {exc.strerror or exc})") from None
    except ValueError:  # a NUL byte in the path
        raise InputError(name, _NO_SUCH_FILE) from None
    if max_bytes is not None and len(data) > max_bytes:  # it grew while we looked
        raise InputError(name, too_large(None, max_bytes))
    return data


def _title(text: str) -> str | None:
    """The first non-empty line without markdown heading marks, cut to a displayable length."""
    for line in text.splitlines():
        title = line.strip().lstrip("#").strip()
        if title:
            return title[:TITLE_MAX_CHARS]
    return None
