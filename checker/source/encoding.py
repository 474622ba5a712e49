"""Bytes to text: byte-order marks, strict UTF-8, a declared charset, then detection.

Decoding is strict everywhere: a silently replaced character would shift no offsets but hide the
author's text. Only the encodings Chinese drafts are written in are accepted; anything else that
detection answers is far more likely a wrong guess, or a binary, than a Chinese report.
"""

from __future__ import annotations

import codecs
import unicodedata

from checker.errors import InputError

NOT_TEXT = "不是文本文件 (not a text file)"
SNIFF_BYTES = 8192

# The GB family is decoded as GB18030, its superset.
GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312"})
# Big5 as Python's strict table first; Microsoft's cp950 and Hong Kong's HKSCS add characters
# (the euro sign, ETEN extensions, 粵 place names) that real traditional-Chinese files use.
BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
# Labels browsers know (WHATWG) that Python does not.
_WEB_LABELS = {"x-gbk": "gbk", "x-x-big5": "big5", "csbig5": "big5", "x-euc-cn": "gb2312"}
_ACCEPTED = GB_FAMILY | set(BIG5_FAMILY) | {"utf_16", "utf_16_le", "utf_16_be"}


def decode(name: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name), or InputError(NOT_TEXT) for bytes that are no text in any
    encoding, whatever a charset guess made of them (see plausible)."""
    text, encoding = _decode(name, data, declared)
    if not plausible(text):
        raise InputError(name, NOT_TEXT)
    return text, encoding


# control characters other than white space, private use, unassigned and lone surrogates: a real
# draft has next to none (a stray DOS end-of-file mark), random bytes decoded as GB18030, Big5
# or a code page have them everywhere
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})


def plausible(text: str) -> bool:
    """Whether decoded text reads as text: at most one character in a hundred of those above
    (looked at in its first SNIFF_BYTES characters)."""
    sample = text[:SNIFF_BYTES]
    bad = sum(1 for c in sample if (c == "\ufffd" or unicodedata.category(c) in _NOT_TEXT_CATEGORIES)
              and c not in "\t\n\r\f\v")
    return bad <= len(sample) / 100


def _decode(name: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name). ``declared`` is a charset the file names itself (an HTML <meta>),
    honoured only when UTF-8 fails, and only for a Chinese encoding: pages that say
    "iso-8859-1" about GBK bytes are common, and Latin-1 decodes anything into mojibake."""
    if data.startswith(codecs.BOM_UTF8):
        return strict(name, data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 is full of NUL bytes, so it must be recognised before the binary test.
        return strict(name, data, "utf-16"), "utf-16"
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(name, NOT_TEXT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    family = _family(declared)
    if family is not None and not family[0].startswith("utf"):
        for codec in family:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                continue  # the page lied about itself: detection decides
    return _detect(name, data)


def _detect(name: str, data: bytes) -> tuple[str, str]:
    """charset-normalizer's answer, decoded strictly."""
    # Only now: charset-normalizer costs start-up time that UTF-8 drafts should not pay.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    detected = best.encoding if best is not None else None
    family = _family(detected)
    if family is None:
        # a short Chinese draft is often guessed to be Korean or a code page (今天是星期二 in
        # GB18030 reads as cp949): a Chinese encoding that decodes it into Chinese comes first
        chinese = _as_chinese(data)
        if chinese is not None:
            return chinese
        if best is None or not plausible(str(best)):
            raise InputError(name, NOT_TEXT)
        raise InputError(name, f"无法识别的编码 {detected} (unsupported encoding; save it as UTF-8)")
    for codec in family[:-1]:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        break
    else:
        codec = family[-1]
        text = strict(name, data, codec)
    if not _reads_as_chinese(text):
        # a guess in the Chinese family can be wrong too (2月29日 in GB18030 as Big5-HKSCS)
        chinese = _as_chinese(data)
        if chinese is None:
            raise InputError(name, NOT_TEXT)
        return chinese
    return text, codec


def _as_chinese(data: bytes) -> tuple[str, str] | None:
    """(text, codec) of the Chinese encoding whose strict decoding reads most as Chinese text,
    GB18030 on a tie; None when neither decodes the bytes into Chinese."""
    found = []
    for codec in ("gb18030", *BIG5_FAMILY[:2]):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible(text) and _reads_as_chinese(text):
            found.append((sum("\u4e00" <= c <= "\u9fa5" for c in text), -len(found), text, codec))
    if not found:
        return None
    _, _, text, codec = max(found)
    return text, codec


def _reads_as_chinese(text: str) -> bool:
    """A guessed encoding's text is a Chinese draft's: nine characters in ten are ideographs,
    ASCII, white space or the punctuation and full-width forms drafts use. Random bytes guessed
    to be UTF-16 spread over the whole plane (Hangul, Yi, symbols), and fail."""
    sample = text[:SNIFF_BYTES]
    usual = sum(1 for c in sample if c < "\x7f" or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f" or "\u3400" <= c <= "\u4dbf")
    return usual >= 0.9 * len(sample)


def _family(label: str | None) -> tuple[str, ...] | None:
    """The codecs to try, in order, for an encoding label; None for one we do not accept."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        codec = codecs.lookup(_WEB_LABELS.get(label, label)).name
    except LookupError:
        return None
    codec = codec.replace("-", "_")
    if codec in GB_FAMILY or codec == "cp936":
        return ("gb18030",)
    if codec in BIG5_FAMILY:
        return BIG5_FAMILY[BIG5_FAMILY.index(codec):]
    if codec.startswith("utf_8"):
        return ("utf-8",)
    if codec in _ACCEPTED:
        return (codec.replace("_", "-"),)
    return None


def strict(name: str, data: bytes, codec: str) -> str:
    """Decode or fail loudly, naming the first bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"{codec} 解码失败，位置 {exc.start} (cannot decode as {codec})") from None
