"""Former names (曾用名) read back from the audit log."""

from __future__ import annotations

from scoring.unit_history import describe_former_names, former_names


def test_former_names_follow_renames_back_to_when_the_unit_was_added() -> None:
    log = [
        ("2023-01-01T09:00:00", "张三", "unit.add", "市农业局", None, "一组"),
        ("2023-02-01T09:00:00", "张三", "unit.rename", "市农业局", "市农业局", "市农业农村局"),
        ("2023-02-01T09:00:00", "张三", "unit.rename", "市林业局", "市林业局", "市农业局"),  # name reused
        ("2023-03-01T09:00:00", "李四", "tally.set", "市农业农村局／报送条目", "1", "2"),
        ("2023-04-01T09:00:00", "李四", "unit.rename", "市农业农村局", "市农业农村局", "市农业农村和水产局"),
    ]
    assert [n.name for n in former_names(log, "市农业农村和水产局")] == ["市农业农村局", "市农业局"]
    assert former_names(log, "市农业农村和水产局")[0].user == "李四"
    assert [n.name for n in former_names(log, "市农业局")] == ["市林业局"]
    assert former_names(log, "市林业局") == []


def test_former_names_are_described_with_the_day_of_each_rename() -> None:
    log = [
        ("2024-03-05T10:00:00", "张三", "unit.rename", "市农业局", "市农业局", "市农业农村局"),
        ("2024-07-01T08:30:00", "张三", "unit.rename", "市农业农村局", "市农业农村局", "市农业农村和水产局"),
    ]
    described = describe_former_names(former_names(log, "市农业农村和水产局"))
    assert described == "市农业农村局（2024-07-01 改名）、市农业局（2024-03-05 改名）"
    assert describe_former_names([]) == ""
