"""Who made a change, as the audit log records it."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """The operating-system user, recorded in the audit log."""
    try:
        return getpass.getuser()
    except Exception:  # no login name available (e.g. a service account)
        return os.environ.get("USERNAME") or "未知用户"
