"""约稿 tasks and ledger items are stored in the period file and come back as they were."""

from __future__ import annotations

from datetime import date

from scoring.document import PeriodDocument
from scoring.item_edits import SetTask
from scoring.items import Answer, Task
from tests.scoring.ledger_helpers import BING, JIA, YI, create, itemwise_period, worked_example


def test_a_new_period_file_holds_the_tasks_and_items_it_was_created_with(tmp_path) -> None:
    period = itemwise_period()
    period.items = {item.id: item for item in worked_example(period)}
    task = Task(7, "一季度经济运行", (JIA, YI), date(2026, 1, 20), ((JIA, Answer.ON_TIME, True), (YI, Answer.NONE, False)))
    period.tasks = {7: task}
    create(tmp_path, period).close()
    reopened = PeriodDocument.open(tmp_path / "2026年1月.zwxx", read_only=True)
    assert reopened.period.tasks == {7: task}
    assert reopened.period.items == period.items
    assert reopened.period.ledger
    reopened.close()


def test_a_deleted_task_stays_deleted_and_undo_brings_it_back(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    task = Task(1, "半年总结", (BING,), date(2026, 6, 30), ((BING, Answer.NONE, False),))
    document.apply(SetTask(1, task))
    applied = document.apply(SetTask(1, None))
    reopened = PeriodDocument.open(document.path, read_only=True)
    assert reopened.period.tasks == {}
    reopened.close()
    document.apply(applied.inverse)
    document.close()
    reopened = PeriodDocument.open(tmp_path / "2026年1月.zwxx", read_only=True)
    assert reopened.period.tasks == {1: task}
    reopened.close()
