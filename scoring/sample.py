"""The sample period shipped with the program: the seed notice's first half of 2023.

Built by importing the seed attachment table, then recording what the notice itself decided:
the period's dates and notes, five criticised departments, and the two exclusions the notice
makes (the rank-3 unit not commended for too few valid items; one of the two units tied at
rank 29 not criticised). ``python -m scoring.sample`` rewrites ``resources/sample-2023H1.zwxx``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from scoring.exchange.builder import build_period
from scoring.exchange.csv_table import read_csv
from scoring.model import ListKind, Override, Period, PeriodInfo
from scoring.resources import SAMPLE_PERIOD, SEED_TABLE, resource_path
from scoring.scheme_file import default_scheme

TITLE = "2023年上半年"
NOTES = (
    "记分办法参照《关于印发潜江市政务信息工作考核办法(试行)的通知》(潜政办发〔2022〕10号)统计汇总；"
    "采用得分中，未标注“*”的为以专报计分报送采用，标注“*”为以综合计分报送采用。",
    "得分相同的单位，以报送条目的数量依次先后排名。",
)
# (group name, commendation places, criticism places) as the notice applied them
LIST_SIZES = {"一、市政府各部门": (3, 5), "二、区、镇、街道办事处": (3, 3)}
OVERRIDES = {
    ("市小龙虾产业发展促进中心", ListKind.COMMEND): Override(
        False, "报送有效信息条目偏少，虽得分排名靠前，本次不予通报表扬"
    ),
    ("市公共检验检测中心", ListKind.CRITICISE): Override(False, "与市卫健委得分和报送条目均相同，并列第29名"),
}


def build_sample(seed_table: str | os.PathLike[str] | None = None) -> Period:
    table = read_csv(seed_table or resource_path(SEED_TABLE))
    period = build_period(table, default_scheme(), TITLE).period
    period.info = PeriodInfo(TITLE, date(2023, 1, 1), date(2023, 6, 30), date(2023, 6, 30), NOTES)
    period.groups = [
        replace(g, commend_count=LIST_SIZES[g.name][0], criticise_count=LIST_SIZES[g.name][1]) for g in period.groups
    ]
    by_name = {unit.name: unit.id for unit in period.units.values()}
    for (name, kind), override in OVERRIDES.items():
        period.overrides[(by_name[name], kind)] = override
    return period


def write_sample(target: str | os.PathLike[str] | None = None) -> Path:
    from scoring.storage import PeriodFile

    target = Path(target or resource_path(SAMPLE_PERIOD))
    PeriodFile.create(target, build_sample()).close()
    return target


if __name__ == "__main__":
    print(f"已生成示例期间：{write_sample()}")
