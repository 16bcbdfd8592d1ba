"""Menus and toolbar of the main window, in Chinese, with the standard shortcuts."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

StandardKey = QKeySequence.StandardKey


def _action(
    window: MainWindow, text: str, slot: Callable[[], object], shortcut=None, icon=None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon) if isinstance(icon, QStyle.StandardPixmap) else QIcon(icon))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def lazy_slot(window: MainWindow, module: str, function: str, *, needs_file: bool = True) -> Callable[[], object]:
    """A slot calling ``module.function(window)`` when a file is open (or always, without
    ``needs_file``); the module (dialogs, printing, python-docx…) is imported only when first
    used, so start-up stays fast."""

    def run() -> None:
        if window.session is not None or not needs_file:
            getattr(importlib.import_module(f"desktop_app.{module}"), function)(window)

    return run


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create every action, the menu bar and the toolbar; return the actions by name."""
    icons = QStyle.StandardPixmap
    a: dict[str, QAction] = {
        "new": _action(window, "新建期间(&N)…", window.new_period, StandardKey.New, icons.SP_FileIcon,
                       "用当前期间的单位、分组和计分办法新建一个空白期间"),
        "open": _action(window, "打开(&O)…", window.open_dialog, StandardKey.Open, icons.SP_DialogOpenButton),
        "save_as": _action(window, "另存为(&A)…", window.save_as, StandardKey.SaveAs, icons.SP_DialogSaveButton,
                           "把当前期间另存为一个新文件（修改随时自动保存，无需手动保存）"),
        "export_csv": _action(
            window, "导出 CSV 表格…", window.export_csv, tip="导出附件表格为 CSV（UTF-8，Excel/WPS 可打开）"
        ),
        "import": _action(window, "导入表格(&I)…", lazy_slot(window, "import_flow", "import_table", needs_file=False),
                          tip="导入 Excel 或 CSV 附件表格：新建期间，或把数据导入当前期间（先预览，再导入）"),
        "accumulate": _action(window, "累计(&M)…", lazy_slot(window, "dialogs.accumulate", "accumulate_periods",
                                                          needs_file=False),
                              tip="把几个期间文件（如 1 至 6 月）的数据相加，生成一个新的累计期间"),
        "notice": _action(window, "生成通报草稿(&T)…", lazy_slot(window, "notice_draft", "generate_notice"),
                          tip="生成 Word 通报草稿：表扬、批评名单和附件表格已填好，其余内容在 Word/WPS 中补充"),
        "chart": _action(window, "得分图表(&G)…", lazy_slot(window, "dialogs.score_chart", "show_score_chart"),
                         tip="按排名显示各单位得分的条形图，可导出为图片"),
        "export_xlsx": _action(window, "导出 Excel 表格…", lazy_slot(window, "printing.commands", "export_xlsx"),
                               tip="导出通报附件表格为 Excel 工作簿（已设好 A4 打印格式）"),
        "export_pdf": _action(window, "导出PDF…", lazy_slot(window, "printing.commands", "export_pdf"),
                              tip="把附件表格或排名表保存为 PDF 文件"),
        "print_preview": _action(window, "打印预览…", lazy_slot(window, "printing.commands", "print_preview"),
                                 tip="查看打印出来的样子"),
        "print": _action(window, "打印(&P)…", lazy_slot(window, "printing.commands", "print_report"), StandardKey.Print,
                         tip="打印附件表格或排名表"),
        "compare": _action(window, "对比上期(&B)…", lazy_slot(window, "comparison", "compare_with_earlier"),
                           tip="选择上一期的期间文件，在排名后显示排名变化（↑ 上升，↓ 下降，— 不变，新）"),
        "uncompare": _action(window, "取消对比", lazy_slot(window, "comparison", "end_comparison"),
                             tip="去掉“排名变化”列"),
        "quit": _action(window, "退出(&X)", window.close, StandardKey.Quit),
        "copy": _action(window, "复制(&C)", window.copy, StandardKey.Copy),
        "paste": _action(window, "粘贴(&V)", window.paste, StandardKey.Paste),
        "clear": _action(window, "清除(&D)", window.clear_cells, StandardKey.Delete, tip="把选中的单元格清为 0"),
        "adjustments": _action(window, "加减分(&J)…", window.edit_adjustments, "Ctrl+J"),
        "rank_order": _action(window, "按排名排序(&R)", window.toggle_rank_order, "Ctrl+R", icons.SP_ArrowDown,
                              "按本组排名显示各行；再按一次恢复原顺序"),
        "period_info": _action(window, "期间信息(&I)…", lazy_slot(window, "dialogs.period_info", "open_period_info"),
                               tip="期间名称、起止日期、统计截止日期和表格下方的注"),
        "scheme": _action(window, "计分办法(&S)…", lazy_slot(window, "dialogs.scheme_editor", "open_scheme_editor"),
                          tip="采用渠道和分值、同分规则、排名方法、建议表扬和批评的名额；保存或载入计分办法文件"),
        "units": _action(window, "单位管理(&U)…", lazy_slot(window, "dialogs.units_editor", "open_units_editor"),
                         tip="添加、改名、排序、移动、停用单位；添加、改名、排序分组"),
        "lists": _action(window, "表扬与批评(&L)…", lazy_slot(window, "dialogs.lists_editor", "open_lists_editor"),
                         tip="查看建议名单，写明理由后列入或不列入通报表扬、通报批评"),
        "help": _action(window, "使用说明(&H)", window.show_help, StandardKey.HelpContents),
        "about": _action(window, "关于(&A)", window.show_about),
    }
    a["rank_order"].setCheckable(True)
    a["undo"] = window.undo_group.createUndoAction(window, "撤销")
    a["undo"].setShortcuts([QKeySequence(StandardKey.Undo)])
    a["undo"].setIcon(window.style().standardIcon(icons.SP_ArrowBack))
    a["redo"] = window.undo_group.createRedoAction(window, "重做")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    a["redo"].setIcon(window.style().standardIcon(icons.SP_ArrowForward))
    # Delete is handled by the grid itself while it has focus; the menu entry shows the key.
    a["clear"].setShortcutContext(a["clear"].shortcutContext().WidgetShortcut)

    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([a["new"], a["open"]])
    window.recent_menu = QMenu("最近打开(&R)", window)
    file_menu.addMenu(window.recent_menu)
    file_menu.addAction(a["save_as"])
    file_menu.addSeparator()
    file_menu.addActions([a["import"], a["accumulate"]])
    file_menu.addSeparator()
    file_menu.addActions([a["export_csv"], a["export_xlsx"], a["export_pdf"]])
    file_menu.addAction(a["notice"])
    file_menu.addSeparator()
    file_menu.addActions([a["print_preview"], a["print"]])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([a["undo"], a["redo"]])
    edit_menu.addSeparator()
    edit_menu.addActions([a["copy"], a["paste"], a["clear"]])
    edit_menu.addSeparator()
    edit_menu.addAction(a["adjustments"])
    period_menu = bar.addMenu("期间(&P)")
    period_menu.addAction(a["period_info"])
    period_menu.addSeparator()
    period_menu.addActions([a["scheme"], a["units"]])
    period_menu.addSeparator()
    period_menu.addAction(a["lists"])
    view_menu = bar.addMenu("视图(&V)")
    view_menu.addAction(a["rank_order"])
    view_menu.addSeparator()
    view_menu.addAction(a["chart"])
    view_menu.addSeparator()
    view_menu.addActions([a["compare"], a["uncompare"]])
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addActions([a["help"], a["about"]])
    window.menus = {"file": file_menu, "edit": edit_menu, "period": period_menu, "view": view_menu, "help": help_menu}

    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
    toolbar.addActions([a["open"], a["save_as"]])
    toolbar.addSeparator()
    toolbar.addActions([a["undo"], a["redo"]])
    toolbar.addSeparator()
    toolbar.addAction(a["rank_order"])
    toolbar.addSeparator()
    a["print_preview"].setIcon(window.style().standardIcon(icons.SP_FileDialogContentsView))
    a["export_xlsx"].setIcon(window.style().standardIcon(icons.SP_DriveFDIcon))
    toolbar.addActions([a["export_xlsx"], a["print_preview"]])
    window.addToolBar(toolbar)
    window.toolbar = toolbar
    return a
