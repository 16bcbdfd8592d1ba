"""How long the notice draft and the score chart take, for the sample and for a large period.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_notice_chart.py

Prints one row per case: writing the .docx, laying out and painting the chart of the largest
group (what every edit costs while the chart is open), and exporting it as a 300 dpi picture.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.chart import chart_image, layout_chart, paint_chart  # noqa: E402
from scoring.cells import Count  # noqa: E402
from scoring.document import PeriodDocument  # noqa: E402
from scoring.exchange.notice_docx import write_notice  # noqa: E402
from scoring.model import Group, Period, PeriodInfo, Tally, Unit  # noqa: E402
from scoring.resources import SAMPLE_PERIOD, resource_path  # noqa: E402
from scoring.scheme_file import default_scheme  # noqa: E402
from scoring.standings import Standings  # noqa: E402


def _best(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def _large(units_per_group: int, groups: int) -> Period:
    scheme = default_scheme()
    units, tallies = [], {}
    for number in range(units_per_group * groups):
        unit_id = number + 1
        units.append(Unit(unit_id, f"测试单位{unit_id:04d}", number % groups + 1))
        count = Count(number % 7, number % 3)
        tallies[unit_id] = Tally(submitted=number % 40, adopted=number % 9, adoptions={scheme.channels[2].id: count})
    group_list = [Group(g + 1, f"第{g + 1}组") for g in range(groups)]
    return Period(PeriodInfo("2024年全年"), scheme, group_list, units, tallies)


def main() -> None:
    QApplication.instance() or QApplication(sys.argv)
    sample = PeriodDocument.open(resource_path(SAMPLE_PERIOD), read_only=True, why="测量")
    cases = [("示例 57 个单位", sample.period, sample.standings)]
    for per_group, groups in ((150, 2), (500, 2)):
        period = _large(per_group, groups)
        cases.append((f"{per_group * groups} 个单位", period, Standings(period)))
    print(f"{'期间':<14}{'生成通报 .docx':>16}{'图表布局+绘制':>16}{'导出 PNG':>12}")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "通报.docx"
        for name, period, standings in cases:
            group = max(period.groups, key=lambda g: len(standings.in_rank_order(g.id)))
            docx_ms = _best(lambda p=period, s=standings: write_notice(p, s, target), 3)

            def draw(p=period, s=standings, g=group.id) -> None:
                layout = layout_chart(p, s, g, 760)
                image = QImage(layout.size, QImage.Format.Format_RGB32)
                painter = QPainter(image)
                paint_chart(painter, layout)
                painter.end()

            chart_ms = _best(draw)
            export_ms = _best(lambda p=period, s=standings, g=group.id: chart_image(layout_chart(p, s, g, 720)), 3)
            print(f"{name:<14}{docx_ms:>14.0f} ms{chart_ms:>14.1f} ms{export_ms:>10.0f} ms")
    sample.close()


if __name__ == "__main__":
    main()
