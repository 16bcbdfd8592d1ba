"""``python -m desktop_app items``: import an item table all or nothing, switch to ledger mode, export."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.cli import run_command
from scoring.document import PeriodDocument
from tests.scoring.exchange.test_item_table import EXAMPLE
from tests.scoring.ledger_helpers import JIA, YI, create, itemwise_period


def _period(tmp_path, ledger: bool = False):
    document = create(tmp_path, itemwise_period(ledger=ledger))
    path = document.path
    document.close()
    return path


def _csv(path, rows) -> None:
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8-sig")


def test_import_switch_and_export(tmp_path, capsys) -> None:
    period = _period(tmp_path)
    table = tmp_path / "条目.csv"
    _csv(table, EXAMPLE)
    assert run_command(["items", str(period), "--import", str(table)]) == 0
    out = capsys.readouterr().out
    assert "2 条新条目" in out and "手工填写模式" in out
    assert run_command(["items", str(period), "--ledger"]) == 0
    assert "甲局：报送条目 0 → 2" in capsys.readouterr().out
    document = PeriodDocument.open(period)
    assert document.standings.score(JIA) == Decimal(27) and document.standings.score(YI) == Decimal(26)
    document.close()
    assert run_command(["items", str(period), "--import", str(table)]) == 0
    assert "已在台账中" in capsys.readouterr().out
    exported = tmp_path / "台账.xlsx"
    assert run_command(["items", str(period), "--export", str(exported)]) == 0
    assert exported.read_bytes().startswith(b"PK")


def test_a_bad_table_exits_1_naming_the_row_and_changes_nothing(tmp_path, capsys) -> None:
    period = _period(tmp_path, ledger=True)
    table = tmp_path / "条目.csv"
    _csv(table, [*EXAMPLE, ["丁局", "x", "2026-01-05", "", "", ""]])
    before = period.read_bytes()
    assert run_command(["items", str(period), "--import", str(table)]) == 1
    assert "第 6 行：单位「丁局」不存在" in capsys.readouterr().err
    assert period.read_bytes() == before
    document = PeriodDocument.open(period, read_only=True)
    assert document.period.items == {}
    document.close()


def test_wrong_command_lines_exit_2_and_outputs_over_inputs_exit_1(tmp_path, capsys) -> None:
    period = _period(tmp_path)
    assert run_command(["items", str(period)]) == 2
    assert run_command(["items", str(period), "--export", str(tmp_path / "x.pdf")]) == 2
    assert "只能导出为 .xlsx 或 .csv" in capsys.readouterr().err
    table = tmp_path / "条目.csv"
    _csv(table, EXAMPLE)
    before = table.read_bytes()
    assert run_command(["items", str(period), "--import", str(table), "--export", str(table)]) == 1
    assert "是本次要读取的文件" in capsys.readouterr().err and table.read_bytes() == before
    same = str(tmp_path / "x.xlsx")
    assert run_command(["items", str(period), "--export", same, "--adopted", same]) == 1
