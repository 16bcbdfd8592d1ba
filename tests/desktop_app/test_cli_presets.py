"""`python -m desktop_app import … --scheme PRESET`: the presets work from the command line."""

from __future__ import annotations

from tests.conftest import RESOURCES
from tests.desktop_app.test_cli import _rows, run

TABLE = """分组,类别,单位,区级录用（政务党建）,报送条目,采用条目,报送不及时,市领导批示
一、部门,一类,甲局,1,4,1,3,1
一、部门,二类,乙局,0,2,0,1,0
"""


def test_import_with_the_zhonglou_preset_scores_method_jia(tmp_path) -> None:
    table = tmp_path / "一季度.csv"
    table.write_text(TABLE, encoding="utf-8")
    period = tmp_path / "一季度.zwxx"
    done = run("import", table, "-o", period, "--scheme", RESOURCES / "schemes" / "zhonglou-quarterly.json")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out.csv"
    assert run("export", period, "--csv", out).returncode == 0
    rows = {r["单位"]: r for r in _rows(out)}
    assert (rows["甲局"]["得分"], rows["甲局"]["达标"], rows["甲局"]["类别"]) == ("30", "是", "一类")
    assert (rows["乙局"]["得分"], rows["乙局"]["达标"]) == ("3", "否")  # 6 − 1 late − 1 short − 1 rate
