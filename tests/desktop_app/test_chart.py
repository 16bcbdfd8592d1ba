"""The score chart (视图 → 得分图表…): one bar per unit in rank order, live, exportable as PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from desktop_app.actions import Action
from desktop_app.chart import COMMEND_BAR, CRITICISE_BAR, EXPORT_SCALE, PLAIN_BAR, chart_image, layout_chart
from desktop_app.dialogs.score_chart import ScoreChartDialog
from scoring.cells import Count
from scoring.edits import SetTally


@pytest.fixture
def chart_dialog(window, qtbot) -> ScoreChartDialog:
    window.action(Action.CHART).trigger()
    dialog = window.findChild(ScoreChartDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _unit(window, name: str) -> int:
    return next(u.id for u in window.session.document.period.units.values() if u.name == name)


def test_one_bar_per_unit_in_rank_order_coloured_like_the_grid(window, chart_dialog) -> None:
    document = window.session.document
    group = document.period.groups[0]
    bars = chart_dialog.chart.bars()
    assert [bar.unit_id for bar in bars] == document.standings.in_rank_order(group.id)
    assert (bars[0].rank, bars[0].name) == ("1", "市发改委") and bars[0].value == "228" and bars[0].tag == "表扬"
    xiaolongxia = next(bar for bar in bars if bar.unit_id == _unit(window, "市小龙虾产业发展促进中心"))
    assert xiaolongxia.fill == PLAIN_BAR and xiaolongxia.tag == ""  # excluded by a person, as in the notice
    assert [bar.fill for bar in bars].count(COMMEND_BAR) == 2
    assert [bar.fill for bar in bars].count(CRITICISE_BAR) == 5
    widths = [bar.rect.width() for bar in bars]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] / widths[1] == pytest.approx(228 / 115, rel=0.01)


def test_the_painted_picture_shows_every_bar(window, chart_dialog, qapp) -> None:
    document = window.session.document
    group = document.period.groups[1]
    layout = layout_chart(document.period, document.standings, group.id, 720)
    image = chart_image(layout, scale=1)
    assert len(layout.bars) == 23
    for bar in layout.bars:  # every bar is there, in its colour, at its place
        centre = bar.rect.center()
        assert image.pixelColor(int(centre.x()), int(centre.y())) == bar.fill
    x = int(layout.zero_x) + 3
    column = [image.pixelColor(x, y) in (COMMEND_BAR, CRITICISE_BAR, PLAIN_BAR) for y in range(image.height())]
    runs = sum(1 for y in range(1, len(column)) if column[y] and not column[y - 1])
    assert runs == 23


def test_the_chart_follows_edits_and_the_group_selector(window, chart_dialog, qtbot) -> None:
    session = window.session
    unit = _unit(window, "市住建局")
    channel = session.document.period.scheme.channels[4].id
    session.apply(SetTally(unit, channel, Count(20, 0)), "修改")
    first = chart_dialog.chart.bars()[0]
    assert first.unit_id == unit and first.fill == COMMEND_BAR
    session.undo_stack.undo()
    assert chart_dialog.chart.bars()[0].name == "市发改委"
    chart_dialog.groups.setCurrentIndex(1)
    assert len(chart_dialog.chart.bars()) == 23
    assert chart_dialog.chart.bars()[0].name == "杨市街道"
    assert chart_dialog.chart.height() >= chart_dialog.chart.bars()[-1].rect.bottom()


def test_the_chart_follows_the_window_to_another_file(window, chart_dialog, tmp_path, sample_copy) -> None:
    other = tmp_path / "另一期.zwxx"
    other.write_bytes(sample_copy.read_bytes())
    assert window.open_path(other)
    assert chart_dialog.session is window.session
    unit = _unit(window, "熊口管理区")
    window.session.apply(SetTally(unit, window.session.document.period.scheme.channels[4].id, Count(20, 0)), "修改")
    chart_dialog.groups.setCurrentIndex(1)
    assert chart_dialog.chart.bars()[0].unit_id == unit


def test_export_writes_a_print_resolution_png(window, chart_dialog, tmp_path, save_answers) -> None:
    chosen = tmp_path / "图表"
    save_answers.append(chosen)
    chart_dialog.export_png()
    written = Path(str(chosen) + ".png")
    assert written.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(written))
    document = window.session.document
    layout = layout_chart(document.period, document.standings, document.period.groups[0].id, 720)
    assert (image.width(), image.height()) == (
        round(layout.size.width() * EXPORT_SCALE),
        round(layout.size.height() * EXPORT_SCALE),
    )
    assert image.width() == 1800
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert image.pixelColor(5, 5) == QColor("white")
    assert "已导出图表图片" in window.export_notice.text() and window.export_notice.isVisible()


def test_export_failure_is_explained(window, chart_dialog, tmp_path, save_answers, messages, disk_full) -> None:
    blocker = tmp_path / "文件"
    blocker.write_text("x", encoding="utf-8")
    save_answers.extend([blocker / "图.png", tmp_path / "图"])
    before = sorted(tmp_path.rglob("*"))
    chart_dialog.export_png()
    assert messages == [
        ("导出图表图片", "「文件」不是文件夹，不能在其中保存「图.png」。请另选位置。"),
        ("导出图片失败", "磁盘空间不足，无法写入「图.png」。请清理磁盘或另选一个位置后重试（原有文件没有改变）"),
    ]
    assert sorted(tmp_path.rglob("*")) == before


def test_cancelled_export_writes_nothing(window, chart_dialog, tmp_path, save_answers) -> None:
    before = set(tmp_path.rglob("*"))
    chart_dialog.export_png()
    assert set(tmp_path.rglob("*")) == before


def test_deductions_below_zero_draw_left_of_the_axis(qapp) -> None:
    from decimal import Decimal

    from scoring.model import Adjustment, Channel, Group, Period, PeriodInfo, Scheme, Unit
    from scoring.standings import Standings

    scheme = Scheme((Channel(1, "国办采用", Decimal(10), Decimal(5)),), commend_count=1, criticise_count=1)
    period = Period(PeriodInfo("2024年1月"), scheme, [Group(1, "各单位")], [Unit(1, "甲", 1), Unit(2, "乙", 1)])
    period.adjustments[2] = (Adjustment(Decimal(-15), "约稿未报送"),)
    period.adjustments[1] = (Adjustment(Decimal(30), "校准"),)
    layout = layout_chart(period, Standings(period), 1, 600)
    first, second = layout.bars
    assert (first.name, first.value, second.name, second.value) == ("甲", "30", "乙", "-15")
    assert first.rect.left() == pytest.approx(layout.zero_x) and second.rect.right() == pytest.approx(layout.zero_x)
    assert first.rect.width() == pytest.approx(2 * second.rect.width())
    assert [text for _, text in layout.ticks][0] == "-20"
