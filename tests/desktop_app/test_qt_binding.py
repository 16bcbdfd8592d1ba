"""Guards against known defects of the Qt binding that would crash the program in use."""

import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt


class _EmptyModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 3

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 on: its reference count never drops, so the defect cannot be seen",
)
def test_empty_variants_do_not_lose_references_to_none() -> None:
    """PySide6 6.12.0 drops a reference to None per empty QVariant returned to Python; the
    grid's delegate asks for such roles on every paint, so the program would abort."""
    model = _EmptyModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.UserRole + 7)
    assert sys.getrefcount(None) >= before - 10
