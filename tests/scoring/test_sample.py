"""The sample period shipped with the program: the seed notice's first half of 2023 and its decisions."""

from pathlib import Path

from scoring.document import PeriodDocument
from scoring.model import ListKind
from scoring.sample import build_sample, write_sample
from scoring.standings import Standings
from tests.conftest import SAMPLE_PERIOD


def test_sample_period_carries_the_notices_decisions() -> None:
    period = build_sample()
    standings = Standings(period)
    names = lambda ids: {period.units[u].name for u in ids}  # noqa: E731
    assert names(standings.listed(ListKind.COMMEND)) == {"市发改委", "市经信局", "杨市街道", "泰丰街道", "王场镇"}
    assert names(standings.listed(ListKind.CRITICISE)) == {
        "市卫健委", "市应急管理局", "市乡村振兴局", "市统计局", "市退役军人事务局",
        "广华寺街道", "周矶管理区", "熊口管理区",
    }
    assert "市小龙虾产业发展促进中心" in names(standings.suggested(ListKind.COMMEND))
    assert "市公共检验检测中心" in names(standings.suggested(ListKind.CRITICISE))


def test_shipped_sample_file_matches_what_the_import_builds(tmp_path) -> None:
    shipped = PeriodDocument.open(SAMPLE_PERIOD, read_only=True)
    rebuilt = build_sample()
    try:
        assert shipped.period.info == rebuilt.info
        assert shipped.period.scheme == rebuilt.scheme
        assert shipped.period.overrides == rebuilt.overrides
        assert {u: t for u, t in shipped.period.tallies.items()} == rebuilt.tallies
        assert shipped.period.adjustments == rebuilt.adjustments
    finally:
        shipped.close()


def test_the_sample_is_written_as_a_period_file_that_opens_with_the_notices_lists(tmp_path: Path) -> None:
    written = write_sample(tmp_path / "示例.zwxx")
    document = PeriodDocument.open(written, read_only=True)
    try:
        assert document.period.info.title == "2023年上半年"
        assert len(document.period.units) == 57
        assert document.standings.listed(ListKind.COMMEND) == Standings(build_sample()).listed(ListKind.COMMEND)
    finally:
        document.close()
