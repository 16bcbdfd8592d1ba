"""Menus and toolbar of the main window, in Chinese, with the standard shortcuts.

Each feature's slot is a named function below that imports its module when first used (dialogs,
printing, python-docx…), so start-up stays fast and every reference stays visible to tools."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from desktop_app.actions import Action, Menu

if TYPE_CHECKING:
    from desktop_app.main_window import MainWindow

StandardKey = QKeySequence.StandardKey
Icons = QStyle.StandardPixmap
Actions = dict[Action, QAction]


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


def _with_file(window: MainWindow, feature: Callable[[MainWindow], object]) -> Callable[[], None]:
    """A slot running ``feature(window)`` only while a period file is open."""

    def run() -> None:
        if window.session is not None:
            feature(window)

    return run


# -- the features, each imported when first used -------------------------------------------------
def _import_table(window: MainWindow) -> None:
    from desktop_app.import_flow import import_table

    import_table(window)


def _accumulate(window: MainWindow) -> None:
    from desktop_app.dialogs.accumulate import accumulate_periods

    accumulate_periods(window)


def _notice(window: MainWindow) -> None:
    from desktop_app.notice_draft import generate_notice

    generate_notice(window)


def _chart(window: MainWindow) -> None:
    from desktop_app.dialogs.score_chart import show_score_chart

    show_score_chart(window)


def _export_csv(window: MainWindow) -> None:
    from desktop_app.printing.commands import export_csv

    export_csv(window)


def _export_xlsx(window: MainWindow) -> None:
    from desktop_app.printing.commands import export_xlsx

    export_xlsx(window)


def _export_pdf(window: MainWindow) -> None:
    from desktop_app.printing.commands import export_pdf

    export_pdf(window)


def _print_preview(window: MainWindow) -> None:
    from desktop_app.printing.commands import print_preview

    print_preview(window)


def _print(window: MainWindow) -> None:
    from desktop_app.printing.commands import print_report

    print_report(window)


def _compare(window: MainWindow) -> None:
    from desktop_app.comparison import compare_with_earlier

    compare_with_earlier(window)


def _uncompare(window: MainWindow) -> None:
    from desktop_app.comparison import end_comparison

    end_comparison(window)


def _period_info(window: MainWindow) -> None:
    from desktop_app.dialogs.period_info import open_period_info

    open_period_info(window)


def _scheme(window: MainWindow) -> None:
    from desktop_app.dialogs.scheme_editor import open_scheme_editor

    open_scheme_editor(window)


def _units(window: MainWindow) -> None:
    from desktop_app.dialogs.units_editor import open_units_editor

    open_units_editor(window)


def _lists(window: MainWindow) -> None:
    from desktop_app.dialogs.lists_editor import open_lists_editor

    open_lists_editor(window)


# -- actions ---------------------------------------------------------------------------------
def file_actions(window: MainWindow) -> Actions:
    w = window
    return {
        Action.NEW: _action(w, "新建期间(&N)…", w.new_period, StandardKey.New, Icons.SP_FileIcon,
                            "用当前期间的单位、分组和计分办法新建一个空白期间"),
        Action.OPEN: _action(w, "打开(&O)…", w.open_dialog, StandardKey.Open, Icons.SP_DialogOpenButton),
        Action.SAVE_AS: _action(w, "另存为(&A)…", w.save_as, StandardKey.SaveAs, Icons.SP_DialogSaveButton,
                                "把当前期间另存为一个新文件（修改随时自动保存，无需手动保存）"),
        Action.IMPORT: _action(w, "导入表格(&I)…", lambda: _import_table(w),
                               tip="导入 Excel 或 CSV 附件表格：新建期间，或把数据导入当前期间（先预览，再导入）"),
        Action.ACCUMULATE: _action(w, "累计(&M)…", lambda: _accumulate(w),
                                   tip="把几个期间文件（如 1 至 6 月）的数据相加，生成一个新的累计期间"),
        Action.EXPORT_CSV: _action(w, "导出 CSV 表格…", _with_file(w, _export_csv),
                                   tip="导出附件表格为 CSV（UTF-8，Excel/WPS 可打开）"),
        Action.EXPORT_XLSX: _action(w, "导出 Excel 表格…", _with_file(w, _export_xlsx), icon=Icons.SP_DriveFDIcon,
                                    tip="导出通报附件表格为 Excel 工作簿（已设好 A4 打印格式）"),
        Action.EXPORT_PDF: _action(w, "导出PDF…", _with_file(w, _export_pdf), tip="把附件表格或排名表保存为 PDF 文件"),
        Action.NOTICE: _action(w, "生成通报草稿(&T)…", _with_file(w, _notice),
                               tip="生成 Word 通报草稿：表扬、批评名单和附件表格已填好，其余内容在 Word/WPS 中补充"),
        Action.PRINT_PREVIEW: _action(w, "打印预览…", _with_file(w, _print_preview),
                                      icon=Icons.SP_FileDialogContentsView, tip="查看打印出来的样子"),
        Action.PRINT: _action(w, "打印(&P)…", _with_file(w, _print), StandardKey.Print, tip="打印附件表格或排名表"),
        Action.QUIT: _action(w, "退出(&X)", w.close, StandardKey.Quit),
    }


def edit_actions(window: MainWindow) -> Actions:
    w = window
    undo = w.undo_group.createUndoAction(w, "撤销")
    undo.setShortcuts([QKeySequence(StandardKey.Undo)])
    undo.setIcon(w.style().standardIcon(Icons.SP_ArrowBack))
    redo = w.undo_group.createRedoAction(w, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(w.style().standardIcon(Icons.SP_ArrowForward))
    clear = _action(w, "清除(&D)", w.clear_cells, StandardKey.Delete, tip="把选中的单元格清为 0")
    # Delete is handled by the grid itself while it has focus; the menu entry shows the key.
    clear.setShortcutContext(clear.shortcutContext().WidgetShortcut)
    return {
        Action.UNDO: undo,
        Action.REDO: redo,
        Action.COPY: _action(w, "复制(&C)", w.copy, StandardKey.Copy),
        Action.PASTE: _action(w, "粘贴(&V)", w.paste, StandardKey.Paste),
        Action.CLEAR: clear,
        Action.ADJUSTMENTS: _action(w, "加减分(&J)…", w.edit_adjustments, "Ctrl+J"),
    }


def period_actions(window: MainWindow) -> Actions:
    w = window
    return {
        Action.PERIOD_INFO: _action(w, "期间信息(&I)…", _with_file(w, _period_info),
                                    tip="期间名称、起止日期、统计截止日期和表格下方的注"),
        Action.SCHEME: _action(w, "计分办法(&S)…", _with_file(w, _scheme),
                               tip="采用渠道和分值、同分规则、排名方法、建议表扬和批评的名额；保存或载入计分办法文件"),
        Action.UNITS: _action(w, "单位管理(&U)…", _with_file(w, _units),
                              tip="添加、改名、排序、移动、停用单位；添加、改名、排序分组"),
        Action.LISTS: _action(w, "表扬与批评(&L)…", _with_file(w, _lists),
                              tip="查看建议名单，写明理由后列入或不列入通报表扬、通报批评"),
    }


def view_actions(window: MainWindow) -> Actions:
    w = window
    rank_order = _action(w, "按排名排序(&R)", w.toggle_rank_order, "Ctrl+R", Icons.SP_ArrowDown,
                         "按本组排名显示各行；再按一次恢复原顺序")
    rank_order.setCheckable(True)
    return {
        Action.RANK_ORDER: rank_order,
        Action.CHART: _action(w, "得分图表(&G)…", _with_file(w, _chart), tip="按排名显示各单位得分的条形图，可导出为图片"),
        Action.COMPARE: _action(w, "对比上期(&B)…", _with_file(w, _compare),
                                tip="选择上一期的期间文件，在排名后显示排名变化（↑ 上升，↓ 下降，— 不变，新）"),
        Action.UNCOMPARE: _action(w, "取消对比", _with_file(w, _uncompare), tip="去掉“排名变化”列"),
        Action.HELP: _action(w, "使用说明(&H)", w.show_help, StandardKey.HelpContents),
        Action.ABOUT: _action(w, "关于(&A)", w.show_about),
    }


# -- menus -----------------------------------------------------------------------------------
def file_menu(window: MainWindow, a: Actions, recent: QMenu) -> QMenu:
    menu = window.menuBar().addMenu("文件(&F)")
    menu.addActions([a[Action.NEW], a[Action.OPEN]])
    menu.addMenu(recent)
    menu.addActions([a[Action.SAVE], a[Action.SAVE_AS]])
    menu.addSeparator()
    menu.addActions([a[Action.IMPORT], a[Action.ACCUMULATE]])
    menu.addSeparator()
    menu.addActions([a[Action.EXPORT_CSV], a[Action.EXPORT_XLSX], a[Action.EXPORT_PDF], a[Action.NOTICE]])
    menu.addSeparator()
    menu.addActions([a[Action.PRINT_PREVIEW], a[Action.PRINT]])
    menu.addSeparator()
    menu.addAction(a[Action.QUIT])
    return menu


def edit_menu(window: MainWindow, a: Actions) -> QMenu:
    menu = window.menuBar().addMenu("编辑(&E)")
    menu.addActions([a[Action.UNDO], a[Action.REDO]])
    menu.addSeparator()
    menu.addActions([a[Action.COPY], a[Action.PASTE], a[Action.CLEAR]])
    menu.addSeparator()
    menu.addAction(a[Action.ADJUSTMENTS])
    menu.addSeparator()
    menu.addAction(a[Action.FIND_UNIT])
    return menu


def period_menu(window: MainWindow, a: Actions) -> QMenu:
    menu = window.menuBar().addMenu("期间(&P)")
    menu.addAction(a[Action.PERIOD_INFO])
    menu.addSeparator()
    menu.addActions([a[Action.SCHEME], a[Action.UNITS]])
    menu.addSeparator()
    menu.addAction(a[Action.LISTS])
    return menu


def view_menu(window: MainWindow, a: Actions) -> QMenu:
    menu = window.menuBar().addMenu("视图(&V)")
    menu.addAction(a[Action.RANK_ORDER])
    menu.addSeparator()
    menu.addAction(a[Action.CHART])
    menu.addSeparator()
    menu.addActions([a[Action.COMPARE], a[Action.UNCOMPARE]])
    menu.addSeparator()
    menu.addActions([a[Action.NEXT_GROUP], a[Action.PREVIOUS_GROUP]])
    menu.addSeparator()
    menu.addActions([a[Action.ZOOM_IN], a[Action.ZOOM_OUT], a[Action.ZOOM_RESET]])
    return menu


def help_menu(window: MainWindow, a: Actions) -> QMenu:
    menu = window.menuBar().addMenu("帮助(&H)")
    menu.addActions([a[Action.HELP], a[Action.ABOUT]])
    return menu


def toolbar(window: MainWindow, a: Actions) -> QToolBar:
    bar = QToolBar("工具栏", window)
    bar.setObjectName("main_toolbar")
    bar.setToolButtonStyle(bar.toolButtonStyle().ToolButtonTextBesideIcon)
    bar.addActions([a[Action.OPEN], a[Action.SAVE_AS]])
    bar.addSeparator()
    bar.addActions([a[Action.UNDO], a[Action.REDO]])
    bar.addSeparator()
    bar.addAction(a[Action.RANK_ORDER])
    bar.addSeparator()
    bar.addActions([a[Action.EXPORT_XLSX], a[Action.PRINT_PREVIEW]])
    window.addToolBar(bar)
    return bar


def build_menus(window: MainWindow, grid_actions: Actions, recent: QMenu) -> tuple[Actions, dict[Menu, QMenu]]:
    """Create every action, the menu bar and the toolbar; return the actions and menus by name."""
    actions = {**file_actions(window), **edit_actions(window), **period_actions(window), **view_actions(window),
               **grid_actions}
    menus = {
        Menu.FILE: file_menu(window, actions, recent),
        Menu.EDIT: edit_menu(window, actions),
        Menu.PERIOD: period_menu(window, actions),
        Menu.VIEW: view_menu(window, actions),
        Menu.HELP: help_menu(window, actions),
    }
    toolbar(window, actions)
    return actions, menus
