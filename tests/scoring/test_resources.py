"""The shipped files are found from the source tree and from the frozen program alike."""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.resources import DEFAULT_SCHEME, app_icon_file, resource_path, resources_dir, shipped_files
from tests.conftest import RESOURCES


def test_from_source_the_resources_are_the_repositorys_folder() -> None:
    assert resources_dir() == RESOURCES
    assert resource_path(DEFAULT_SCHEME) == RESOURCES / "default-scheme.json"


def test_every_shipped_file_is_there() -> None:
    files = shipped_files()
    assert app_icon_file(256) in files and resource_path("sample-2023H1.zwxx") in files
    assert [str(p) for p in files if not p.is_file()] == []


def test_the_frozen_program_finds_them_beside_its_own_files(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    assert app_icon_file(16) == tmp_path / "resources" / "icons" / "app-16.png"
