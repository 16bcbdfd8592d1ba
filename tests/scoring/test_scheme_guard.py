"""Scheme files from outside: deep nesting, huge numbers and bad names are refused in Chinese."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.edits import EditError
from scoring.resources import DEFAULT_SCHEME, resource_path
from scoring.scheme_file import load_scheme, save_scheme


def _example() -> dict:
    return json.loads(resource_path(DEFAULT_SCHEME).read_text(encoding="utf-8-sig"))


def _file(tmp_path, text: str, name: str = "办法.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("depth", [25, 100_000])
def test_deeply_nested_json_is_refused_before_parsing(tmp_path, depth) -> None:
    path = _file(tmp_path, "[" * depth + "]" * depth)
    with pytest.raises(EditError, match="「办法.json」的内容嵌套超过 20 层"):
        load_scheme(path)


def test_deep_nesting_inside_a_field_of_a_real_scheme_is_refused(tmp_path) -> None:
    data = _example()
    text = json.dumps(data, ensure_ascii=False).replace('"name"', '"extra": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_000 + ', "name"', 1)
    with pytest.raises(EditError, match="嵌套超过"):
        load_scheme(_file(tmp_path, text))


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path) -> None:
    data = _example()
    data["name"] = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[【示例】\\\"{{{{{{{{{{{{{{{{{{{{{{{{{{"
    assert load_scheme(_file(tmp_path, json.dumps(data, ensure_ascii=False))).name == data["name"]


def test_a_number_too_long_to_convert_is_refused(tmp_path) -> None:
    data = _example()
    text = json.dumps(data).replace('"commend_count": 3', '"commend_count": ' + "9" * 5000)
    assert "9" * 5000 in text
    with pytest.raises(EditError, match="不是计分办法文件"):
        load_scheme(_file(tmp_path, text))


def test_channel_and_scheme_names_follow_the_names_rule(tmp_path) -> None:
    data = _example()
    data["channels"][1]["name"] = "国办\x0b采用"
    data["name"] = "办法\u202e"
    with pytest.raises(EditError) as caught:
        load_scheme(_file(tmp_path, json.dumps(data, ensure_ascii=False)))
    assert caught.value.problems == [
        "「办法.json」中的计分办法名称「办法□」含有不可见的格式字符（U+202E），请删除后重新输入",
        "「办法.json」中第 2 个采用渠道「国办□采用」含有控制字符（U+000B），请删除后重新输入",
    ]


def test_a_saved_scheme_loads_back(tmp_path) -> None:
    scheme = load_scheme(resource_path(DEFAULT_SCHEME))
    save_scheme(scheme, tmp_path / "副本.json")
    assert load_scheme(tmp_path / "副本.json") == scheme


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=30))
def test_any_json_is_loaded_or_refused_with_a_message(tmp_path_factory, value) -> None:
    path = tmp_path_factory.mktemp("s") / "任意.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    try:
        load_scheme(path)
    except EditError as error:
        assert error.problems and all("「任意.json」" in p for p in error.problems)


def test_a_scheme_with_thousands_of_channels_is_refused_naming_the_limit(tmp_path) -> None:
    """Thousands of channels make a grid and a PDF of thousands of columns."""
    data = _example()
    data["channels"] = [{"name": f"渠道{i}", "dedicated_points": "1"} for i in range(5000)]
    with pytest.raises(EditError, match="有 5000 个采用渠道，超过 64 个的上限"):
        load_scheme(_file(tmp_path, json.dumps(data, ensure_ascii=False)))
