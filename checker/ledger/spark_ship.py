"""figcheck for the executors of a Spark cluster: the package and what it runs on, packed once.

A cluster then needs only Python (the driver's version, on the driver's platform) and Spark: the
archive holds checker with its rules and language data, every package it depends on at the
versions installed here, and pyarrow (Spark's Arrow batches); it is added to the job as
``spark.archives`` (unpacked in each executor's working folder) and put on the workers'
PYTHONPATH. pyspark and py4j come from the cluster's Spark, DuckDB stays on the driver.

The archive is cached in figcheck's cache folder under a digest of what went into it, so it is
built once per set of installed versions (and again when the checker package changes).
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import os
import platform
import re
import sys
import tarfile
from pathlib import Path

NAME = "figcheck_env"  # the folder the archive is unpacked as, on each executor
# the cluster brings its own Spark; the ledger's DuckDB and the archive commands stay on the driver
_LEFT_OUT = {"pyspark", "py4j", "duckdb", "great-expectations"}
_ALSO = ("pyarrow",)  # not figcheck's dependency, but Spark's Arrow batches need it
# what no import needs: packages' own test suites, C headers and sources, type stubs (a tenth
# of the archive, unpacked again by every executor of every job)
_UNUSED = re.compile(r"(^|/)(tests?|include)/|\.(pyi|pxd|pyx|h|hpp|cc|cpp)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wanted(requirement: str) -> str | None:
    """The distribution a Requires-Dist line asks for here, or None (an extra, another Python)."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    if ";" in requirement:
        marker = requirement.split(";", 1)[1]
        if "extra" in marker:
            return None
        try:
            from packaging.markers import Marker
        except ImportError:  # without packaging: what is installed is what is wanted
            return name
        if not Marker(marker).evaluate():
            return None
    return name


def distributions() -> list[md.Distribution]:
    """figcheck's installed dependencies, recursively, and pyarrow; without what is left out."""
    seen: dict[str, md.Distribution] = {}
    todo = [r for r in md.requires("figcheck") or []] + list(_ALSO)
    while todo:
        name = _wanted(todo.pop())
        if name is None or _canonical(name) in seen or _canonical(name) in _LEFT_OUT:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # an optional dependency not installed here is not needed there either
        seen[_canonical(name)] = dist
        todo.extend(dist.requires or [])
    return sorted(seen.values(), key=lambda d: _canonical(d.metadata["Name"]))


def _package_files() -> list[tuple[Path, str]]:
    """(file, name in the archive) of the checker package, with the rules as checker/_rules (as
    in the wheel) when running from a checkout."""
    import checker

    package = Path(checker.__file__).resolve().parent
    out = [(p, "checker/" + p.relative_to(package).as_posix()) for p in sorted(package.rglob("*"))
           if p.is_file() and not p.name.endswith(".pyc")]
    if not (package / "_rules").is_dir():
        from checker.rules.loader import builtin_dir

        rules = builtin_dir()
        out += [(p, "checker/_rules/" + p.relative_to(rules).as_posix())
                for p in sorted(rules.rglob("*")) if p.is_file()]
    return out


def _dist_files(dist: md.Distribution) -> list[tuple[Path, str]]:
    """Its installed files, compiled caches included (the workers' Python is this one's version:
    without them every executor compiles pandas before its first document)."""
    out = []
    for f in dist.files or []:
        if f.parts[0] == ".." or _UNUSED.search(f.as_posix()):  # scripts in bin/; see _UNUSED
            continue
        path = Path(dist.locate_file(f))
        if path.is_file():
            out.append((path, f.as_posix()))
    return out


def _digest(files: list[tuple[Path, str]], dists: list[md.Distribution]) -> str:
    h = hashlib.sha256(f"{sys.version}|{platform.machine()}|{platform.system()}".encode())
    for d in dists:
        h.update(f"{d.metadata['Name']}=={d.version}\n".encode())
    for path, name in files:
        st = path.stat()
        h.update(f"{name}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def archive() -> Path:
    """The archive for the executors, built if this set of versions has none yet."""
    from checker.extract.segment import cache_dir

    dists = distributions()
    package = _package_files()
    target = cache_dir() / "spark" / f"{NAME}-{_digest(package, dists)}.tar.gz"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # fast compression: the archive is built once and sent over a cluster's network
        with tarfile.open(tmp, "w:gz", compresslevel=1) as tar:
            for path, name in package:
                tar.add(path, arcname=name, recursive=False)
            for dist in dists:
                for path, name in _dist_files(dist):
                    tar.add(path, arcname=name, recursive=False)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    for old in target.parent.glob(f"{NAME}-*.tar.gz"):  # the archives of earlier versions
        if old != target:
            old.unlink(missing_ok=True)
    return target
