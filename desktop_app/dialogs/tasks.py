"""约稿任务: each task's title, deadline, the units asked and how each answered.

The dialog edits a copy; OK applies every changed task as one undo step (one
:class:`scoring.item_edits.SetTask` per task). In ledger mode the answers become the counted
events the scheme names (约稿完成, 迟报, 未完成).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.dialogs.buttons import dialog_buttons
from desktop_app.dialogs.table_items import cell_widget, table_item
from desktop_app.dialogs.ui import ui
from desktop_app.session import Session
from scoring.errors import EditError
from scoring.item_edits import SetTask
from scoring.items import ANSWER_LABELS, Answer, Task
from scoring.storage import PeriodFileError

NO_DATE = QDate(2000, 1, 1)


class TasksDialog(QDialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.setWindowTitle("约稿任务")
        self.session = session
        period = session.document.period
        self.units = [unit for unit in period.units.values() if unit.active]
        self.tasks: dict[int, Task] = dict(period.tasks)
        self.current: int | None = None
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._select)
        add, remove = QPushButton("添加约稿"), QPushButton("删除约稿")
        add.clicked.connect(self.add_task)
        remove.clicked.connect(self.remove_task)
        self.title = QLineEdit()
        self.deadline = QDateEdit()
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setCalendarPopup(True)
        self.deadline.setMinimumDate(NO_DATE)
        self.deadline.setSpecialValueText("未定")
        self.table = QTableWidget(len(self.units), 3)
        self.table.setHorizontalHeaderLabels(["约稿单位", "完成情况", "已采用"])
        self.table.verticalHeader().hide()
        for row, unit in enumerate(self.units):
            asked = QTableWidgetItem(unit.name)
            asked.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            asked.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, asked)
            combo = QComboBox()
            for answer in Answer:
                combo.addItem(ANSWER_LABELS[answer], str(answer))
            self.table.setCellWidget(row, 1, combo)
            self.table.setCellWidget(row, 2, QCheckBox())
        self.table.resizeColumnsToContents()
        form = QFormLayout()
        form.addRow("约稿标题", self.title)
        form.addRow("截止日期", self.deadline)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(QLabel("勾选约稿的单位，填写各单位的完成情况："))
        right.addWidget(self.table)
        left = QVBoxLayout()
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        left.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        self.box = dialog_buttons(self)
        outer.addWidget(self.box)
        self._fill_list()
        self._enable_form(bool(self.tasks))
        self.resize(900, 560)

    # -- the list ---------------------------------------------------------------------------
    def _fill_list(self, select: int | None = None) -> None:
        ids = sorted(self.tasks)
        self.list.blockSignals(True)
        self.list.clear()
        for task_id in ids:
            self.list.addItem(self.tasks[task_id].title or "（未命名约稿）")
        self.list.blockSignals(False)
        self.current = None
        if ids:
            self.list.setCurrentRow(ids.index(select) if select in ids else 0)

    def _enable_form(self, enabled: bool) -> None:
        for widget in (self.title, self.deadline, self.table):
            widget.setEnabled(enabled)

    def add_task(self) -> None:
        self._store()
        task_id = max([*self.tasks, *self.session.document.period.tasks], default=0) + 1
        self.tasks[task_id] = Task(task_id, f"约稿 {task_id}", ())
        self._fill_list(task_id)
        self._enable_form(True)
        self.title.selectAll()
        self.title.setFocus()

    def remove_task(self) -> None:
        if self.current is None:
            return
        del self.tasks[self.current]
        self.current = None
        self._fill_list()
        self._enable_form(bool(self.tasks))

    def _select(self, row: int) -> None:
        self._store()
        ids = sorted(self.tasks)
        self.current = ids[row] if 0 <= row < len(ids) else None
        if self.current is not None:
            self._show(self.tasks[self.current])

    # -- one task ---------------------------------------------------------------------------
    def _show(self, task: Task) -> None:
        self.title.setText(task.title)
        self.deadline.setDate(QDate(task.deadline.year, task.deadline.month, task.deadline.day) if task.deadline else NO_DATE)
        for row, unit in enumerate(self.units):
            asked = unit.id in task.unit_ids
            table_item(self.table, row, 0).setCheckState(Qt.CheckState.Checked if asked else Qt.CheckState.Unchecked)
            answer, adopted = task.answer(unit.id) or (Answer.NONE, False)
            combo = cell_widget(self.table, row, 1, QComboBox)
            combo.setCurrentIndex(combo.findData(str(answer)))
            check = cell_widget(self.table, row, 2, QCheckBox)
            check.setChecked(adopted)

    def _store(self) -> None:
        """Put the form back into the working copy of the current task."""
        if self.current is None or self.current not in self.tasks:
            return
        asked, answers = [], []
        for row, unit in enumerate(self.units):
            if table_item(self.table, row, 0).checkState() != Qt.CheckState.Checked:
                continue
            asked.append(unit.id)
            combo = cell_widget(self.table, row, 1, QComboBox)
            check = cell_widget(self.table, row, 2, QCheckBox)
            answers.append((unit.id, Answer(combo.currentData()), check.isChecked()))
        chosen = self.deadline.date()
        deadline = None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())
        old = self.tasks[self.current]
        # units no longer shown (deactivated) keep what they had
        kept = [u for u in old.unit_ids if u not in {x.id for x in self.units}]
        kept_answers = [a for a in old.answers if a[0] in kept]
        self.tasks[self.current] = Task(
            self.current, self.title.text().strip(), tuple(kept + asked), deadline, tuple(kept_answers + answers)
        )

    def operations(self) -> list[SetTask]:
        self._store()
        before = self.session.document.period.tasks
        ids = sorted(set(before) | set(self.tasks))
        return [SetTask(task_id, self.tasks.get(task_id)) for task_id in ids if before.get(task_id) != self.tasks.get(task_id)]

    def accept(self) -> None:
        """OK: every changed task in one undo step; on a refusal say why and stay open."""
        operations = self.operations()
        if operations:
            try:
                self.session.apply(operations, "修改约稿任务")
            except EditError as error:
                ui.problems(self, "约稿任务没有保存", error.problems)
                return
            except PeriodFileError as error:
                ui.error(self, "约稿任务没有保存", str(error))
                return
        super().accept()


def edit_tasks(parent: QWidget | None, session: Session) -> TasksDialog:
    dialog = TasksDialog(parent, session)
    dialog.open()
    return dialog
