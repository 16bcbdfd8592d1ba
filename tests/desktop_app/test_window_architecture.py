"""Rules of the window's code, checked on the source: one seam for boxes and choosers, one palette,
no attribute hiding Qt API, no menu slot hidden in a string, no function over 60 lines.

Each rule is a function listing its violations; each is shown to find a planted violation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

APP = ROOT / "desktop_app"
MAX_FUNCTION_LINES = 60
SEAM = APP / "dialogs" / "ui.py"
PALETTE = APP / "palette.py"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
NAMED_COLOURS = {"white", "black", "red", "green", "blue", "yellow", "gray", "grey", "darkgray", "lightgray"}
QT_VIRTUALS = {"data", "flags", "event", "accept", "reject", "done", "paint", "redo", "undo"}


def _sources(folder: Path = APP) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def boxes_outside_the_seam(files: list[Path]) -> list[str]:
    """QMessageBox and QFileDialog only in desktop_app/dialogs/ui.py."""
    return [f"{path.name}:{number}" for path in files if path != SEAM
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQ(MessageBox|FileDialog)\b", line)]


def colours_outside_the_palette(files: list[Path]) -> list[str]:
    """No colour literal (#rrggbb, #rgb, QColor("white"), QColor(r, g, b)) outside desktop_app/palette.py."""
    found = []
    for path in files:
        if path == PALETTE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and COLOUR.search(node.value):
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QColor" and node.args
                  and all(isinstance(a, ast.Constant) for a in node.args)):
                found.append(f"{path.name}:{node.lineno} QColor literal")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() in NAMED_COLOURS:
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
    return found


def long_functions(files: list[Path]) -> list[str]:
    return [f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for path in files for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def hidden_imports(files: list[Path]) -> list[str]:
    """Modules named in strings (importlib) hide references from every tool; only the self-test,
    which checks that the frozen program holds its modules, may do it."""
    return [path.name for path in files if path.name != "selftest.py" and "importlib" in path.read_text(encoding="utf-8")]


def _qt_class(name: str):
    from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

    return next((getattr(m, name) for m in (QtWidgets, QtGui, QtCore, QtPrintSupport) if hasattr(m, name)), None)


def shadowed_qt_api(files: list[Path]) -> list[str]:
    """An attribute or plain method of a Qt subclass must not hide the Qt API of that name
    (``self.actions = …`` hides QWidget.actions(), ``self.result`` QDialog.result())."""
    trees = [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in files]
    bases: dict[str, type] = {}
    for _ in range(3):  # subclasses of the project's own Qt subclasses
        for _path, tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for base in node.bases:
                        name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
                        qt = (_qt_class(name) or bases.get(name)) if name else None
                        if qt is not None:
                            bases[node.name] = qt
    found = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef) or node.name not in bases:
                continue
            qt = bases[node.name]
            for inner in ast.walk(node):
                targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target] \
                    if isinstance(inner, ast.AnnAssign) else []
                for target in targets:
                    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                            and target.value.id == "self" and hasattr(qt, target.attr)):
                        found.append(f"{path.name}: {node.name}.{target.attr}")
            for inner in node.body:
                if (isinstance(inner, ast.FunctionDef) and inner.name.islower() and hasattr(qt, inner.name)
                        and inner.name not in QT_VIRTUALS and not inner.name.startswith("_")):
                    found.append(f"{path.name}: {node.name}.{inner.name}()")
    return sorted(set(found))


RULES = {
    "seam": (boxes_outside_the_seam, "from PySide6.QtWidgets import QMessageBox\nQMessageBox.warning(None, 'a', 'b')\n"),
    "palette": (colours_outside_the_palette, "STYLE = 'color:#a12020;'\n"),
    "length": (long_functions, "def f():\n" + "    x = 1\n" * 61),
    "imports": (hidden_imports, "import importlib\nimportlib.import_module('desktop_app.chart')\n"),
    "shadowing": (shadowed_qt_api, "from PySide6.QtWidgets import QDialog\nclass D(QDialog):\n"
                                   "    def __init__(self):\n        self.result = None\n"),
}


@pytest.mark.parametrize("rule", RULES)
def test_the_window_code_keeps_the_rule(rule: str) -> None:
    check, _planted = RULES[rule]
    assert check(_sources()) == []


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_finds_a_planted_violation(rule: str, tmp_path: Path) -> None:
    check, planted = RULES[rule]
    bad = tmp_path / "planted.py"
    bad.write_text(planted, encoding="utf-8")
    assert check([bad])
