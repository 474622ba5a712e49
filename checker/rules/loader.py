"""Reading rule files: safe YAML, every mistake named with its file and line.

Rule files are data: loaded with YAML's safe loader (no tags, no code), and a file they name
(an anniversary table, say) must lie in the same folder as the rule file.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker.errors import RuleFileError
from checker.rules.model import SEVERITIES, Rule

_ID = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$")
_FIELDS = {"id", "kind", "severity", "message", "why", "params", "check", "rounding", "examples",
           "example_date"}
_CHECKS = {"le", "lt", "ge", "gt", "eq", "ne"}  # pandera built-in checks a rule may declare
_ROUNDING = ("ignore", "info", "warning")
_MAX_FILE = 1_000_000  # a rule file is a page of YAML, not a data dump
_LINE = "__line__"
_PLACEHOLDER = re.compile(r"[a-z_][a-z0-9_]*")
_FIGURE_PLACEHOLDER = re.compile(r"(?:text|metric)\d")  # every candidate's figures, in order


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, remembering the line each mapping starts on."""

    def construct_mapping(self, node, deep=False):  # noqa: D102
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


class _NoAliasLoader(yaml.SafeLoader):
    """The pure-Python safe loader for a file that may hold aliases (the C one composes them out
    of reach): a rule file has no use for anchors and aliases, and a few nested aliases expand to
    billions of nodes (an alias bomb)."""

    construct_mapping = _LineLoader.construct_mapping

    def compose_node(self, parent, index):  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "规则文件不支持别名 (aliases are not allowed "
                                              "in rule files)", self.peek_event().start_mark)
        return super().compose_node(parent, index)


_MAY_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]")


def builtin_dir() -> Path:
    """The rules shipped with figcheck: in the wheel as checker/_rules, in a checkout as rules/."""
    packaged = Path(__file__).resolve().parents[1] / "_rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


def load_yaml(path: Path) -> Any:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block for ever, /dev/zero never end
            raise RuleFileError(str(path), None, "不是普通文件 (not a regular file)")
        if info.st_size > _MAX_FILE:
            raise RuleFileError(str(path), None, "文件过大 (rule file too large)")
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RuleFileError(str(path), None, f"无法读取 (cannot read): {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise RuleFileError(str(path), None, "不是UTF-8文本 (not UTF-8 text)") from err
    try:
        loader = _NoAliasLoader if _MAY_ALIAS.search(text) else _LineLoader
        return yaml.load(text, Loader=loader)  # noqa: S506 - safe loader subclasses
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RuleFileError(str(path), line, f"YAML格式错误 (malformed YAML): {problem}") from err


def strip_lines(value: Any) -> Any:
    """The data without the loader's line markers."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def named_file(rule_file: Path, name: str, line: int | None) -> Path:
    """A file a rule names: it must be inside the rule file's own folder."""
    folder = rule_file.resolve().parent
    target = (folder / name).resolve()
    if folder not in target.parents or not target.is_file():
        raise RuleFileError(str(rule_file), line,
                            f"引用的文件须在规则目录内且存在 (named file must exist in the rule folder): {name}")
    return target


def load_rules(extra_dir: str | None = None) -> list[Rule]:
    """The built-in rules, then those of ``extra_dir``; a rule with the same id replaces one."""
    rules = dict(_load_dir(builtin_dir()))
    if extra_dir is not None:
        folder = Path(extra_dir)
        if not folder.is_dir():
            raise RuleFileError(extra_dir, None, "不是目录 (not a directory)")
        extra = dict(_load_dir(folder))
        _check_placeholders(extra, rules)
        rules.update(extra)
    return list(rules.values())


@lru_cache(maxsize=8)
def _load_dir_cached(folder: str, stamp: tuple) -> tuple[tuple[str, Rule], ...]:
    out: dict[str, Rule] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        data = load_yaml(path)
        if isinstance(data, dict) and "rules" in data:
            # one folder declares a rule once (another folder may override it)
            out.update((r.id, r) for r in _parse_file(path, data, out))
    return tuple(out.items())


def _load_dir(folder: Path) -> tuple[tuple[str, Rule], ...]:
    files = sorted(folder.glob("*.yaml"))
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in files)
    return _load_dir_cached(str(folder), stamp)


