"""使用说明 and 关于."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.dialogs.buttons import Standard, dialog_buttons

HELP_HTML = """
<h2>政务信息报送考核 使用说明</h2>
<h3>填写</h3>
<ul>
<li>每个分组一页（如“一、市政府各部门”“二、区、镇、街道办事处”），在表格中直接输入，和 Excel/WPS 一样：
直接打字覆盖单元格，<b>F2</b> 或双击在单元格内修改，<b>回车</b>确认并下移，<b>Tab</b> 右移。</li>
<li>采用数的写法：<b>5</b> 表示专报采用 5 条，<b>1*</b> 表示综合采用 1 条，<b>5+1*</b> 表示两者都有。
全角数字和符号（如 ５＋１＊）也可以。空白表示 0。</li>
<li><b>Delete</b> 把选中的单元格清为 0；<b>Ctrl+C / Ctrl+V</b> 与 Excel、WPS 互相复制粘贴整块区域。
粘贴内容中只要有一个单元格不对，就不会做任何修改，并列出每个有问题的单元格。</li>
<li><b>加减分</b>：双击“加减分”单元格，逐项填写分值和理由（扣分填负数）。</li>
</ul>
<h3>计算</h3>
<ul>
<li>“得分”和“排名”按计分办法自动计算，每次修改后立即更新。排名在本组内计算，得分相同时按同分规则（默认报送条目多者在前）。</li>
<li>绿色行为建议通报表扬，红色行为建议通报批评；单元格右上角的小三角表示需要核对的地方，鼠标停留可看说明。</li>
<li>“视图 → 按排名排序”可按名次查看，再按一次恢复原顺序。</li>
</ul>
<h3>期间设置（菜单“期间”）</h3>
<ul>
<li><b>期间信息</b>：期间名称、起止日期、统计截止日期和表格下方的注。</li>
<li><b>计分办法</b>：采用渠道及每条得分（专报、综合）、每报送/采用 1 条的得分、同分规则、并列名次、建议表扬和批评的名额。
可以保存为文件发给同事或明年再用，也可以从文件载入（同名渠道已填的采用数保留）。删除有数据的渠道前会先提示。</li>
<li><b>单位管理</b>：添加、改名（曾用名会保留）、排序、移到其他分组、停用（不显示、不排名，数据保留）；
添加、改名、排序分组，单独设置各组的表扬、批评名额。</li>
<li><b>表扬与批评</b>：查看按排名建议的名单，写明理由后把单位列入或不列入通报表扬、通报批评。</li>
<li>每个对话框点“确定”后的全部修改算一步，可以用 <b>Ctrl+Z</b> 一次撤销。</li>
</ul>
<h3>保存</h3>
<ul>
<li>每一次修改在显示之前就已经保存到期间文件（.zwxx）中，不需要手动保存。<b>Ctrl+Z</b> 撤销，<b>Ctrl+Y</b> 重做。</li>
<li>一个期间一个文件。“文件 → 新建期间”沿用当前的单位、分组和计分办法，采用数为空白。</li>
<li>同一个文件如果已在别的窗口或别的电脑上打开，会以只读方式打开，避免互相覆盖。</li>
</ul>
"""


def show_help(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("使用说明")
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser()
    browser.setHtml(HELP_HTML)
    layout.addWidget(browser)
    layout.addWidget(dialog_buttons(dialog, Standard.Close))
    dialog.resize(640, 560)
    dialog.exec()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"关于 {APP_NAME}",
        f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
        "<p>统计各单位政务信息报送和采用情况，按计分办法计算得分和排名，导出附件表格。</p>"
        "<p>所有数据保存在本机的期间文件（.zwxx）中，不需要联网。</p>",
    )
