"""CI: the wheel and sdist `python -m build` made carry what an adopter needs: the package with
its rules and language data, py.typed, the license, and the version of checker/__init__.py."""

import re
import sys
import tarfile
import zipfile
from pathlib import Path

dist = Path(sys.argv[1])
(wheel,) = dist.glob("figcheck-*.whl")
(sdist,) = dist.glob("figcheck-*.tar.gz")
version = re.search(r'__version__ = "([^"]+)"', Path("checker/__init__.py").read_text()).group(1)
names = set(zipfile.ZipFile(wheel).namelist())
need = {"checker/__init__.py", "checker/py.typed", "checker/_rules/cross.yaml",
        f"figcheck-{version}.dist-info/licenses/LICENSE", f"figcheck-{version}.dist-info/METADATA"}
missing = need - names
assert not missing, f"{wheel.name} lacks {sorted(missing)}"
assert any(n.startswith("checker/lang/zh/") for n in names), "the language data is missing"
assert f"-{version}-" in wheel.name, (wheel.name, version)
with tarfile.open(sdist) as tar:
    members = {m.name.split("/", 1)[-1] for m in tar.getmembers()}
assert {"LICENSE", "CHANGELOG.md", "pyproject.toml", "checker/py.typed"} <= members, sdist.name
print(f"{wheel.name} and {sdist.name}: {len(names)} files, version {version}, license, py.typed")
