"""The ledger elsewhere: items behind a cell, the adopted-items attachment, months rolled into a quarter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.cli import run_command
from scoring.document import PeriodDocument
from scoring.item_edits import SetItems
from scoring.item_outputs import adopted_item_rows, behind_text, items_behind, roll_items
from scoring.items import Item, ItemAdoption
from scoring.model import ADOPTED, SUBMITTED, EventKey
from scoring.periods import accumulate_files
from tests.scoring.ledger_helpers import BING, JIA, YI, channel, create, itemwise_period, worked_example


def test_the_items_behind_each_derived_cell(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    period = document.period
    province = channel(period, "省级采用")
    assert [i.id for i in items_behind(period, JIA, SUBMITTED)] == [1, 2]
    assert [i.id for i in items_behind(period, JIA, ADOPTED)] == [1]
    assert [i.id for i in items_behind(period, YI, province)] == [1]
    text = behind_text(period, JIA, province)
    assert "台账中的 1 条" in text and "《甲乙两局联合推进营商环境》（合报 2 家） 综合" in text
    assert "没有对应的条目" in behind_text(period, BING, SUBMITTED)
    document.close()


def test_adopted_items_attachment_lists_each_units_share(tmp_path) -> None:
    document = create(tmp_path, itemwise_period())
    document.apply(SetItems.adding(worked_example(document.period)))
    rows = adopted_item_rows(document.period)
    assert rows[0] == ["单位", "标题", "报送日期", "采用情况", "批示", "本单位得分"]
    assert rows[1] == ["甲局", "甲乙两局联合推进营商环境（合报）", "2026-01-05", "市级采用专报《潜江政务信息》第12期；省级采用综合", "市领导批示、省领导批示", "25"]
    assert [r[0] for r in rows[1:]] == ["甲局", "乙局"]  # the unadopted item B is not listed
    target = tmp_path / "清单.xlsx"
    assert run_command(["items", str(document.path), "--adopted", str(target)]) == 0
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet["A1"].value == "2026年1月各单位信息采用条目清单" and sheet["F3"].value == "25"
    document.close()


def test_months_roll_into_a_quarter_by_unit_name(tmp_path) -> None:
    months = []
    for month in (1, 2):
        folder = tmp_path / f"m{month}"
        folder.mkdir()
        document = create(folder, itemwise_period())
        city = channel(document.period, "市级采用")
        document.apply(SetItems.adding([Item(1, (JIA,), f"{month}月条目", date(2026, month, 3), (ItemAdoption(city),))]))
        months.append(document.path)
        document.close()
    summed = tmp_path / "累计.zwxx"
    assert run_command(["accumulate", *map(str, months), "-o", str(summed)]) == 0  # accumulating lists the items
    document = PeriodDocument.open(summed, read_only=True)
    assert sorted(i.title for i in document.period.items.values()) == ["1月条目", "2月条目"]
    document.close()
    quarter = tmp_path / "一季度.zwxx"
    result = accumulate_files(months)
    PeriodDocument.create(quarter, result.period).close()
    assert run_command(["items", str(quarter), "--roll", *map(str, months)]) == 0
    document = PeriodDocument.open(quarter)
    assert sorted(i.title for i in document.period.items.values()) == ["1月条目", "2月条目"]
    assert all(document.period.units[i.unit_ids[0]].name == "甲局" for i in document.period.items.values())
    document.close()
    assert run_command(["items", str(quarter), "--roll", *map(str, months)]) == 0  # again: nothing doubled
    document = PeriodDocument.open(quarter, read_only=True)
    assert len(document.period.items) == 2
    document.close()


def test_an_item_whose_unit_the_quarter_lacks_is_reported() -> None:
    month = itemwise_period()
    month.items = {1: Item(1, (BING,), "丙局条目", date(2026, 1, 2))}
    quarter = itemwise_period()
    quarter.units = {u: unit for u, unit in quarter.units.items() if u != BING}
    quarter.units[JIA] = replace(quarter.units[JIA])
    rolled = roll_items(quarter, [("1月.zwxx", month)])
    assert rolled.items == {} and rolled.missing == ["1月.zwxx《丙局条目》：累计期间中没有「丙局」，未计入"]


def test_the_word_notice_carries_the_adopted_items_as_a_second_attachment(tmp_path) -> None:
    from docx import Document

    from scoring.exchange.notice_docx import write_notice

    document = create(tmp_path, itemwise_period())
    plain = tmp_path / "无条目.docx"
    write_notice(document.period, document.standings, plain)
    texts = [p.text for p in Document(str(plain)).paragraphs]
    assert "附件2" not in texts and any(t.startswith("附件：") and "1." not in t for t in texts)
    document.apply(SetItems.adding(worked_example(document.period)))
    target = tmp_path / "通报.docx"
    write_notice(document.period, document.standings, target)
    notice = Document(str(target))
    texts = [p.text for p in notice.paragraphs]
    assert "附件1" in texts and "附件2" in texts and "　　　2. 2026年1月各单位信息采用条目清单" in texts
    listing = notice.tables[-1]
    assert [c.text for c in listing.rows[2].cells] == ["甲局", "甲乙两局联合推进营商环境（合报）", "2026-01-05", "市级采用专报《潜江政务信息》第12期；省级采用综合", "市领导批示、省领导批示", "25"]
    document.close()


def test_a_long_list_behind_a_cell_is_cut_with_the_count_and_typed_events_have_none() -> None:
    period = itemwise_period()
    period.items = {n: Item(n, (JIA,), f"动态{n}", date(2026, 1, 5)) for n in range(1, 21)}
    text = behind_text(period, JIA, SUBMITTED)
    assert text.startswith("台账中的 20 条：") and "《动态15》" in text and "《动态16》" not in text
    assert "……共 20 条" in text
    assert items_behind(period, JIA, EventKey(1)) == []
