"""Scheme files (计分办法): saved and loaded unchanged, anything else refused naming the file and the field."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.edits import EditError
from scoring.scheme_file import (
    default_scheme,
    load_scheme,
    preset_schemes,
    save_scheme,
    scheme_from_dict,
    scheme_to_dict,
)


def test_every_shipped_scheme_survives_saving_and_loading(tmp_path: Path) -> None:
    presets = preset_schemes()
    assert len(presets) == 3 and all(name for name, _ in presets)
    for _name, path in presets:
        scheme = load_scheme(path)
        save_scheme(scheme, tmp_path / "copy.json")
        assert load_scheme(tmp_path / "copy.json") == scheme


def _data(**changes) -> dict:
    return {**scheme_to_dict(default_scheme()), **changes}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ([1, 2], "「甲.json」不是计分办法文件"),
        (_data(format="other"), "不是计分办法文件"),
        (_data(version=99), "由较新版本的程序保存，请升级程序后再载入"),
        (_data(submitted_points="-1"), "每报送1条的分值：「-1」不能为负数"),
        (_data(commend_count=True), "建议表扬名额必须是 0 到 1000 的整数"),
        (_data(ranking="olympic"), "内容不完整或有误"),
        (_data(channels=[{"name": "本级"}]), "内容不完整或有误"),
        (_data(rules={"classes": []}, quota={"met_points": "1"}), "设置了「定额」计分，但没有任何单位类别设置定额"),
        (_data(items={"joint": "together"}), "「合报」只能是 split"),
    ],
)
def test_a_bad_scheme_is_refused_naming_the_file_and_the_field(data, says: str) -> None:
    with pytest.raises(EditError, match=says) as raised:
        scheme_from_dict(data, "「甲.json」")
    assert raised.value.problems[0].startswith("「甲.json」")


def test_files_that_are_not_schemes_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(EditError, match="找不到文件「没有.json」"):
        load_scheme(tmp_path / "没有.json")
    for name, content in (("乱码.json", b"\xff\xfe\x00garbage"), ("半截.json", b'{"format": ')):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(EditError, match=f"「{name}」不是计分办法文件"):
            load_scheme(tmp_path / name)
    big = tmp_path / "大.json"
    big.write_text(json.dumps(_data(name="x" * 3_000_000)), encoding="utf-8")
    with pytest.raises(EditError, match="文件太大"):
        load_scheme(big)


def test_a_scheme_is_written_with_its_chinese_names_readable(tmp_path: Path) -> None:
    scheme = replace(default_scheme(), name="本单位办法", submitted_points=Decimal("0.5"))
    save_scheme(scheme, tmp_path / "办法.json")
    text = (tmp_path / "办法.json").read_text(encoding="utf-8")
    assert "本单位办法" in text and '"0.5"' in text
