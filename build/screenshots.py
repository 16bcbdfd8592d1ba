"""Screenshots for README of the scoring rules at work (offscreen, reproducible):

- docs/screenshot-rules.png: a quarter under 方法甲 (钟楼区式), a unit selected, its 得分明细 under the grid;
- docs/screenshot-scheme-quota.png: the 计分办法 editor on its 类别与定额 page;
- docs/screenshot-accumulated.png: three months under 方法乙 (常山县式) added up: 本期得分, 累计得分, 累计排名.

    python build/screenshots.py [OUTDIR]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.cells import Count  # noqa: E402
from scoring.document import PeriodDocument  # noqa: E402
from scoring.model import Group, Period, PeriodInfo, Scheme, Tally, Unit  # noqa: E402
from scoring.periods import accumulate_files  # noqa: E402
from scoring.scheme_file import load_scheme  # noqa: E402

SCHEMES = ROOT / "resources" / "schemes"
DEPARTMENTS = ["区发改局", "区教育局", "区财政局", "区民政局", "区住建局", "区卫健局", "区农业农村局", "区统计局"]
STREETS = ["南大街街道", "新闸街道", "五星街道", "永红街道", "北港街道", "荷花池街道"]


def _period(scheme: Scheme, title: str, classes: tuple[str, str], seed: int) -> Period:
    """Departments and streets with seeded figures: the same picture every run."""
    rng = random.Random(seed)
    groups = [Group(1, "一、区级部门"), Group(2, "二、街道")]
    units, tallies = {}, {}
    for number, name in enumerate(DEPARTMENTS + STREETS, start=1):
        group = 1 if name in DEPARTMENTS else 2
        units[number] = Unit(number, name, group, True, classes[group - 1])
        submitted = rng.randint(1, 14)
        adoptions = {c.id: Count(rng.choice((0, 0, 0, 0, 1, 1, 2))) for c in scheme.channels}
        adoptions = {k: v for k, v in adoptions.items() if v != Count()}
        adopted = min(submitted, max((c.dedicated for c in adoptions.values()), default=0) + rng.randint(0, 1))
        events = {e.id: rng.choice((0, 0, 1, 2)) for e in scheme.events}
        tallies[number] = Tally(submitted, adopted, adoptions, {k: v for k, v in events.items() if v})
    return Period(PeriodInfo(title), scheme, groups, units, tallies)


def _grab(widget, target: Path) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.grab().save(str(target))
    print(f"saved {target}")


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import load_translations
    from desktop_app.dialogs.scheme_editor import SchemeDialog
    from desktop_app.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    load_translations(app)  # Qt's own Chinese texts, as the program does
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INFOSCORE_HOME"] = folder  # settings of this run stay in the temporary folder
        zhonglou = load_scheme(SCHEMES / "zhonglou-quarterly.json")
        quarter = Path(folder) / "2026年第三季度.zwxx"
        PeriodDocument.create(quarter, _period(zhonglou, "2026年第三季度", ("一类", "二类"), 7)).close()
        window = MainWindow()
        window.resize(1800, 760)
        window.open_path(quarter)
        window.show()
        view = window.views[0]
        view.setCurrentIndex(view.proxy.index(2, 1))
        _grab(window, out / "screenshot-rules.png")

        dialog = SchemeDialog(window)
        dialog.resize(1000, 640)
        dialog.tabs.setCurrentIndex(2)  # 类别与定额
        dialog.show()
        _grab(dialog, out / "screenshot-scheme-quota.png")
        dialog.reject()
        window.close()

        changshan = load_scheme(SCHEMES / "changshan-monthly.json")
        months = []
        for month in (7, 8, 9):
            path = Path(folder) / f"2026年{month}月.zwxx"
            PeriodDocument.create(path, _period(changshan, f"2026年{month}月", ("一类部门", "乡镇"), month)).close()
            months.append(path)
        summed = accumulate_files(months, PeriodInfo("2026年第三季度（累计）")).period
        total = Path(folder) / "2026年第三季度（累计）.zwxx"
        PeriodDocument.create(total, summed).close()
        window = MainWindow()
        window.resize(1800, 760)
        window.open_path(total)
        window.show()
        _grab(window, out / "screenshot-accumulated.png")
        window.close()
    app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
