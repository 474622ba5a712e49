"""`figcheck serve`: a page on this machine where an editor pastes or uploads a draft and sees
figcheck's HTML report of it (and, for a Word draft, downloads it with a comment on each finding).

The application is checker/serve/app.py (Starlette), its pages checker/serve/pages.py. Importing
this package imports neither Starlette nor the checker: ``make_app`` and ``Settings`` are loaded
when first asked for, so the command can say that the serve extra is missing in one line.
"""

from __future__ import annotations

import ipaddress

__all__ = ["Settings", "is_loopback", "make_app"]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost", "ip6-loopback"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine
    only: 127.0.0.0/8, ::1 or localhost. Any other name may resolve elsewhere."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def __getattr__(name: str):
    if name in ("Settings", "make_app"):
        from checker.serve import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
