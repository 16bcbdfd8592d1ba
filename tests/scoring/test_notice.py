"""The sentences of a notice (通报) that follow from the period's lists and overrides."""

from __future__ import annotations

from dataclasses import replace

from scoring.model import ListKind, Override
from scoring.notice import basic_situation, lists_sentence, notice_title, special_note
from scoring.sample import build_sample
from scoring.standings import Standings


def test_the_seed_notices_sentences_come_out_of_the_sample_period() -> None:
    period = build_sample()
    standings = Standings(period)
    assert notice_title(period) == "关于2023年上半年政务信息报送及采用情况的通报"
    assert lists_sentence(period, standings).startswith("对市发改委、市经信局；杨市街道、泰丰街道、王场镇予以通报表扬，对信息工作靠后的")
    assert basic_situation(period, standings).startswith("现对全市各地各部门2023年上半年政务信息报送和采用情况进行汇总（见附件）。经研究，决定对")
    note = special_note(period, standings)
    assert note.startswith("特别说明，市小龙虾产业发展促进中心（第3名）报送有效信息条目偏少，虽得分排名靠前，本次不予通报表扬")
    assert note.endswith("。") and "；市公共检验检测中心（第29名）本次不予通报批评，原因是与市卫健委" in note


def _with_list_sizes(commend: int, criticise: int):
    period = build_sample()
    period.overrides.clear()
    period.groups = [replace(g, commend_count=commend, criticise_count=criticise) for g in period.groups]
    return period, Standings(period)


def test_only_the_lists_that_have_units_are_named() -> None:
    period, standings = _with_list_sizes(1, 0)
    assert lists_sentence(period, standings) == "对市发改委；杨市街道予以通报表扬。"
    period, standings = _with_list_sizes(0, 1)
    assert lists_sentence(period, standings).startswith("对信息工作靠后的") and "表扬" not in lists_sentence(period, standings)


def test_with_nobody_on_either_list_the_notice_says_so_and_has_no_special_note() -> None:
    period, standings = _with_list_sizes(0, 0)
    assert lists_sentence(period, standings) == ""
    assert basic_situation(period, standings).endswith("本次不作通报表扬和通报批评。")
    assert special_note(period, standings) == ""


def test_a_unit_put_on_a_list_by_hand_is_explained_with_its_reason() -> None:
    period, _ = _with_list_sizes(0, 0)
    unit_id = next(u.id for u in period.units.values() if u.name == "市统计局")
    period.overrides[(unit_id, ListKind.CRITICISE)] = Override(True, "多次迟报。")
    standings = Standings(period)
    assert special_note(period, standings).startswith("特别说明，市统计局（第")
    assert special_note(period, standings).endswith("名）本次予以通报批评，原因是多次迟报。")
