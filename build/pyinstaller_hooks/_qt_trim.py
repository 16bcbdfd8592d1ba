"""Shared by the ``hook-PySide6*.py`` files beside it, which override PyInstaller's own hooks.

Each override runs PyInstaller's hook of the same name unchanged, then keeps only the Qt
plugins, translations and extra DLLs that ``installer.spec`` allows in
``hooksconfig["PySide6"]["keep"]``. Trimming here, before PyInstaller analyses the binaries'
dependencies, also keeps out the libraries only the dropped plugins need (Wayland, EGL,
GTK, ...), which trimming the finished Analysis would leave behind.
"""

from __future__ import annotations

import fnmatch
import logging
import runpy
from pathlib import Path, PurePath

import PyInstaller
from PyInstaller.utils.hooks import get_hook_config

log = logging.getLogger("PyInstaller")


def _allowed(source: str, destination: str, keep: dict) -> bool:
    name = PurePath(source).name.lower()
    parts = PurePath(destination).parts
    if "plugins" in parts:
        folder = "/".join(parts[parts.index("plugins") + 1 :])
        patterns = keep["plugins"].get(folder, ())
        return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)
    if parts and parts[-1] == "translations":
        return name in {n.lower() for n in keep["translations"]}
    return not any(fnmatch.fnmatch(name, pattern) for pattern in keep["drop_files"])


def trimmed_hook(hook_file: str):
    """(hiddenimports, hook) for the override at ``hook_file``."""
    upstream = Path(PyInstaller.__file__).parent / "hooks" / Path(hook_file).name
    found = runpy.run_path(str(upstream))
    binaries, datas = found.get("binaries", []), found.get("datas", [])

    def hook(hook_api) -> None:
        keep = get_hook_config(hook_api, "PySide6", "keep")
        if keep is None:
            raise SystemExit("installer.spec must set hooksconfig['PySide6']['keep']")
        for kind, entries, add in (("binary", binaries, hook_api.add_binaries), ("data", datas, hook_api.add_datas)):
            kept = [entry for entry in entries if _allowed(entry[0], entry[1], keep)]
            for source, destination in entries:
                if (source, destination) not in kept:
                    log.debug("%s: leaving out %s %s", Path(hook_file).name, kind, source)
            add(kept)

    return found.get("hiddenimports", []), hook
