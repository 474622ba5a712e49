"""Project configuration: ``figcheck.toml`` or ``[tool.figcheck]`` in ``pyproject.toml``.

The file is looked for in the current directory, then each parent; the nearest wins, and in one
directory ``figcheck.toml`` wins over ``pyproject.toml`` (a pyproject without a
``[tool.figcheck]`` table is passed over). The command line overrides the file, key by key.

A key figcheck does not know, or a value it cannot use, is an error naming the file, the key and
(when it can be found) the line: a misspelt ``fial-on`` must not silently leave the gate open.
Paths in the file (``rules``, ``ledger``) are relative to the file's own folder, so the same
configuration works from any subdirectory.
"""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UserError

FILE_NAME = "figcheck.toml"
PYPROJECT = "pyproject.toml"
FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "html", "docx")
FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
MAX_CONFIG_BYTES = 1_000_000  # a configuration is a page of TOML
KEYS = ("rules", "select", "ignore", "severity", "fail-on", "lang", "format", "ledger", "max-bytes")


class ConfigError(UserError):
    """A configuration file figcheck cannot use; names the file, the key and the line."""

    def __init__(self, path: Path, reason: str, key: str | None = None, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        subject = f" {key}:" if key else ""
        super().__init__(f"{where}:{subject} {reason}")
        self.path = path
        self.key = key


@dataclass(frozen=True)
class Config:
    """What a configuration file says; None where it says nothing."""

    path: Path | None = None  # the file it was read from; None: no file
    rules: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, str] = field(default_factory=dict)  # rule id or group -> severity
    fail_on: str | None = None
    lang: str | None = None
    format: str | None = None
    ledger: str | None = None  # stored for the ledger (wired by checker/cli/check_cmd.py)
    max_bytes: int | None = None  # stored for the source stage's size limit

    def where(self, key: str) -> str:
        """``file:line: key`` for messages about a value that is checked later (rule names)."""
        line = _line_of(self.path, key) if self.path else None
        return f"{self.path}:{line}: {key}" if line else f"{self.path}: {key}"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest figcheck.toml, or pyproject.toml with a [tool.figcheck] table, from ``start``
    (default: the current directory) up to the root."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / FILE_NAME
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _mentions_figcheck(pyproject):
            return pyproject
    return None


def load_config(path: Path) -> Config:
    """Reads and checks one configuration file."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10: the same parser, from PyPI
        import tomli as tomllib

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block for ever, /dev/zero never end
            raise ConfigError(path, "不是普通文件 (not a regular file)")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(path, f"文件过大 (larger than {MAX_CONFIG_BYTES} bytes)")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except RecursionError:  # tomllib recurses on nested arrays and tables
        raise ConfigError(path, "TOML嵌套过深 (nested too deeply)") from None
    except OSError as err:
        raise ConfigError(path, f"无法读取 (cannot read): {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "不是UTF-8文本 (not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, f"TOML格式错误 (malformed TOML): {err}") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("figcheck")
        if table is None:
            return Config(path=path)
        if not isinstance(table, dict):
            raise ConfigError(path, "须为表 (must be a table)", "tool.figcheck")
        data = table
    return _parse(path, data)


def discover(explicit: str | None = None, enabled: bool = True) -> Config:
    """The configuration in effect: ``explicit`` (--config FILE), else the nearest file; an
    empty one with --no-config or when there is none."""
    if not enabled:
        return Config()
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(path, "没有这个配置文件 (no such configuration file)")
        return load_config(path)
    found = find_config()
    return load_config(found) if found else Config()


def _parse(path: Path, data: dict[str, Any]) -> Config:
    def bad(key: str, reason: str) -> ConfigError:
        return ConfigError(path, reason, key, _line_of(path, key))

    unknown = [k for k in data if k not in KEYS]
    if unknown:
        key = unknown[0]
        raise bad(key, f"未知配置项 (unknown key); known: {', '.join(KEYS)}")
    folder = path.parent
    values: dict[str, Any] = {"path": path}
    for key, value in data.items():
        if key in ("rules", "ledger"):
            if not isinstance(value, str) or not value.strip():
                raise bad(key, "须为路径字符串 (must be a path string)")
            values[key] = str(folder / value)
        elif key in ("select", "ignore"):
            values[key] = _names(value, lambda reason, k=key: bad(k, reason))
        elif key == "severity":
            values[key] = _severity(value, lambda reason: bad(key, reason))
        elif key in ("fail-on", "lang", "format"):
            choices = {"fail-on": FAIL_ON, "lang": LANGS, "format": FORMATS}[key]
            if value not in choices:
                raise bad(key, f"须为 {'/'.join(choices)} (must be one of {', '.join(choices)}): "
                               f"{value!r}")
            values[key.replace("-", "_")] = value
        elif key == "max-bytes":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise bad(key, f"须为正整数字节数 (must be a positive number of bytes): {value!r}")
            values["max_bytes"] = value
    return Config(**values)


def _names(value: Any, bad) -> list[str]:
    """A list of rule ids or groups, or one comma-separated string of them."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad("须为规则名列表 (must be a list of rule ids or groups)")
    names = [v.strip() for v in value if v.strip()]
    return names


def _severity(value: Any, bad) -> dict[str, str]:
    """{rule id or group: severity}; dotted keys written bare in TOML (range.rate = "warning")
    arrive as nested tables and are joined back."""
    from checker.rules.model import SEVERITIES

    if not isinstance(value, dict):
        raise bad("须为表 {规则: error|warning|info} (must be a table of rule = severity)")
    out: dict[str, str] = {}

    def walk(prefix: str, table: dict) -> None:
        for name, level in table.items():
            rule = f"{prefix}.{name}" if prefix else name
            if isinstance(level, dict):
                walk(rule, level)
            elif level in SEVERITIES:
                out[rule] = level
            else:
                raise bad(f"{rule} 须为 {'/'.join(SEVERITIES)} (must be one of "
                          f"{', '.join(SEVERITIES)}): {level!r}")

    walk("", value)
    return out


def _mentions_figcheck(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a [tool.figcheck] table, without parsing every pyproject on
    the way up (a broken one that is not ours is not our error)."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*figcheck\b", text, re.MULTILINE) is not None


def _line_of(path: Path, key: str) -> int | None:
    """The line where ``key`` is set, for the message; None when it cannot be told."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.]""")
    in_table = path.name != PYPROJECT
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = path.name != PYPROJECT or stripped.replace(" ", "").startswith("[tool.figcheck")
            if stripped.replace(" ", "").startswith(f"[tool.figcheck.{key}]") or \
                    stripped.replace(" ", "") == f"[{key}]":
                return number
            continue
        if in_table and pattern.match(line):
            return number
    return None
