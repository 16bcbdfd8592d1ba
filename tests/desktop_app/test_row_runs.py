"""The blocks of rows a table model repaints or removes with one signal each."""

from desktop_app.row_runs import row_runs


def test_consecutive_rows_make_one_run() -> None:
    assert row_runs([]) == []
    assert row_runs([1, 2, 3, 7, 9, 10]) == [[1, 2, 3], [7], [9, 10]]
    assert row_runs(iter([4])) == [[4]]
