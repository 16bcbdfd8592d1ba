"""The domain stays free of Qt, and heavy libraries stay off the start-up path."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(output.stdout.split())


def test_scoring_imports_no_qt() -> None:
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "scoring").rglob("*.py")
        if path.name != "__main__.py"
    ]
    loaded = _modules_after("; ".join(f"import {m}" for m in modules))
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6", "PyQt"))}


def test_scoring_sources_never_mention_qt() -> None:
    for path in (ROOT / "scoring").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text and "QtCore" not in text, path


def test_command_line_export_does_not_import_qt_or_the_office_file_libraries() -> None:
    """Only installed libraries are named: a check for a package that is not there could never fail."""
    loaded = _modules_after("from desktop_app import cli; import scoring.document, scoring.exchange.csv_table")
    assert not {"PySide6.QtWidgets", "openpyxl", "docx"} & loaded


def _test_file(module: Path) -> Path:
    """scoring/X.py -> tests/scoring/test_X.py; scoring/storage/X.py -> tests/scoring/storage/test_X.py."""
    relative = module.relative_to(ROOT)
    return ROOT / "tests" / relative.parent / f"test_{relative.name}"


def test_every_domain_module_has_its_own_test_file() -> None:
    modules = sorted(p for p in (ROOT / "scoring").rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    missing = [str(p.relative_to(ROOT)) for p in modules if not _test_file(p).is_file()]
    assert modules and not missing, f"add tests/…/test_<module>.py for {missing}"


def _project_python_files() -> list[Path]:
    """The project's own .py files: the packages, tests, benchmarks and build scripts (not build output)."""
    folders = ("scoring", "desktop_app", "tests", "benchmarks", "build")
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py") if "out" not in p.relative_to(ROOT).parts]


def test_no_python_file_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _project_python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long


def _project_modules_after(module: str) -> set[str]:
    return {m for m in _modules_after(f"import {module}") if m == "sqlite3" or m.startswith("scoring.")} - {module}


READERS = ("csv_table", "xlsx_table", "grid", "builder", "item_table")


@pytest.mark.parametrize("reader", READERS)
def test_table_readers_load_no_storage_and_no_sqlite(reader: str) -> None:
    """Reading a table needs the domain and its errors, never the period file or the database."""
    loaded = _project_modules_after(f"scoring.exchange.{reader}")
    assert not {m for m in loaded if m == "sqlite3" or m.startswith("scoring.storage")}


@pytest.mark.parametrize("module", ["edits", "structure_edits", "item_edits"])
def test_operations_load_no_storage(module: str) -> None:
    """An operation hands its writes to the writer it is given; it does not import the storage."""
    loaded = _project_modules_after(f"scoring.{module}")
    assert not {m for m in loaded if m == "sqlite3" or m.startswith("scoring.storage")}


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("scoring.errors", set()),
        ("scoring.cells", {"scoring.errors"}),
        ("scoring.model", {"scoring.errors", "scoring.cells", "scoring.items", "scoring.rules"}),
    ],
)
def test_the_base_modules_import_only_what_they_need(module: str, allowed: set[str]) -> None:
    """The errors, the cell values and the period model sit at the bottom: everything may use them."""
    assert _project_modules_after(module) <= allowed
