"""jieba, loaded lazily and quietly, with a small dictionary kept in the user's cache.

jieba's full dictionary takes 0.4 s to load on every start. The words that matter around figures
are common ones, so the first run writes the 65k most-used words of jieba's own dictionary, plus
figcheck's domain words, to the user's cache directory; later starts load that in ~0.06 s. jieba's
own cache file goes to the same directory instead of /tmp.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
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


def _small_dictionary(jieba_dict: Path, target: Path, tags_file: Path) -> None:
    domain = _DOMAIN.read_text(encoding="utf-8").split()
    tags: dict[str, str] = {}
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with jieba_dict.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as out:
        for line in src:
            word, freq, *tag = line.split()
            if int(freq) >= _MIN_FREQ and len(word) <= _MAX_LEN:
                out.write(f"{word} {freq}\n")
                tags[word] = tag[0] if tag else "x"
        for word in domain:
            out.write(f"{word} 2000\n")
            tags[word] = "n"
    tags_tmp = tags_file.with_suffix(f".{os.getpid()}.tmp")
    tags_tmp.write_bytes(marshal.dumps(tags))
    # atomic renames: a concurrent run never reads half a file
    os.replace(tags_tmp, tags_file)
    os.replace(tmp, target)


def _files() -> tuple[Path, Path, Path]:
    import jieba

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = hashlib.sha1(
        f"{jieba.__version__}|{_MIN_FREQ}|{_MAX_LEN}|{_DOMAIN.read_bytes()!r}".encode()
    ).hexdigest()[:12]
    small, tags = folder / f"jieba-small-{stamp}.txt", folder / f"jieba-tags-{stamp}.marshal"
    if not (small.exists() and tags.exists()):
        _small_dictionary(Path(jieba.__file__).with_name("dict.txt"), small, tags)
    return folder, small, tags


@lru_cache(maxsize=1)
def tokenizer():
    """The shared jieba Tokenizer (created on first use)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    folder, small, _ = _files()
    tk = jieba.Tokenizer(str(small))
    tk.tmp_dir = str(folder)
    tk.initialize()
    return tk


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    # jieba.posseg would give the same tags for dictionary words, but importing it loads its HMM
    # tables (0.25 s) that a dictionary-only cut never uses.
    return marshal.loads(_files()[2].read_bytes())


@lru_cache(maxsize=16384)
def words(phrase: str) -> tuple[str, ...]:
    """Words of a short phrase (dictionary only: the HMM adds time and guesses names)."""
    return tuple(tokenizer().lcut(phrase, HMM=False))


@lru_cache(maxsize=16384)
def tagged(phrase: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) pairs of a short phrase, with jieba's dictionary tags ("x": none)."""
    tags = _tags()
    return tuple((w, tags.get(w, "x")) for w in words(phrase))
