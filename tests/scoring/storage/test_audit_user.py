"""Who made a change: the operating-system user, or a stand-in when the system names none."""

from __future__ import annotations

import getpass

from scoring.storage.audit_user import current_user


def test_the_login_name_is_recorded(monkeypatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "xinxike")
    assert current_user() == "xinxike"


def test_a_service_account_without_a_login_name_falls_back(monkeypatch) -> None:
    def no_name() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_name)
    monkeypatch.setenv("USERNAME", "办公室电脑")
    assert current_user() == "办公室电脑"
    monkeypatch.delenv("USERNAME")
    assert current_user() == "未知用户"