def _parse_file(path: Path, data: dict, earlier: dict[str, Rule] | None = None) -> list[Rule]:
    """The rules of one file; ``earlier`` are those of the files before it in its folder."""
    from checker.rules.kinds import KINDS

    items = data["rules"]
    if not isinstance(items, list):
        raise RuleFileError(str(path), data.get(_LINE), "'rules' 须为列表 (must be a list)")
    unknown_top = set(data) - {"rules", _LINE}
    if unknown_top:
        raise RuleFileError(str(path), data.get(_LINE), f"未知字段 (unknown field): {sorted(unknown_top)[0]}")
    seen: set[str] = set()
    rules = []
    for item in items:
        if not isinstance(item, dict):
            raise RuleFileError(str(path), None, "每条规则须为映射 (each rule must be a mapping)")
        line = item.get(_LINE)

        def bad(reason: str, at: int | None = line) -> RuleFileError:
            return RuleFileError(str(path), at, reason)

        unknown = set(item) - _FIELDS - {_LINE}
        if unknown:
            raise bad(f"未知字段 (unknown field): {sorted(unknown)[0]}")
        rid = item.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise bad(f"规则id须形如 group.name (id must look like group.name): {rid!r}")
        if rid in seen:
            raise bad(f"规则id重复 (duplicate id): {rid}")
        if earlier and rid in earlier:
            raise bad(f"规则id重复 (duplicate id): {rid}, also at {earlier[rid].source}")
        seen.add(rid)
        kind = item.get("kind")
        if kind not in KINDS:
            raise bad(f"未知的规则类型 (unknown kind): {kind!r}; known: {', '.join(sorted(KINDS))}")
        module = KINDS[kind]
        severity = item.get("severity", "error")
        if severity not in SEVERITIES:
            raise bad(f"severity须为 {'/'.join(SEVERITIES)} (bad severity): {severity!r}")
        message = _texts(item.get("message"), "message", bad, required=True)
        for text in message.values():
            _template(text, bad)
        why = _texts(item.get("why", {}), "why", bad, required=False)
        params = _params(item.get("params", {}), module, path, bad)
        check = _check(item.get("check", {"gap": {"le": 0}}), bad)
        rounding = item.get("rounding", "ignore")
        if rounding not in _ROUNDING:
            raise bad(f"rounding须为 {'/'.join(_ROUNDING)}: {rounding!r}")
        examples = strip_lines(item.get("examples", {}))
        if not isinstance(examples, dict) or not all(
            k in ("fail", "pass") and isinstance(v, list) and all(isinstance(s, str) for s in v)
            for k, v in examples.items()
        ):
            raise bad("examples须为 {fail: [...], pass: [...]} (bad examples)")
        example_date = item.get("example_date")
        if example_date is not None and not isinstance(example_date, dt.date):
            try:
                dt.date.fromisoformat(str(example_date))
            except ValueError:
                raise bad(f"example_date 须为 YYYY-MM-DD (bad example_date): {example_date!r}") from None
        rules.append(Rule(
            id=rid, kind=kind, severity=severity, message=message, why=why, params=params,
            check=check, rounding=rounding, examples=examples,
            example_date=str(example_date) if example_date else None,
            source=f"{path}:{line}",
            needs_date=module.needs_date(params) if hasattr(module, "needs_date") else False,
        ))
    return rules


def _texts(value: Any, name: str, bad, required: bool) -> dict[str, str]:
    if value in (None, {}) and not required:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value.get(lang) for lang in ("zh", "en")
    ):
        message = f"{name} 须有 zh 与 en 两种文字 ({name} needs zh and en texts)"
        raise bad(message, value.get(_LINE)) if isinstance(value, dict) else bad(message)
    return {k: v for k, v in value.items() if k != _LINE}


