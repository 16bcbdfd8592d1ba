"""``selftest OUTDIR``: the installed program checks that it is complete and works.

Run by the smoke test of the frozen program (build/smoke_test.py, also on the Windows CI
runner) and usable by a maintainer on a user's PC. In order, each step stopping the test if it
fails: the shipped resources, every module of the program and the libraries it loads lazily,
the Qt application (platform plugin, the Chinese Qt translation, the window icon, the app-data
folder, a line in the log), printing the sample period's attachment table through QPrinter into
a PDF with the program's own renderer (its pages counted), the real main window on a copy of the
sample period with one cell edited through the table model (score, rank and file must
change), then every file in SMOKE_OUTPUTS produced by the command line from that copy.

Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (on Windows with the system's fonts,
%WINDIR%\\Fonts, since the offscreen platform finds none by itself); a Qt warning fails the test.
Printing is checked by printing: Windows' printer support is inside Qt6PrintSupport.dll, not a
plugin file (no PySide6 Windows wheel has plugins/printsupport). The
report is printed and also written to OUTDIR/selftest-report.json, because the windowed
program has no console on Windows. Exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import pkgutil
import re
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import APP_NAME, __version__

if TYPE_CHECKING:  # Qt is imported by the steps, after the module checks
    from PySide6.QtWidgets import QApplication

    from desktop_app.main_window import MainWindow

REPORT_NAME = "selftest-report.json"
SAMPLE_NAME = "自检示例.zwxx"


@dataclass(frozen=True, slots=True)
class SmokeOutput:
    """A file the command line must produce from the edited sample copy."""

    command: tuple[str, ...]  # the subcommand, then its options before the output file name
    file_name: str
    magic: bytes  # the file's first bytes


# Every file the self-test (and so the frozen smoke test) exports: one line per format, e.g.
# SmokeOutput(("export", "--xlsx"), "附件.xlsx", b"PK\x03\x04") once the command has --xlsx.
# Run as: PROGRAM COMMAND[0] SAMPLE COMMAND[1:] OUTDIR/FILE_NAME
SMOKE_OUTPUTS: tuple[SmokeOutput, ...] = (
    SmokeOutput(("export", "--csv"), "附件.csv", b"\xef\xbb\xbf"),
    SmokeOutput(("export", "--xlsx"), "附件.xlsx", b"PK\x03\x04"),
    SmokeOutput(("export", "--pdf"), "附件.pdf", b"%PDF-"),
    SmokeOutput(("notice", "-o"), "通报草稿.docx", b"PK\x03\x04"),
)
# Libraries the program imports only when a feature needs them: a frozen build must still have them.
LAZY_LIBRARIES = ("openpyxl", "defusedxml", "docx")
# Plugins a build must carry, per platform: (plugin folder, part of the file name). Printing is
# checked by printing (check_printing), not by a file name.
REQUIRED_PLUGINS = {
    "win32": (("platforms", "qwindows"),),
    "linux": (("platforms", "qxcb"),),
}
LOG_LINE = "自检开始"  # written to the program's log by every run: the smoke test looks for it
# Messages the offscreen platform prints about window-manager hints it cannot honour.
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints", "This plugin does not support raise")


class StepFailed(Exception):
    """A check found the program incomplete or wrong; the message says what."""


@dataclass
class SelfTest:
    outdir: Path
    steps: list[dict[str, object]] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    qt_messages: list[str] = field(default_factory=list)
    app: QApplication = field(init=False)  # set by check_application
    window: MainWindow = field(init=False)  # set by check_main_window
    edited: tuple[int, int] | None = None  # (unit id, channel id) of the edited cell

    # -- the steps ---------------------------------------------------------------------------
    def check_resources(self) -> str:
        from scoring.resources import resources_dir, shipped_files

        missing = [str(p) for p in shipped_files() if not p.is_file() or p.stat().st_size == 0]
        if missing:
            raise StepFailed("缺少文件：" + "，".join(missing))
        return f"{len(shipped_files())} 个文件齐全（{resources_dir()}）"

    def check_modules(self) -> str:
        import desktop_app
        import scoring

        for package in (desktop_app, scoring):
            self.modules.append(package.__name__)
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                importlib.import_module(info.name)
                self.modules.append(info.name)
        return f"{len(self.modules)} 个模块可以导入"

    def check_libraries(self) -> str:
        import io

        versions = []
        for name in LAZY_LIBRARIES:
            module = importlib.import_module(name)
            versions.append(f"{name} {getattr(module, '__version__', '')}".strip())
        import docx
        import openpyxl
        from defusedxml import ElementTree

        docx.Document()  # needs the default template shipped as data
        openpyxl.Workbook().save(io.BytesIO())
        ElementTree.fromstring("<a>表</a>")
        return "，".join(versions)

    def check_application(self) -> str:
        from PySide6.QtCore import QLibraryInfo, QtMsgType, qInstallMessageHandler
        from PySide6.QtWidgets import QStyleFactory

        from desktop_app import crash, paths
        from desktop_app.app import app_icon, create_application

        def record(kind, _context, message: str) -> None:
            if kind != QtMsgType.QtDebugMsg and not message.startswith(HARMLESS_QT_MESSAGES):
                self.qt_messages.append(message)

        qInstallMessageHandler(record)
        self.app = app = create_application()
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
        for folder, stem in REQUIRED_PLUGINS.get(sys.platform, ()):
            if not any(stem in p.name for p in (plugins / folder).glob("*")):
                raise StepFailed(f"缺少 Qt 插件 {folder}/{stem}（在 {plugins}）")
        if sys.platform == "win32" and not {"windowsvista", "windows11"} & {k.lower() for k in QStyleFactory.keys()}:
            raise StepFailed(f"缺少 Windows 界面风格插件（只有 {QStyleFactory.keys()}）")
        icon = app_icon()
        if icon.isNull() or len(icon.availableSizes()) < 2:
            raise StepFailed("程序图标无法加载")
        app.setWindowIcon(icon)
        crash.setup_logging()
        logging.getLogger("infoscore.selftest").info("%s：%s %s，输出到 %s", LOG_LINE, APP_NAME, __version__, self.outdir)
        program_folder = Path(sys.executable).resolve().parent
        data = paths.app_data_dir().resolve()
        if getattr(sys, "frozen", False) and data.is_relative_to(program_folder):
            raise StepFailed(f"程序数据文件夹 {data} 在程序文件夹里面")
        return f"界面平台 {app.platformName()}，程序数据在 {data}"

    def check_translation(self) -> str:
        from PySide6.QtCore import QCoreApplication, QLibraryInfo

        from desktop_app.app import load_translations

        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not load_translations(self.app):
            raise StepFailed(f"找不到 Qt 中文翻译 qtbase_zh_CN.qm（在 {folder}）")
        if QCoreApplication.translate("QPlatformTheme", "Cancel") != "取消":
            raise StepFailed("Qt 中文翻译已加载，但按钮文字没有翻译")
        frozen_root = getattr(sys, "_MEIPASS", None)
        if frozen_root and not Path(folder).resolve().is_relative_to(Path(frozen_root).resolve()):
            raise StepFailed(f"Qt 翻译文件夹 {folder} 不在程序文件夹中")
        return f"已加载（{folder}）"

    def check_printing(self) -> str:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        from desktop_app.printing.renderer import page_layout, render
        from scoring.document import PeriodDocument
        from scoring.report import build_report
        from scoring.resources import SAMPLE_PERIOD, resource_path

        target = self.outdir / "打印自检.pdf"
        document = PeriodDocument.open(resource_path(SAMPLE_PERIOD), read_only=True, why="自检")
        try:
            report = build_report(document.period, document.standings, None)
        finally:
            document.close()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPageLayout(page_layout(report, False))
        pages = render(report, printer)
        problem = check_output(target, b"%PDF-")
        if problem:
            raise StepFailed(problem)
        in_file = pdf_page_count(target)
        if pages < 1 or in_file != pages:
            raise StepFailed(f"打印了 {pages} 页，PDF 文件里有 {in_file} 页")
        printers = QPrinterInfo.availablePrinterNames()  # the platform's printer support answers
        return f"附件表打印为 PDF，共 {pages} 页；本机打印机：{'、'.join(printers) or '无'}"

    def check_window(self) -> str:
        from PySide6.QtCore import QEventLoop

        from desktop_app.app_settings import AppSettings
        from desktop_app.main_window import MainWindow
        from scoring.resources import SAMPLE_PERIOD, resource_path

        copy = self.outdir / SAMPLE_NAME
        shutil.copyfile(resource_path(SAMPLE_PERIOD), copy)
        copy.chmod(0o644)
        # the test's own settings file: a maintainer's run must not touch the user's recent files
        self.window = window = MainWindow(AppSettings(self.outdir / "自检设置.ini"))
        if not window.open_path(copy):
            raise StepFailed(f"示例期间打不开：{copy}")
        window.show()
        deadline = time.monotonic() + 10
        while not (window.windowHandle() and window.windowHandle().isExposed()):
            if time.monotonic() > deadline:
                raise StepFailed("主窗口没有显示出来")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if window.session is None:
            raise StepFailed(f"示例期间打不开：{copy}")
        groups = window.session.document.period.groups
        if len(window.views) != len(groups) or window.windowIcon().isNull():
            raise StepFailed("主窗口内容不完整")
        return f"「{window.windowTitle()}」，{len(groups)} 个分组"

    def check_edit(self) -> str:
        from desktop_app.table_model import RANK, SCORE, TALLY

        model = self.window.views[0].source
        if self.window.session is None:
            raise StepFailed("主窗口没有打开期间")
        period = self.window.session.document.period
        channel = period.scheme.channels[0]
        rank_of = {row: int(model.index(row, model.column_of(RANK)).data() or 10**6) for row in range(model.rowCount())}
        row = max(rank_of, key=lambda r: rank_of[r])  # the last-ranked unit
        unit_id = model.unit_ids[row]
        score_before = model.index(row, model.column_of(SCORE)).data()
        if not model.setData(model.index(row, model.column_of(TALLY, channel.id)), "99"):
            raise StepFailed("表格拒绝了修改")
        score_after = model.index(row, model.column_of(SCORE)).data()
        rank_after = int(model.index(row, model.column_of(RANK)).data())
        name = period.units[unit_id].name
        if score_after == score_before or rank_after >= rank_of[row]:
            raise StepFailed(f"{name} 改为 99 条后得分或排名没有变化")
        self.edited = (unit_id, channel.id)
        return f"{name}「{channel.name}」改为 99：得分 {score_before} → {score_after}，排名 {rank_of[row]} → {rank_after}"

    def check_saved(self) -> str:
        from scoring.document import PeriodDocument
        from scoring.edits import format_value

        self.window.close()
        self.app.processEvents()
        if self.edited is None:
            raise StepFailed("没有修改过单元格，无法检查保存")
        unit_id, channel_id = self.edited
        document = PeriodDocument.open(self.outdir / SAMPLE_NAME, read_only=True, why="自检")
        try:
            stored = format_value(document.period.tallies[unit_id].get(channel_id))
        finally:
            document.close()
        if stored != "99":
            raise StepFailed(f"文件中保存的是 {stored}，不是刚才输入的 99")
        return "修改已写入文件"

    def check_exports(self) -> str:
        from desktop_app.cli import run_command

        made = []
        for output in SMOKE_OUTPUTS:
            target = self.outdir / output.file_name
            command = [output.command[0], str(self.outdir / SAMPLE_NAME), *output.command[1:], str(target)]
            status = run_command(command)
            if status != 0:
                raise StepFailed(f"命令 {' '.join(command)} 失败（退出码 {status}）")
            problem = check_output(target, output.magic)
            if problem:
                raise StepFailed(problem)
            made.append(f"{output.file_name}（{target.stat().st_size} 字节）")
        return "已导出 " + "、".join(made)

    # -- running -----------------------------------------------------------------------------
    def run(self) -> bool:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("资源文件", self.check_resources),
            ("程序模块", self.check_modules),
            ("按需加载的库", self.check_libraries),
            ("Qt 程序", self.check_application),
            ("Qt 中文翻译", self.check_translation),
            ("打印", self.check_printing),
            ("主窗口", self.check_window),
            ("修改单元格", self.check_edit),
            ("保存", self.check_saved),
            ("导出", self.check_exports),
        ]
        for name, step in steps:
            try:
                detail = step()
                if self.qt_messages:
                    raise StepFailed("Qt 报告了问题：" + "；".join(self.qt_messages))
            except Exception as error:  # noqa: BLE001 - every failure is reported, with its cause
                self._record(name, False, _describe(error))
                return False
            self._record(name, True, detail)
        return True

    def _record(self, name: str, ok: bool, detail: str) -> None:
        from desktop_app.cli import say

        self.steps.append({"step": name, "ok": ok, "detail": detail})
        say(f"{'通过' if ok else '失败'}  {name}：{detail}", error=not ok)

    def write_report(self, ok: bool) -> None:
        report = {
            "ok": ok,
            "version": __version__,
            "frozen": bool(getattr(sys, "frozen", False)),
            "executable": sys.executable,
            "steps": self.steps,
            "modules": self.modules,
            "qt_messages": self.qt_messages,
        }
        (self.outdir / REPORT_NAME).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def check_output(path: Path, magic: bytes) -> str | None:
    """None if the file exists, is not empty and starts with ``magic``; else what is wrong."""
    if not path.is_file():
        return f"没有生成 {path.name}"
    with path.open("rb") as handle:
        head = handle.read(max(len(magic), 1))
    if not head:
        return f"{path.name} 是空文件"
    if not head.startswith(magic):
        return f"{path.name} 的内容不对：开头是 {head!r}，应为 {magic!r}"
    return None


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF written by Qt (its page objects are not compressed: ``/Type /Page``)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", path.read_bytes()))


def qt_environment(platform: str, environ: os._Environ | dict[str, str]) -> dict[str, str]:
    """Variables the self-test sets before Qt starts: offscreen unless asked otherwise, and on
    Windows the system's fonts for it (the offscreen platform reads only QT_QPA_FONTDIR)."""
    wanted = {"QT_QPA_PLATFORM": environ.get("QT_QPA_PLATFORM") or "offscreen"}
    if platform == "win32" and wanted["QT_QPA_PLATFORM"] == "offscreen" and not environ.get("QT_QPA_FONTDIR"):
        windows = environ.get("WINDIR") or environ.get("SYSTEMROOT") or r"C:\Windows"
        wanted["QT_QPA_FONTDIR"] = windows.rstrip("\\") + r"\Fonts"
    return wanted


def _describe(error: Exception) -> str:
    if isinstance(error, StepFailed):
        return str(error)
    return f"{type(error).__name__}: {error}\n{traceback.format_exc()}"


def run_selftest(outdir: str | os.PathLike[str]) -> int:
    from desktop_app.cli import EXIT_BAD_INPUT, EXIT_OK, say

    folder = Path(outdir)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        say(f"错误：自检输出文件夹「{folder}」必须是空文件夹或者还不存在", error=True)
        return EXIT_BAD_INPUT
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.update(qt_environment(sys.platform, os.environ))
    test = SelfTest(folder.resolve())
    ok = test.run()
    test.write_report(ok)
    say(f"自检{'全部通过' if ok else '未通过'}（{__version__}，报告：{folder / REPORT_NAME}）", error=not ok)
    return EXIT_OK if ok else EXIT_BAD_INPUT
