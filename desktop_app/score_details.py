"""得分明细 under the grid: the selected unit's score as named parts, in the domain's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app import palette
from desktop_app.session import Session
from scoring.explain import explain

STYLE = palette.DETAILS_STYLE


class ScoreDetails(QLabel):
    """One line of text fed by :func:`scoring.explain.explain` for the unit of the current cell."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip("选中的单位的得分是怎样算出来的（按本期间的计分办法）")
        self.hide()

    def show_for(self, session: Session | None, unit_id: int | None) -> None:
        period = session.document.period if session is not None else None
        if period is None or unit_id is None or unit_id not in period.units:
            self.hide()
            return
        self.setText(f"得分明细　{period.units[unit_id].name}：{explain(period, unit_id).text}")
        self.show()
