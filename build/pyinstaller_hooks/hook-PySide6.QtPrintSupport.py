# Overrides PyInstaller's hook of the same name: see _qt_trim.py.
import importlib.util
import os

_spec = importlib.util.spec_from_file_location("_qt_trim", os.path.join(os.path.dirname(__file__), "_qt_trim.py"))
_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_trim)
hiddenimports, hook = _trim.trimmed_hook(__file__)
