"""jieba, loaded lazily and quietly, with a small dictionary kept in the user's cache.

jieba's full dictionary takes 0.4 s to load on every start. The words that matter around figures
are common ones, so the first run writes the 65k most-used words of jieba's own dictionary, plus
figcheck's domain words, to the user's cache directory; later starts load that in ~0.06 s. jieba's
own cache file goes to the same directory instead of /tmp.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from functools import lru_cache
from pathlib import Path

_MIN_FREQ = 30
_MAX_LEN = 4
_DOMAIN = Path(__file__).with_name("lexicon.txt")


def cache_dir() -> Path:
    """$FIGCHECK_CACHE, else the platform's user cache directory."""
    env = os.environ.get("FIGCHECK_CACHE")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "figcheck"


def _small_dictionary(jieba_dict: Path, target: Path) -> None:
    domain = _DOMAIN.read_text(encoding="utf-8").split()
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with jieba_dict.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as out:
        for line in src:
            word, freq, *tag = line.split()
            if int(freq) >= _MIN_FREQ and len(word) <= _MAX_LEN:
                out.write(f"{word} {freq} {tag[0] if tag else 'x'}\n")
        for word in domain:
            out.write(f"{word} 2000 n\n")
    os.replace(tmp, target)  # atomic: a concurrent run never reads half a file


@lru_cache(maxsize=1)
def tokenizer():
    """The shared jieba Tokenizer (created on first use)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    jieba_dict = Path(jieba.__file__).with_name("dict.txt")
    stamp = hashlib.sha1(
        f"{jieba.__version__}|tags|{_MIN_FREQ}|{_MAX_LEN}|{_DOMAIN.stat().st_mtime_ns}".encode()
    ).hexdigest()[:12]
    small = folder / f"jieba-small-{stamp}.txt"
    if not small.exists():
        _small_dictionary(jieba_dict, small)
    tk = jieba.Tokenizer(str(small))
    tk.tmp_dir = str(folder)
    tk.initialize()
    return tk


@lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer())


@lru_cache(maxsize=65536)
def words(phrase: str) -> tuple[str, ...]:
    """Words of a short phrase (dictionary only: the HMM adds time and guesses names)."""
    return tuple(tokenizer().lcut(phrase, HMM=False))


@lru_cache(maxsize=65536)
def tagged(phrase: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) pairs of a short phrase, with jieba's ICTCLAS-style tags."""
    return tuple((p.word, p.flag) for p in _tagger().lcut(phrase, HMM=False))
