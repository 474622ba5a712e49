"""Assembling extracted text from labelled pieces, for formats whose text is not the file."""

from __future__ import annotations

from checker.errors import InputError

MAX_TEXT_CHARS = 5_000_000  # far beyond any draft; bounds the work every later stage does


def too_long(limit: int) -> str:
    return f"提取的文本过长，超过上限 {limit} 字符 (extracted text too long)"


class PartsBuilder:
    """Text pieces joined by line breaks, and where each labelled part starts.

    A line break ends a sentence and a clause for the extractor, so a piece's figures never run
    into the next piece's words.
    """

    def __init__(self, name: str, max_chars: int = MAX_TEXT_CHARS) -> None:
        self._name = name
        self._max = max_chars
        self._chunks: list[str] = []
        self._parts: list[tuple[int, str]] = []
        self._length = 0

    def add(self, label: str, text: str) -> None:
        """Append ``text`` as (part of) ``label``; the same label twice in a row is one part."""
        if self._chunks:
            self._chunks.append("\n")
            self._length += 1
        if not self._parts or self._parts[-1][1] != label:
            self._parts.append((self._length, label))
        self._chunks.append(text)
        self._length += len(text)
        if self._length > self._max:
            raise InputError(self._name, too_long(self._max))

    def text(self) -> str:
        return "".join(self._chunks)

    def parts(self) -> tuple[tuple[int, str], ...]:
        return tuple(self._parts)
