"""The notice draft, read back with python-docx as Word would show it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Pt

from scoring.atomic import OutputError
from scoring.cells import Count
from scoring.document import PeriodDocument
from scoring.edits import SetOverride
from scoring.exchange.notice_docx import write_notice
from scoring.model import Channel, Group, ListKind, Override, Period, PeriodInfo, Scheme, Tally, Unit
from scoring.standings import Standings

# The sentence of the published notice (seed), with its "经市政府同意，现" left out.
SEED_LISTS = (
    "对市发改委、市经信局；杨市街道、泰丰街道、王场镇予以通报表扬，对信息工作靠后的市卫健委、"
    "市应急管理局、市乡村振兴局、市统计局、市退役军人事务局；广华寺街道、周矶管理区、熊口管理区予以通报批评。"
)


@pytest.fixture
def sample(sample_copy: Path):
    document = PeriodDocument.open(sample_copy)
    yield document
    document.close()


def _write(document_or_period, tmp_path: Path, standings: Standings | None = None) -> docx.document.Document:
    target = tmp_path / "通报.docx"
    if standings is None:
        write_notice(document_or_period.period, document_or_period.standings, target)
    else:
        write_notice(document_or_period, standings, target)
    return docx.Document(str(target))


def _texts(notice) -> list[str]:
    return [p.text for p in notice.paragraphs]


def _paragraph_with(notice, text: str):
    return next(p for p in notice.paragraphs if text in p.text)


def _mm(*lengths) -> tuple[float, ...]:
    """Lengths in millimetres (Word stores twentieths of a point)."""
    return tuple(round(length.mm, 1) for length in lengths)


def _between(text: str, start: str, end: str) -> list[list[str]]:
    part = text[text.index(start) + len(start) : text.index(end, text.index(start))]
    return [group.split("、") for group in part.split("；")]


def _listed(document, kind: ListKind) -> list[list[str]]:
    period, standings = document.period, document.standings
    groups = [[period.units[u].name for u in standings.in_rank_order(g.id) if standings.is_listed(u, kind)]
              for g in period.groups]
    return [names for names in groups if names]


def test_title_and_the_seed_notices_decisions(sample, tmp_path) -> None:
    notice = _write(sample, tmp_path)
    assert notice.paragraphs[0].text.replace("\n", "") == "关于2023年上半年政务信息报送及采用情况的通报"
    situation = _paragraph_with(notice, "予以通报表扬").text
    assert SEED_LISTS in situation
    assert _between(situation, "决定对", "予以通报表扬") == _listed(sample, ListKind.COMMEND)
    assert _between(situation, "靠后的", "予以通报批评") == _listed(sample, ListKind.CRITICISE)


def test_special_note_names_every_excluded_unit_with_its_reason(sample, tmp_path) -> None:
    period = sample.period
    situation = _paragraph_with(_write(sample, tmp_path), "特别说明").text
    excluded = [
        (unit_id, kind)
        for kind in ListKind
        for unit_id in sample.standings.suggested(kind) - sample.standings.listed(kind)
    ]
    assert len(excluded) == 2
    for unit_id, kind in excluded:
        name = period.units[unit_id].name
        reason = period.overrides[(unit_id, kind)].reason
        assert name in situation and reason in situation
    assert "市小龙虾产业发展促进中心（第3名）报送有效信息条目偏少，虽得分排名靠前，本次不予通报表扬" in situation
    assert "市公共检验检测中心（第29名）本次不予通报批评，原因是与市卫健委得分和报送条目均相同，并列第29名" in situation


def test_a_unit_put_on_a_list_by_a_person_is_named_with_the_reason(sample, tmp_path) -> None:
    period = sample.period
    unit_id = next(u.id for u in period.units.values() if u.name == "老新镇")
    sample.apply(SetOverride(unit_id, ListKind.COMMEND, Override(True, "约稿任务完成出色")))
    situation = _paragraph_with(_write(sample, tmp_path), "特别说明").text
    assert "杨市街道、泰丰街道、王场镇、老新镇予以通报表扬" in situation
    assert "老新镇（第4名）本次予以通报表扬，原因是约稿任务完成出色" in situation


def test_the_parts_the_clerk_writes_are_marked(sample, tmp_path) -> None:
    notice = _write(sample, tmp_path)
    texts = _texts(notice)
    for heading in ("一、基本情况", "二、当前存在的问题", "三、下阶段工作要求"):
        paragraph = _paragraph_with(notice, heading)
        assert paragraph.style.name == "Heading 1"
    for part in ("二、当前存在的问题", "三、下阶段工作要求"):
        after = texts[texts.index(part) + 1 : texts.index(part) + 3]
        assert all("【" in text and "】" in text for text in after)
    assert "附件：2023年上半年政务信息报送及采用情况" in texts


def test_attachment_table_has_every_unit_in_rank_order(sample, tmp_path) -> None:
    notice = _write(sample, tmp_path)
    period, standings = sample.period, sample.standings
    assert len(notice.tables) == len(period.groups)
    channels = [c.name for c in period.scheme.channels]
    for table, group in zip(notice.tables, period.groups, strict=True):
        assert table.rows[0].cells[0].text == group.name
        assert [c.text for c in table.rows[1].cells] == ["单位", *channels, "报送条目", "采用条目", "得分", "排名"]
        order = standings.in_rank_order(group.id)
        body = table.rows[2:]
        assert [row.cells[0].text for row in body] == [period.units[u].name for u in order]
        assert [row.cells[-1].text for row in body] == [str(standings.rank(u)) for u in order]
        for row in table.rows[:2]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in body)
    first = notice.tables[0].rows[2]
    assert [c.text for c in first.cells] == ["市发改委", "1", "0", "5+1*", "1", "5", "1", "15", "11", "228", "1"]
    texts = _texts(notice)
    assert texts.index("附件") > texts.index("附件：2023年上半年政务信息报送及采用情况")
    assert any(t.startswith("注：1.记分办法参照") for t in texts)
    assert "统计截止日期为2023年6月30日" in texts


def test_page_setup_and_type_follow_gbt_9704(sample, tmp_path) -> None:
    notice = _write(sample, tmp_path)
    letter, attachment = notice.sections
    for section in (letter, attachment):
        assert _mm(section.page_width, section.page_height) == (210, 297)
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert _mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (37, 35, 28, 26)
    assert attachment.start_type == WD_SECTION.NEW_PAGE
    styles = notice.styles

    def east_asia(style_name: str) -> str:
        return styles[style_name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    title = notice.paragraphs[0]
    assert east_asia(title.style.name) == "方正小标宋简体" and title.style.font.size == Pt(22)
    assert title.alignment is None and title.style.paragraph_format.alignment == 1  # centred
    body = _paragraph_with(notice, "予以通报表扬").style
    assert east_asia(body.name) == "仿宋_GB2312" and body.font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert Pt(28) <= body.paragraph_format.line_spacing <= Pt(29)
    assert east_asia("Heading 1") == "黑体" and styles["Heading 1"].font.size == Pt(16)
    assert east_asia("Heading 2") == "楷体_GB2312"
    assert _paragraph_with(notice, "（一）").style.name == "Heading 2"


def _wide_period(channel_count: int, commend: int, criticise: int) -> Period:
    channels = tuple(Channel(i, f"渠道{i}", Decimal(10), Decimal(5)) for i in range(1, channel_count + 1))
    scheme = Scheme(channels, submitted_points=Decimal(1), commend_count=commend, criticise_count=criticise)
    units = [Unit(i, f"单位{i}", 1) for i in range(1, 6)]
    tallies = {i: Tally(submitted=i, adopted=1, adoptions={1: Count(i, 1)}) for i in range(1, 6)}
    info = PeriodInfo("2024年1月", cutoff=date(2024, 1, 31))
    return Period(info, scheme, [Group(1, "一、各单位")], units, tallies)


def test_a_wide_table_gets_a_landscape_attachment(tmp_path) -> None:
    period = _wide_period(9, 1, 1)
    notice = _write(period, tmp_path, Standings(period))
    letter, attachment = notice.sections
    assert letter.orientation == WD_ORIENT.PORTRAIT
    assert attachment.orientation == WD_ORIENT.LANDSCAPE
    assert _mm(attachment.page_width, attachment.page_height) == (297, 210)
    widths = [column.width for column in notice.tables[0].columns]
    assert sum(widths) <= attachment.page_width - attachment.left_margin - attachment.right_margin
    assert [row.cells[0].text for row in notice.tables[0].rows[2:]] == ["单位5", "单位4", "单位3", "单位2", "单位1"]
    situation = _paragraph_with(notice, "汇总（见附件）").text
    assert "决定对单位5予以通报表扬，对信息工作靠后的单位1予以通报批评。" in situation
    assert "特别说明" not in situation


def test_no_lists_at_all_says_so(tmp_path) -> None:
    period = _wide_period(2, 0, 0)
    notice = _write(period, tmp_path, Standings(period))
    assert "本次不作通报表扬和通报批评。" in _paragraph_with(notice, "汇总（见附件）").text


def test_output_is_replaced_in_one_step_and_failures_say_where(sample, tmp_path) -> None:
    target = tmp_path / "通报.docx"
    target.write_bytes(b"old")
    write_notice(sample.period, sample.standings, target)
    assert target.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["通报.docx", "2023年上半年.zwxx"])
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="不是文件夹"):
        write_notice(sample.period, sample.standings, blocker / "通报.docx")


def _period_saved_before_the_name_rule() -> Period:
    """Control characters, a zero-width space and a lone surrogate, as a file made before the rule may hold."""
    period = _wide_period(2, 1, 1)
    period.units[1] = Unit(1, "单位\x0b一", 1)
    period.units[2] = Unit(2, "单位\x01二\ud800", 1)
    period.groups[0] = Group(1, "一、各\x0c单位")
    period.info = PeriodInfo("2024年\x021月", cutoff=date(2024, 1, 31), notes=("注\x1f意。",))
    period.overrides[(1, ListKind.CRITICISE)] = Override(False, "理由\x0b含有\x00控制字符")
    return period


def test_names_and_reasons_with_control_characters_do_not_stop_the_draft(tmp_path) -> None:
    period = _period_saved_before_the_name_rule()
    notice = _write(period, tmp_path, Standings(period))
    text = "\n".join(_texts(notice))
    assert "2024年1月" in text and "理由 含有控制字符" in text and "注意。" in text
    units = {row.cells[0].text for row in notice.tables[0].rows[2:]}
    assert {"单位 一", "单位二"} <= units
    assert notice.tables[0].rows[0].cells[0].text == "一、各 单位"
