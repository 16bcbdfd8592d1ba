"""The command line: ``python -m desktop_app [PERIOD.zwxx]`` opens the window; subcommands
import, export, accumulate and inspect period files without a display.

Exit status: 0 done, 1 the input or a file is wrong (a Chinese message says what and where),
2 the command line itself is wrong. No half-written output is ever left behind.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from scoring.cells import format_points
from scoring.errors import EditError, UserError
from scoring.output_target import check_output, same_file

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
Command = Callable[[argparse.Namespace], int]


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters shown as escapes (\\x1b, \\u202e) instead of acting on the
    terminal: a name read from a file must not clear the screen or reorder what is printed."""
    return "".join(
        char
        if (char == "\n" and keep_newlines)
        or not (unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS)
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def say(text: str, *, error: bool = False) -> None:
    """Print for the user; a windowed frozen program on Windows has no console at all.

    Control characters (which may come from names in a file) are printed as visible escapes."""
    text = visible(text, keep_newlines=True)
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        try:
            print(text, file=stream)
        except UnicodeEncodeError:  # a console that cannot show Chinese
            print(text.encode(stream.encoding or "ascii", "replace").decode(stream.encoding or "ascii"), file=stream)


def _say_notes(document) -> None:
    """What opening the file did that the user should know (e.g. a journal set aside)."""
    for note in document.notes:
        say(f"注意：{note}")


def _import(args: argparse.Namespace) -> int:
    from scoring.document import PeriodDocument
    from scoring.exchange.builder import build_period
    from scoring.exchange.tables import read_table
    from scoring.scheme_file import default_scheme, load_scheme

    inputs = [args.table, *([args.scheme] if args.scheme else [])]
    check_output(args.output, inputs=inputs)
    table = read_table(args.table)
    scheme = load_scheme(args.scheme) if args.scheme else default_scheme()
    result = build_period(table, scheme, args.title)
    document = PeriodDocument.create(args.output, result.period)
    try:
        for warning in result.warnings:
            say(f"注意：{warning}")
        groups = len(result.period.groups)
        say(f"已导入 {len(result.period.units)} 个单位（{groups} 个分组）到「{document.path}」")
    finally:
        document.close()
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from scoring.document import PeriodDocument
    from scoring.report import build_report

    if not (args.csv or args.xlsx or args.pdf):
        say("请至少指定一种导出格式，例如 --xlsx 附件.xlsx、--pdf 附件.pdf 或 --csv 附件.csv", error=True)
        return EXIT_USAGE
    inputs = [args.period, *([args.compare] if args.compare else [])]
    outputs: list[str] = []
    for target in (args.csv, args.xlsx, args.pdf):
        if target:
            outputs.append(str(check_output(target, inputs=inputs, outputs=outputs)))
    changes = None
    if args.compare:
        from scoring.periods import open_with_history, rank_changes
        from scoring.standings import Standings
        from scoring.unit_matching import aliases_from_log

        if same_file(args.compare, args.period):
            raise EditError([f"对比的期间文件「{Path(args.compare).name}」就是要导出的期间，请指定上一期的文件"])
        earlier_period, earlier_former = open_with_history(args.compare, "对比时只读取")
        earlier = Standings(earlier_period)
    document = PeriodDocument.open(args.period, read_only=True, why="导出时只读取")
    _say_notes(document)
    try:
        if args.compare:
            former = aliases_from_log(document.period, document.file.audit_log())
            changes = rank_changes(document.standings, earlier, former, earlier_former)
        report = build_report(document.period, document.standings, rank_changes=changes)
        for writer, target in _export_writers(args):
            writer(report, document, target)
            say(f"已导出「{target}」")
    finally:
        document.close()
    return EXIT_OK


def _export_writers(args: argparse.Namespace) -> list[tuple[Callable[..., None], Path]]:
    writers: list[tuple[Callable[..., None], Path]] = []
    if args.csv:
        from scoring.exchange.csv_table import write_csv

        writers.append((lambda report, _document, target: write_csv(report, target), Path(args.csv)))
    if args.xlsx:
        from scoring.exchange.xlsx_export import write_xlsx

        writers.append((lambda report, _document, target: write_xlsx(report, target), Path(args.xlsx)))
    if args.pdf:
        writers.append((lambda report, _document, target: _write_pdf(report, target, args.compact), Path(args.pdf)))
    return writers


def _notice(args: argparse.Namespace) -> int:
    from scoring.document import PeriodDocument
    from scoring.exchange.notice_docx import write_notice

    check_output(args.output, inputs=[args.period])
    document = PeriodDocument.open(args.period, read_only=True, why="生成通报草稿时只读取")
    _say_notes(document)
    try:
        write_notice(document.period, document.standings, args.output)
    finally:
        document.close()
    say(f"已生成通报草稿「{args.output}」，请在 Word 或 WPS 中补充【】处的内容")
    return EXIT_OK


def _write_pdf(report, target: Path, compact: bool) -> None:
    """Qt is loaded only here; without a display it draws offscreen."""
    from desktop_app.printing.renderer import write_pdf

    write_pdf(report, target, compact=compact)


def _info(args: argparse.Namespace) -> int:
    from scoring.document import PeriodDocument
    from scoring.model import ListKind
    from scoring.structure_edits import describe_scheme

    document = PeriodDocument.open(args.period, read_only=True, why="查看信息时只读取")
    _say_notes(document)
    try:
        period, standings = document.period, document.standings
        info = period.info
        say(f"期间：{visible(info.title)}")
        if info.start or info.end:
            say(f"起止日期：{info.start or '?'} 至 {info.end or '?'}")
        if info.cutoff:
            say(f"统计截止日期：{info.cutoff}")
        say(f"计分办法：{visible(period.scheme.name) or '未命名'}")
        say(f"  {visible(describe_scheme(period.scheme))}")
        for group in period.groups:
            order = standings.in_rank_order(group.id)
            say(f"{visible(group.name)}：{len(order)} 个单位参加排名")
            for unit_id in order:
                marks = "".join(
                    mark
                    for mark, kind in (("  表扬", ListKind.COMMEND), ("  批评", ListKind.CRITICISE))
                    if standings.is_listed(unit_id, kind)
                )
                say(
                    f"  {standings.rank(unit_id):>4}  {visible(period.units[unit_id].name)}  "
                    f"{format_points(standings.score(unit_id))}分{marks}"
                )
        say(f"修改记录：{len(document.file.audit_log())} 条")
    finally:
        document.close()
    return EXIT_OK


def _accumulate(args: argparse.Namespace) -> int:
    from scoring.document import PeriodDocument
    from scoring.periods import accumulate_files

    inputs = [Path(path) for path in args.periods]
    if len(inputs) < 2:
        say("请至少指定两个要累计的期间文件（.zwxx）", error=True)
        return EXIT_USAGE
    if args.title is not None and not args.title.strip():
        say("期间名称（--title）不能为空", error=True)
        return EXIT_USAGE
    for index, path in enumerate(inputs):
        if any(same_file(path, earlier) for earlier in inputs[:index]):
            raise EditError([f"期间文件「{path.name}」被指定了两次，同一期间不能重复累计"])
    output = check_output(args.output, inputs=inputs)
    result = accumulate_files(inputs)
    period = result.period
    if args.title:
        period.info = replace(period.info, title=args.title.strip())
    from scoring.item_outputs import roll_files

    rolled = roll_files(period, inputs)  # the months' item ledgers, listed (not scored) in the sum
    period.items = rolled.items
    document = PeriodDocument.create(output, period)
    try:
        lines = result.report.lines() + rolled.missing
        if lines:
            say(f"累计时发现 {len(lines)} 处不一致：")
            for line in lines:
                say(f"注意：{line}")
        say(f"已把 {len(inputs)} 个期间累计为「{period.info.title}」（{len(period.units)} 个单位），保存到「{document.path}」")
    finally:
        document.close()
    return EXIT_OK


def _items(args: argparse.Namespace) -> int:
    """The item ledger: import an item table (all or nothing, one undo step), switch, export."""
    from scoring.document import PeriodDocument

    if not (args.import_table or args.export or args.ledger or args.adopted or args.roll):
        say("请指定 --import 条目表.xlsx、--export 输出.xlsx、--adopted 清单.xlsx、--roll 各月.zwxx 或 --ledger", error=True)
        return EXIT_USAGE
    if args.adopted and Path(args.adopted).suffix.lower() != ".xlsx":
        say(f"采用条目清单只能导出为 .xlsx：「{args.adopted}」", error=True)
        return EXIT_USAGE
    for target in filter(None, (args.export,)):
        if Path(target).suffix.lower() not in (".csv", ".xlsx"):
            say(f"条目表只能导出为 .xlsx 或 .csv：「{target}」", error=True)
            return EXIT_USAGE
    inputs = [p for p in (args.import_table, args.period, *(args.roll or ())) if p]
    outputs: list[str] = []
    for target in filter(None, (args.export, args.adopted)):  # refused (exit 1) before anything changes
        outputs.append(str(check_output(target, inputs=inputs, outputs=outputs)))
    writing = bool(args.import_table or args.ledger or args.roll)
    document = PeriodDocument.open(args.period, read_only=not writing, why="导出条目时只读取")
    try:
        if args.import_table:
            from scoring.exchange.item_table import read_item_table

            plan = read_item_table(args.import_table, document.period)
            if plan.problems:
                raise EditError(plan.problems)
            for line in plan.duplicates:
                say(f"注意：{line}")
            if plan.items:
                document.apply(plan.operation)
            say(f"已导入：{plan.summary()}")
        if args.roll:
            _roll(document, args.roll)
        if args.ledger and not document.period.ledger:
            from scoring.item_edits import SetLedgerMode
            from scoring.item_rules import switch_summary

            replaced = switch_summary(document.period)
            document.apply(SetLedgerMode(True))
            say("已切换为台账模式：报送、采用数由信息条目计算（原来填写的数已保留，切换回手工填写即恢复）")
            for line in replaced:
                say(f"  {line}")
        elif args.import_table and not document.period.ledger:
            say("提示：本期为手工填写模式，条目已记入台账但不计分；加 --ledger 切换为台账模式")
        if args.export:
            from scoring.exchange.item_table import write_item_table

            write_item_table(document.period, args.export)
            say(f"已导出 {len(document.period.items)} 条信息条目到「{args.export}」")
        if args.adopted:
            from scoring.item_outputs import write_adopted_items

            write_adopted_items(document.period, args.adopted)
            say(f"已导出采用条目清单「{args.adopted}」")
    finally:
        document.close()
    return EXIT_OK


def _roll(document, sources: list[str]) -> None:
    """Copy the items of several months into this (accumulated) period, units matched by name."""
    from scoring.item_edits import SetItems, next_item_id
    from scoring.item_outputs import roll_items
    from scoring.periods import open_period

    periods = [(Path(p).name, open_period(p, "累计条目时只读取")) for p in sources]
    rolled = roll_items(document.period, periods)
    existing = {item.identity() for item in document.period.items.values()}
    start = next_item_id(document.period)
    new = [item for item in rolled.items.values() if item.identity() not in existing]
    new = [replace(item, id=start + n) for n, item in enumerate(new)]
    for line in rolled.missing:
        say(f"注意：{line}")
    if new:
        document.apply(SetItems.adding(new))
    say(f"已把 {len(periods)} 个期间的 {len(new)} 条信息条目计入「{document.period.info.title}」的台账")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app",
        description="政务信息报送考核：不带子命令时打开程序窗口。",
    )
    commands = parser.add_subparsers(dest="command", metavar="子命令")
    importer = commands.add_parser("import", help="把附件表格（CSV 或 Excel）导入为新的期间文件")
    importer.add_argument("table", help="表格文件（.csv 或 .xlsx）")
    importer.add_argument("-o", "--output", required=True, help="要生成的期间文件（.zwxx）")
    importer.add_argument("--title", help="期间名称，如 2023年上半年（默认取表格标题）")
    importer.add_argument("--scheme", help="计分办法文件（.json，默认用示例计分办法）")
    importer.set_defaults(run=_import)
    exporter = commands.add_parser("export", help="导出期间的附件表格（CSV、Excel、PDF，可同时导出多种）")
    exporter.add_argument("period", help="期间文件（.zwxx）")
    exporter.add_argument("--csv", help="导出为 CSV（UTF-8，Excel/WPS 可直接打开）")
    exporter.add_argument("--xlsx", help="导出为 Excel 工作簿（通报附件格式，已设好 A4 打印）")
    exporter.add_argument("--pdf", help="导出为 PDF（A4，可直接打印或发送）")
    exporter.add_argument("--compact", action="store_true", help="PDF 只列排名、单位、得分（简明排名表）")
    exporter.add_argument("--compare", metavar="EARLIER.zwxx", help="与上一期的期间文件对比，在排名后加“排名变化”列")
    exporter.set_defaults(run=_export)
    noticer = commands.add_parser("notice", help="生成通报草稿（Word .docx，含附件表格）")
    noticer.add_argument("period", help="期间文件（.zwxx）")
    noticer.add_argument("-o", "--output", required=True, help="要生成的通报草稿（.docx）")
    noticer.set_defaults(run=_notice)
    informer = commands.add_parser("info", help="显示期间文件的内容摘要和排名")
    informer.add_argument("period", help="期间文件（.zwxx）")
    informer.set_defaults(run=_info)
    adder = commands.add_parser("accumulate", help="把几个期间（如 1 至 6 月）累计为一个新的期间文件")
    adder.add_argument("periods", nargs="+", help="要累计的期间文件（.zwxx），至少两个")
    adder.add_argument("-o", "--output", required=True, help="要生成的累计期间文件（.zwxx）")
    adder.add_argument("--title", help="累计期间的名称，如 2023年上半年（默认为“第一期至最后一期累计”）")
    adder.set_defaults(run=_accumulate)
    ledger = commands.add_parser("items", help="信息条目台账：导入、导出条目表，切换为台账模式")
    ledger.add_argument("period", help="期间文件（.zwxx）")
    ledger.add_argument("--import", dest="import_table", metavar="ITEMS.csv|xlsx", help="导入条目表（有任何问题就不导入）")
    ledger.add_argument("--export", metavar="OUT.csv|xlsx", help="把台账导出为条目表")
    ledger.add_argument("--ledger", action="store_true", help="切换为台账模式：报送、采用数由条目计算")
    ledger.add_argument("--adopted", metavar="OUT.xlsx", help="导出各单位采用条目清单（通报附件）")
    ledger.add_argument("--roll", nargs="+", metavar="MONTH.zwxx", help="把各月的信息条目计入本（累计）期间的台账")
    ledger.set_defaults(run=_items)
    checker = commands.add_parser("selftest", help="自检：检查安装的程序是否完整可用（维护人员用）")
    checker.add_argument("outdir", help="存放自检文件和报告的空文件夹")
    checker.set_defaults(run=_selftest)
    return parser


def _selftest(args: argparse.Namespace) -> int:
    from desktop_app.selftest import run_selftest

    return run_selftest(args.outdir)


def subcommands(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """The subcommands ``parser`` declares: the one list, read back from :func:`build_parser`."""
    return tuple(name for action in parser._actions if isinstance(action, argparse._SubParsersAction) for name in action.choices)


def run_command(argv: Sequence[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return int(args.run(args))
    except UserError as error:
        say(f"错误：{error}", error=True)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. head)
        return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in ("-h", "--help") or argv[0] in subcommands(build_parser())):
        return run_command(argv)
    from desktop_app.app import run_gui

    return run_gui(argv)