def _template(text: str, bad) -> set[str]:
    """The placeholders of a message template, which may only be plain names ({metric}): no
    attribute or index access, no conversion, no format spec (a rule file cannot reach into
    figcheck's objects or ask for a field a billion characters wide)."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as err:
        raise bad(f"message 格式错误 (malformed message template): {err}") from None
    names = set()
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not _PLACEHOLDER.fullmatch(name) or spec or conversion:
            raise bad(f"message 占位符只能是名称，如 {{metric}} (a placeholder is a plain name): "
                      f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
        names.add(name)
    return names


def placeholders(rule: Rule) -> set[str]:
    """The placeholders a rule's messages name."""
    return {name for text in rule.message.values()
            for _, name, _, _ in string.Formatter().parse(text) if name}


def _known_placeholders(builtin: dict[str, Rule]) -> dict[str, set[str]]:
    """The placeholders each kind fills, as its built-in rules' messages name them (the
    documented ones: `figcheck rules ID` shows a rule's message), and every figure's text and
    metric ({text0}, {metric1} ...)."""
    out: dict[str, set[str]] = {}
    for rule in builtin.values():
        out.setdefault(rule.kind, set()).update(placeholders(rule))
    return out


def _check_placeholders(rules: dict[str, Rule], builtin: dict[str, Rule]) -> None:
    known = _known_placeholders(builtin)
    for rule in rules.values():
        unknown = sorted(name for name in placeholders(rule) - known.get(rule.kind, set())
                         if not _FIGURE_PLACEHOLDER.fullmatch(name))
        if unknown:
            path, _, line = rule.source.rpartition(":")
            raise RuleFileError(path, int(line) if line.isdigit() else None,
                                f"未知占位符 (unknown placeholder) {{{unknown[0]}}} for kind {rule.kind}; "
                                f"known: {', '.join(sorted(known.get(rule.kind, set())))}")


def _params(value: Any, module, path: Path, bad) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad("params 须为映射 (params must be a mapping)")
    spec: dict[str, tuple[type, Any]] = module.PARAMS
    out = {name: default for name, (_, default) in spec.items()}
    for key, val in value.items():
        if key == _LINE:
            continue
        if key not in spec:
            raise bad(f"未知参数 (unknown parameter) {key!r} for kind {module.NAME}; "
                      f"known: {', '.join(sorted(spec)) or 'none'}", value.get(_LINE))
        typ = spec[key][0]
        val = strip_lines(val)
        ok = isinstance(val, typ) and not (typ in (int, float) and isinstance(val, bool))
        if typ is float and isinstance(val, int) and not isinstance(val, bool):
            val, ok = float(val), True
        if typ is list and ok and not all(isinstance(v, (str, int, float, list)) for v in val):
            ok = False
        if not ok:
            raise bad(f"参数 {key} 须为 {typ.__name__} (parameter {key} must be {typ.__name__})",
                      value.get(_LINE))
        choices = getattr(module, "CHOICES", {}).get(key)
        if choices and val not in choices:
            # a misspelt variant would otherwise leave the rule silently checking nothing
            raise bad(f"参数 {key} 须为 {'/'.join(choices)} (parameter {key} must be one of "
                      f"{', '.join(choices)}): {val!r}", value.get(_LINE))
        if key.endswith("_file"):
            val = str(named_file(path, val, value.get(_LINE)))
        out[key] = val
    return out


def _check(value: Any, bad) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise bad("check 须为 {列: {检查: 值}} (check must map columns to checks)")
    out = {}
    for column, checks in value.items():
        if column == _LINE:
            continue
        if not isinstance(checks, dict):
            raise bad(f"check.{column} 须为映射 (must be a mapping)")
        clean = {k: v for k, v in checks.items() if k != _LINE}
        for name, arg in clean.items():
            if name not in _CHECKS or not isinstance(arg, (int, float)) or isinstance(arg, bool):
                raise bad(f"不支持的检查 (unsupported check) {name}: {arg!r}; use one of "
                          f"{', '.join(sorted(_CHECKS))} with a number")
        out[column] = clean
    return out
