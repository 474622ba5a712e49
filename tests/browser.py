"""The headless browser the page tests drive: Debian's chromium (not on PyPI). CI installs it
(.ci/run) and sets CI, and there a missing browser fails the tests instead of skipping them."""

from __future__ import annotations

import os
import shutil

import pytest


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install -y chromium); in CI this test must run")
