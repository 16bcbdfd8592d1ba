"""The item ledger at 5,000 items: recompute after one item edit, ledger filter, import.

Run: python -m benchmarks.bench_items   (prints a table; medians of repeated runs)
Targets (2-core machine): recompute after one item edit ≤ 20 ms (derive the touched units'
tallies from the items and rescore/rerank them); import of a 5,000-item table ≤ 2 s (read,
check every row, one commit). Also shown: the same edit committed to the file (fsync), opening
the period (load and derive), and filtering the ledger view by text, unit and channel.
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from benchmarks.bench_core import median_ms
from scoring.document import PeriodDocument
from scoring.exchange.item_table import item_rows, read_item_table
from scoring.item_edits import SetItems
from scoring.items import Instruction, Item, ItemAdoption
from scoring.model import Group, Period, PeriodInfo, Unit
from scoring.scheme_file import load_scheme

ROOT = Path(__file__).resolve().parent.parent
ITEMS, UNITS = 5000, 80
LEVELS = ("市领导批示", "省领导批示", "国家领导批示")



def ledger_period(items: int = ITEMS, units: int = UNITS, seed: int = 11) -> Period:
    rnd = random.Random(seed)
    period = Period(
        PeriodInfo("合成台账期间", date(2026, 1, 1), date(2026, 1, 31)),
        load_scheme(ROOT / "resources" / "schemes" / "itemwise-monthly.json"),
        [Group(1, "部门"), Group(2, "乡镇")],
        [Unit(u + 1, f"单位{u + 1:03d}", 1 + u % 2) for u in range(units)],
        ledger=True,
    )
    channels = [c.id for c in period.scheme.channels]
    for item_id in range(1, items + 1):
        writers = tuple(rnd.sample(range(1, units + 1), 1 if rnd.random() < 0.85 else 2))
        adoptions = tuple(ItemAdoption(rnd.choice(channels), rnd.random() < 0.4) for _ in range(rnd.choice((0, 0, 1, 1, 2))))
        instructions = tuple(Instruction(rnd.choice(LEVELS)) for _ in range(rnd.choice((0, 0, 0, 1))))
        on = date(2026, 1, 1) + timedelta(days=rnd.randrange(31))
        period.items[item_id] = Item(item_id, writers, f"第{item_id}条 关于推进重点工作的信息", on, adoptions, instructions)
    return period


def main() -> None:
    rows: list[tuple[str, str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.zwxx"
        PeriodDocument.create(path, ledger_period()).close()
        rows_filter = filter_rows(path)
        rows.append(("打开期间（读取并由条目计算）", f"{ITEMS} 条", median_ms(lambda: PeriodDocument.open(path, read_only=True).close(), 5), None))
        document = PeriodDocument.open(path)
        period = document.period
        item = period.items[ITEMS // 2]
        other = replace(item, adoptions=(ItemAdoption(period.scheme.channels[-1].id),))
        flip = [other, item]

        def recompute() -> None:  # what follows a committed item edit: derive, rescore, rerank
            edit = SetItems(((item.id, flip[0]),))
            effect = edit.apply(period)
            document.standings.refresh(effect.units)
            flip.reverse()

        rows.append(("改一条后重算（由条目计算并排名）", f"{ITEMS} 条", median_ms(recompute, 200), 20))
        rows.append(("改一条并写入文件（含 fsync）", f"{ITEMS} 条", median_ms(lambda: document.apply(SetItems(((item.id, flip.reverse() or flip[0]),))), 30), None))
        table = Path(folder) / "条目.csv"
        with table.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(item_rows(period))
        document.apply(SetItems.deleting(list(period.items)))

        def import_table() -> None:
            plan = read_item_table(table, document.period)
            applied = document.apply(plan.operation)
            document.apply(applied.inverse)

        rows.append(("导入条目表（读取、检查、写入）", f"{ITEMS} 条", median_ms(import_table, 3), 2000))
        document.close()
        rows += rows_filter
    print(f"{'操作':<30}{'规模':>10}{'用时':>14}{'目标':>12}")
    for name, size, ms, target in rows:
        print(f"{name:<30}{size:>10}{ms:>12.2f}ms{(f'{target:>10.0f}ms' if target else '')}")


def filter_rows(path: Path) -> list[tuple[str, str, float, float | None]]:
    """The ledger view's filter over 5,000 rows (Qt offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop_app.ledger_model import LedgerFilter, LedgerModel
    from desktop_app.session import Session

    session = Session.open(path)
    model, proxy = LedgerModel(), LedgerFilter()
    proxy.setSourceModel(model)
    model.set_session(session)
    texts = ["第12", "推进重点", "不存在的文字", ""]
    units = [3, 17, None]
    channel = session.document.period.scheme.channels[1].id
    assert model.rowCount() == ITEMS
    result = [
        ("台账筛选：查找文字", f"{ITEMS} 条", median_ms(lambda: proxy.set_filter(text=texts.append(texts.pop(0)) or texts[0]), 20), None),
        ("台账筛选：按单位", f"{ITEMS} 条", median_ms(lambda: proxy.set_filter(text="", unit_id=units.append(units.pop(0)) or units[0]), 20), None),
        ("台账筛选：按渠道", f"{ITEMS} 条", median_ms(lambda: proxy.set_filter(unit_id=None, channel_id=channel), 20), None),
    ]
    assert proxy.rowCount() < ITEMS
    model.set_session(None)
    session.close()
    del app
    return result


if __name__ == "__main__":
    main()
