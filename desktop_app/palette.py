"""Every colour the program shows, in one place (a test forbids colour literals elsewhere).

Plain ``#rrggbb`` strings, so that modules without Qt (the page HTML of PDFs) can use them too;
Qt code wraps them in ``QColor``. The status-bar legend and the chart use the grid's own tints."""

from __future__ import annotations

# -- the grid ------------------------------------------------------------------------------------
COMMEND = "#dcf2dc"  # a row suggested for 通报表扬
CRITICISE = "#f9dcdc"  # a row suggested for 通报批评
COMPUTED = "#eef1f6"  # 得分, 排名 and other computed cells
COMPUTED_TEXT = "#1f3b73"
INACTIVE_TEXT = "#8a8a8a"  # a 停用 unit, an unchanged rank
RANK_UP_TEXT = "#13803a"
RANK_DOWN_TEXT = "#c62828"
RANK_NEW_TEXT = "#1f5fbf"
CHANGED = "#ffe7a3"  # a cell an import would change
UNCONFIRMED_TEXT = "#9a9a9a"

# -- the chart: the grid's tints, darker -----------------------------------------------------------
COMMEND_BAR, COMMEND_EDGE = "#5aa55a", "#2f6f2f"
CRITICISE_BAR, CRITICISE_EDGE = "#d46a6a", "#8f2f2f"
PLAIN_BAR, PLAIN_EDGE = "#9fb3cf", "#5a6f8f"
CHART_GRID_LINE, CHART_AXIS_LINE, CHART_TEXT = "#d8d8d8", "#606060", "#202020"
PAPER = "#ffffff"
INK = "#000000"

# -- text and notes ------------------------------------------------------------------------------
PROBLEM_TEXT = "#a12020"
NOTE_TEXT = "#8a5a00"
OK_TEXT = "#1f6f3a"
DETAILS_LINE = "#c8d0e0"

PROBLEM_STYLE = f"color:{PROBLEM_TEXT};"
NOTE_STYLE = f"color:{NOTE_TEXT};"
OK_STYLE = f"color:{OK_TEXT};"
DETAILS_STYLE = f"color:{COMPUTED_TEXT}; padding:3px 8px; border-top:1px solid {DETAILS_LINE};"
STATUS_LABEL_STYLE = f"color:{COMPUTED_TEXT}; padding:0 8px;"
# the read-only banner of the window and of the dialogs, and the grid's cell notes
BANNER_STYLE = "background:#fff3c4; color:#5c4400; padding:6px 10px; border-bottom:1px solid #e0c060;"
READ_ONLY_STYLE = "background:#fff3c4; color:#5c4400; padding:6px 10px; border:1px solid #e0c060;"
CELL_NOTE_STYLE = "background:#fff4c2; color:#5c3b00; border:1px solid #d9a400; border-radius:3px; padding:4px 8px;"


def legend_html() -> str:
    """The status bar's legend, in the grid's tints."""
    return (f'<span style="background:{COMMEND}">&nbsp;绿色&nbsp;</span> 建议表扬　'
            f'<span style="background:{CRITICISE}">&nbsp;红色&nbsp;</span> 建议批评')
