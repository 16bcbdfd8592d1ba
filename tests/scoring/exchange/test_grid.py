"""Reading an attachment table from a grid of cells, laid out as offices make it."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.edits import EditError
from scoring.exchange.grid import clean, find_header, header_name, parse_grid

TABLE = [
    ["附件"],
    ["2023年上半年全市政务信息报送采用情况"],
    ["序号", "单位", "报送条目", "湖北快报采用", None, "潜江\n政务", "得分", "排名"],
    [None, None, None, "专报", "综合", None, None, None],
    ["一、市政府各部门"],
    [1, "市发改委", 32, 2, "1*", 5, 228, 1],
    [2, "市 经信局", "３０", "", 0, "", 120, 2],
    ["合计", None, 62, None, None, None, None, None],
    ["二、区、镇、街道办事处"],
    [None, None, None, "专报", "综合", None, None, None],  # the second header repeated above a section
    [1, "杨市街道", 20, 1, None, 3, 90, 1],
    ["注：1.记分办法参照考核办法统计；2.得分相同的单位以报送条目排名 统计截止时间：2023年6月30日"],
]


def test_an_attachment_table_with_a_merged_header_groups_and_notes_is_read() -> None:
    table = parse_grid(TABLE, "「附件.xlsx」")
    assert table.title == "2023年上半年全市政务信息报送采用情况"
    assert table.channels == ("湖北快报采用", "潜江政务")
    assert table.has_submitted and table.has_score and table.has_rank and not table.has_adopted
    rows = [(r.line, r.group, r.unit, r.adoptions, r.submitted, r.score, r.rank) for r in table.rows]
    assert rows == [
        (6, "一、市政府各部门", "市发改委", ("2+1*", "5"), "32", "228", "1"),
        (7, "一、市政府各部门", "市经信局", ("", ""), "30", "120", "2"),
        (11, "二、区、镇、街道办事处", "杨市街道", ("1", "3"), "20", "90", "1"),
    ]
    assert table.skipped == ["第 8 行是合计行，未导入"]
    assert table.cutoff == date(2023, 6, 30)
    assert table.notes == ["记分办法参照考核办法统计。", "得分相同的单位以报送条目排名。"]


def test_header_names_ignore_width_and_line_breaks() -> None:
    assert clean("  ５＋１＊ ") == "5+1*" and clean(None) == ""
    assert header_name("潜江\n政务 采用") == "潜江政务采用"
    assert find_header([["标题"], ["单位", "得分"]]) == 1 and find_header([["单位", "备注"]]) is None


@pytest.mark.parametrize(
    ("grid", "says"),
    [
        ([["名称", "数量"], ["甲", 1]], "找不到表头"),
        ([["单位", "得分", "得分"], ["甲", 1, 2]], "第 1 行：表头中「得分」列出现了多次"),
        ([["单位", "报送", "快报", "快报"], ["甲", 1, 2, 3]], "第 1 行：表头中「快报」列出现了多次"),
        ([["单位", "报送"], ["甲\u200b", 1]], "第 2 行的单位"),
    ],
)
def test_a_table_that_cannot_be_read_says_where(grid, says: str) -> None:
    with pytest.raises(EditError, match=says):
        parse_grid(grid, "「附件.csv」")
