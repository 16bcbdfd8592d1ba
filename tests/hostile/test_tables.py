"""A corpus of hostile and broken tables and scheme files, generated with a fixed seed.

Every case is imported as a clerk would (table → new period; scheme file → scheme) and must end
either in the right data or in a refusal: an EditError whose every line is Chinese and whose
first line names the file. Anything else — a traceback, a hang, a half-read table — fails.
Cases: CSV (encodings, quotes, limits, names, formulas), Excel (zip bombs, entity attacks,
formula cells, merged-cell abuse, huge dimensions, wrong content types, truncated and damaged
zips) and JSON scheme files (nesting, numbers, types, names, limits).
"""

from __future__ import annotations

import codecs
import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from scoring.edits import EditError
from scoring.exchange.builder import build_period
from scoring.exchange.tables import read_table
from scoring.resources import DEFAULT_SCHEME, resource_path
from scoring.scheme_file import default_scheme, load_scheme
from tests.conftest import SEED_TABLE
from tests.scoring.exchange.workbooks import BILLION_LAUGHS, seed_workbook, simple_workbook

SEED = 20261130
SHEET = "xl/worksheets/sheet1.xml"
ANY = ""  # a refusal whatever it says (beyond naming the file in Chinese)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    name: str  # the file name; its suffix chooses the reader
    make: Callable[[], bytes]
    expect: str | Callable[[object], None] | None  # refusal containing this; a check of the data; None: either


CASES: list[Case] = []


def case(name: str, expect: str | Callable[[object], None] | None) -> Callable[[Callable[[], bytes]], None]:
    def register(make: Callable[[], bytes]) -> None:
        CASES.append(Case(name, make, expect))

    return register


def rows(count: int) -> Callable[[object], None]:
    def check(result: object) -> None:
        assert len(result.period.units) == count  # type: ignore[attr-defined]

    return check


def units(*names: str) -> Callable[[object], None]:
    def check(result: object) -> None:
        assert set(names) <= {u.name for u in result.period.units.values()}  # type: ignore[attr-defined]

    return check


def _channels(count: int) -> Callable[[object], None]:
    def check(scheme: object) -> None:
        assert len(scheme.channels) == count  # type: ignore[attr-defined]

    return check


# -- CSV ------------------------------------------------------------------------------------

SEED_TEXT = SEED_TABLE.read_text(encoding="utf-8")
HEAD = "分组,单位,国办采用,报送条目\n"


def _csv(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


for _name, _text, _expect in [
    ("空文件.csv", "", "找不到表头"),
    ("只有表头.csv", HEAD, "没有单位数据"),
    ("分号分隔.csv", SEED_TEXT.replace(",", ";"), "找不到表头"),
    ("制表符分隔.csv", SEED_TEXT.replace(",", "\t"), rows(57)),
    ("制表符分隔.txt", SEED_TEXT.replace(",", "\t"), rows(57)),
    ("只有回车换行.csv", SEED_TEXT.replace("\n", "\r"), rows(57)),
    ("回车换行.csv", SEED_TEXT.replace("\n", "\r\n"), rows(57)),
    ("引号未配对第2行.csv", HEAD + '一组,"甲,1,2\n一组,乙,0,1\n', "第 2 行有一个引号"),
    ("引号未配对第41行.csv", SEED_TEXT.replace("\n", '\n"', 40).replace('\n"', "\n", 39), "第 41 行有一个引号"),
    ("引号后还有字.csv", HEAD + '一组,"甲"乙,1,2\n', "引号（\"）结束后"),
    ("引号吞行.csv", HEAD + '一组,"甲,1,2\n一组,乙,0,1\n一组,丙",1,2\n', "跨了 3 行"),
    ("表头换行.csv", '单位,"国办\n采用","报送\n条目"\n甲,1,2\n', units("甲")),
    ("十万列.csv", "单位," + ",".join(f"渠道{i}" for i in range(100_000)) + "\n甲,1\n", "超过 64 列的上限"),
    ("三万行.csv", HEAD + "".join(f"一组,单位{i},1,1\n" for i in range(30_000)), "超过 20000 行"),
    ("两万五千空行.csv", HEAD + "一组,甲,1,1\n" + ",,,\n" * 25_000, "超过 20000 行"),
    ("长单元格.csv", HEAD + "一组," + "甲" * 3000 + ",1,1\n", "超过 2000 个字的上限"),
    ("超长字段.csv", HEAD + '一组,"' + "甲" * 200_000 + '",1,1\n', "超过 2000 个字的上限"),
    ("单位名NUL.csv", HEAD + "一组,甲\x00局,1,1\n", "控制字符（U+0000）"),
    ("分组名垂直制表.csv", HEAD + "一\x0b组,甲,1,1\n", "控制字符（U+000B）"),
    ("渠道名反向.csv", "分组,单位,国办\u202e采用,报送条目\n一组,甲,1,1\n", "不可见的格式字符（U+202E）"),
    ("单位名零宽.csv", HEAD + "一组,甲\u200b局,1,1\n", "不可见的格式字符（U+200B）"),
    ("单位名C1.csv", HEAD + "一组,甲\x85局,1,1\n", units("甲局")),  # white space inside unit names is dropped
    ("单位名过长.csv", HEAD + "一组," + "局" * 60 + ",1,1\n", "最多 50 个字"),
    ("注里有控制字符.csv", HEAD + "一组,甲,1,1\n注：1.说明\x07\n", "的注「注：1.说明□」"),
    ("公式样单位名.csv", HEAD + "一组,=cmd|'/C'!A0,1,1\n一组,@SUM(A1),0,1\n一组,+1-1,0,1\n", units("=cmd|'/C'!A0", "@SUM(A1)", "+1-1")),
    ("导出时加的引号.csv", HEAD + "一组,'=1+1,1,1\n一组,''@x,1,1\n一组,'甲,1,1\n", units("=1+1", "'@x", "'甲")),
    ("负数条目.csv", HEAD + "一组,甲,1,-2\n", "负数"),
    ("单位重复.csv", HEAD + "一组,甲,1,1\n一组,甲,1,1\n", "重复"),
    ("列重复.csv", "单位,国办采用,国办采用,报送条目\n甲,1,1,1\n", "出现了多次"),
    ("六十四列.csv", "单位," + ",".join(f"渠道{i}" for i in range(62)) + ",报送条目\n甲" + ",1" * 63 + "\n", units("甲")),
    ("表头前有BOM字符.csv", "\ufeff\ufeff" + HEAD + "一组,甲,1,1\n", "U+FEFF"),
]:
    case(_name, _expect)(_csv(_text))

case("GBK.csv", rows(57))(_csv(SEED_TEXT, "gbk"))
case("BOM加GBK.csv", rows(57))(lambda: codecs.BOM_UTF8 + SEED_TEXT.encode("gbk"))
case("BOM加乱码.csv", "不是 UTF-8，也不是 GBK")(lambda: codecs.BOM_UTF8 + HEAD.encode() + b"\xff\xfe\xfa\x80,1\n")
case("只有BOM.csv", "找不到表头")(lambda: codecs.BOM_UTF8)
case("UTF-16.csv", rows(57))(_csv(SEED_TEXT, "utf-16"))
case("UTF-16奇数字节.csv", "UTF-16")(lambda: SEED_TEXT.encode("utf-16") + b"\x00")
case("UTF-16孤立代理.csv", "UTF-16")(lambda: codecs.BOM_UTF16_LE + HEAD.encode("utf-16-le") + b"\x00\xd8a\x00")
case("UTF-32.csv", ANY)(lambda: SEED_TEXT.encode("utf-32"))
case("全是零.csv", ANY)(lambda: bytes(1000))
case("超过20MB.csv", "文件太大")(lambda: b"," * (21 * 1024 * 1024))
_random = random.Random(SEED)
for _number in range(20):
    _bom = _random.choice([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
    _bytes = _bom + _random.randbytes(_random.randint(0, 3000))
    case(f"随机字节{_number:02d}.csv", None)(lambda data=_bytes: data)
for _number in range(10):
    _chosen = "".join(_random.choice(["单位", "报送条目", ",", "\n", '"', "'", "=", "甲", "\x0b", "5+1*", "一、"]) for _ in range(200))
    case(f"随机表格{_number:02d}.csv", None)(_csv(_chosen))


# -- Excel ----------------------------------------------------------------------------------


def _base() -> bytes:
    folder = Path(_TMP[0])
    return simple_workbook(folder / "base.xlsx", [["单位", "国办采用", "报送条目"], ["甲", 1, 2], ["乙", "5+1*", 3], ["丙", 0, 1]]).read_bytes()


_TMP: list[str] = []  # a folder for openpyxl to write into, set by the fixture below


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip ``data`` with each part passed through ``change`` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info.filename))
            if changed is not None:
                new.writestr(info.filename, changed)
        for name, part in (extra or {}).items():
            new.writestr(name, part)
    return out.getvalue()


def _part(name: str, replace: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: _rezip(_base(), lambda part, data: replace(data) if part == name else data)


def _sheet(old: bytes, new: bytes) -> Callable[[], bytes]:
    def replace(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new, 1)

    return _part(SHEET, replace)


def _cell(reference: str, raw: str) -> Callable[[bytes], bytes]:
    return lambda data: re.sub(rf'<c r="{reference}"[^>]*>.*?</c>'.encode(), raw.encode(), data, count=1)


def _merges(refs: list[str]) -> Callable[[], bytes]:
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    return _sheet(b"</sheetData>", f"</sheetData><mergeCells>{merges}</mergeCells>".encode())


case("附件.xlsx", rows(57))(lambda: seed_workbook(Path(_TMP[0]) / "seed.xlsx").read_bytes())
case("分组列合并.xlsx", rows(57))(lambda: seed_workbook(Path(_TMP[0]) / "seed2.xlsx", group_column=True).read_bytes())
case("宏.xlsm", rows(3))(lambda: _rezip(_base(), lambda part, data: data, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(500)}))
case("压缩炸弹.xlsx", "压缩炸弹")(_sheet(b"<sheetData>", b"<sheetData>" + b" " * (40 * 1024 * 1024)))
case("部件过多.xlsx", "部件过多")(lambda: _rezip(_base(), lambda p, d: d, {f"xl/media/x{i}.bin": b"" for i in range(2100)}))
case("共享字符串过大.xlsx", "过大")(lambda: _rezip(_base(), lambda p, d: d, {"xl/sharedStrings.xml": _random.randbytes(9 * 1024 * 1024)}))
for _part_name in (SHEET, "xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml", "_rels/.rels", "docProps/core.xml"):
    _laughs = BILLION_LAUGHS if _part_name == SHEET else BILLION_LAUGHS.replace(b"<!DOCTYPE worksheet", b"<!DOCTYPE x")
    case(f"实体攻击-{_part_name.replace('/', '_')}.xlsx", "不安全的 XML")(_part(_part_name, lambda d, x=_laughs: x))
_XXE = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
case("外部实体.xlsx", "不安全的 XML")(_part(SHEET, lambda d: _XXE + d[d.index(b"<worksheet"):].replace(b"<t>", b"<t>&x;", 1)))
case("参数实体.xlsx", "不安全的 XML")(_part(SHEET, lambda d: b'<!DOCTYPE w [<!ENTITY % p SYSTEM "http://x/p.dtd"> %p;]>' + d[d.index(b"<worksheet"):]))
case("注释后的实体.xlsx", "不安全的 XML")(_part(SHEET, lambda d: BILLION_LAUGHS.replace(b"?>\n", b"?>\n<!--" + b"x" * 8000 + b"-->\n", 1)))
case("公式无结果.xlsx", "C2 是公式但文件中没有保存计算结果")(_part(SHEET, _cell("C2", '<c r="C2"><f>1+1</f></c>')))
case("公式有结果.xlsx", rows(3))(_part(SHEET, _cell("C2", '<c r="C2"><f>1+1</f><v>2</v></c>')))
case("文本公式有结果.xlsx", units("丁"))(_part(SHEET, _cell("A4", '<c r="A4" t="str"><f>"丁"</f><v>丁</v></c>')))
case("许多公式无结果.xlsx", "等 15 个单元格")(
    lambda: simple_workbook(Path(_TMP[0]) / "f.xlsx", [["单位", "报送条目"], *[[f"单位{i}", f"={i}+1"] for i in range(15)]]).read_bytes()
)
case("合并过多.xlsx", "超过 10000 处的上限")(_merges([f"E{i}:F{i}" for i in range(1, 10_002)]))
case("合并覆盖整列.xlsx", "覆盖的范围超过")(_merges([f"A{2 + i % 3}:A1048576" for i in range(300)]))
case("合并引用无效.xlsx", None)(_merges(["A:A", "nonsense", "A0:B0", "XFE1:XFE2", "B2:A1"]))
case("合并重叠.xlsx", rows(3))(_merges(["D1:D4", "D2:D3", "D1:E9"]))
case("尺寸巨大.xlsx", rows(3))(_sheet(b'<dimension ref="A1:C4"/>', b'<dimension ref="A1:XFD1048576"/>'))
case("最远单元格.xlsx", rows(3))(_sheet(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
case("行号无效.xlsx", None)(_sheet(b'<row r="2">', b'<row r="99999999999">'))
case("列名无效.xlsx", None)(_part(SHEET, lambda d: d.replace(b'r="B2"', b'r="ZZZZ2"', 1)))
case("很多列.xlsx", rows(3))(_sheet(b"</row>", b"".join(f'<c r="{c}1"><v>1</v></c>'.encode() for c in ("BM", "ZZ", "AAA", "XFD")) + b"</row>"))
case("两万五千行.xlsx", "超过 20000 行")(
    _sheet(b"</sheetData>", b"".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>u{i}</t></is></c></row>'.encode() for i in range(5, 25_010)) + b"</sheetData>")
)
case("单位名三万字.xlsx", "最多 50 个字")(_part(SHEET, _cell("A2", '<c r="A2" t="inlineStr"><is><t>' + "甲" * 32767 + "</t></is></c>")))
case("转义控制字符.xlsx", None)(_part(SHEET, _cell("A2", '<c r="A2" t="inlineStr"><is><t>甲_x0001_局</t></is></c>')))
case("字符引用控制字符.xlsx", ANY)(_part(SHEET, _cell("A2", '<c r="A2" t="inlineStr"><is><t>甲&#1;局</t></is></c>')))
case("XML不完整.xlsx", ANY)(_part(SHEET, lambda d: d[: len(d) // 2]))
case("数字NaN.xlsx", None)(_part(SHEET, _cell("C2", '<c r="C2"><v>NaN</v></c>')))
case("数字巨大.xlsx", None)(_part(SHEET, _cell("C2", '<c r="C2"><v>1E+308</v></c>')))
case("没有内容类型.xlsx", ANY)(lambda: _rezip(_base(), lambda p, d: None if p == "[Content_Types].xml" else d))
case("内容类型错误.xlsx", None)(_part("[Content_Types].xml", lambda d: d.replace(b"spreadsheetml.worksheet+xml", b"wordprocessingml.document.main+xml")))
case("没有工作簿.xlsx", "不是 Excel 工作簿")(lambda: _rezip(_base(), lambda p, d: None if p == "xl/workbook.xml" else d))
case("没有工作表.xlsx", ANY)(lambda: _rezip(_base(), lambda p, d: None if p == SHEET else d))
case("Word文档.xlsx", "Word 文档")(lambda: _rezip(_base(), lambda p, d: None if p == "xl/workbook.xml" else d, {"word/document.xml": b"<w/>"}))
case("PDF改名.xlsx", "不是有效的 Excel 文件")(lambda: b"%PDF-1.7\n" + bytes(2000))
case("网页改名.xlsx", "网页格式")(lambda: "<html><table><tr><td>单位</td></tr></table></html>".encode())
case("旧版.xls", "另存为")(lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le").ljust(128, b"\0"))
case("加密.xlsx", "密码")(lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0"))
case("旧版WPS.et", "旧版")(lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
case("未知扩展名.ods", "不能导入这种文件")(lambda: b"PK\x03\x04")


def _flagged(data: bytes, flag: int = 0, method: int | None = None) -> bytes:
    """The zip with every entry's general-purpose flag or compression method changed in place."""
    raw = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        for match in re.finditer(re.escape(signature), bytes(raw)):
            raw[match.start() + flag_at] |= flag
            if method is not None:
                raw[match.start() + method_at] = method
    return bytes(raw)


case("设置了加密位.xlsx", "密码")(lambda: _flagged(_base(), flag=1))
case("压缩方式bzip2.xlsx", "压缩方式")(lambda: _flagged(_base(), method=12))
for _number in range(10):
    case(f"截断{_number:02d}.xlsx", ANY)(lambda n=_number: _base()[: int(len(_base()) * (n + 0.5) / 10.5)])
for _number in range(15):
    _positions = [(_random.random(), _random.randrange(256)) for _ in range(_random.randint(1, 30))]

    def _flipped(positions: list[tuple[float, int]] = _positions) -> bytes:
        data = bytearray(_base())
        for where, value in positions:
            data[int(where * len(data))] = value
        return bytes(data)

    case(f"随机损坏{_number:02d}.xlsx", None)(_flipped)


# -- scheme files (.json) -------------------------------------------------------------------

EXAMPLE = json.loads(resource_path(DEFAULT_SCHEME).read_text(encoding="utf-8-sig"))


def _scheme(**changes: object) -> Callable[[], bytes]:
    return lambda: json.dumps({**EXAMPLE, **changes}, ensure_ascii=False).encode()


def _channel(**changes: object) -> list[dict[str, object]]:
    return [{**EXAMPLE["channels"][0], **changes}, *EXAMPLE["channels"][1:]]


case("示例.json", _channels(6))(_scheme())
case("带BOM.json", _channels(6))(lambda: codecs.BOM_UTF8 + _scheme()())
case("括号在字符串里.json", _channels(6))(_scheme(name="[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{"))
case("嵌套十万层.json", "嵌套超过 20 层")(lambda: b"[" * 100_000 + b"]" * 100_000)
case("字段里嵌套.json", "嵌套超过 20 层")(_scheme(extra=json.loads("[" * 25 + "]" * 25)))
case("对象嵌套.json", "嵌套超过 20 层")(lambda: b'{"a":' * 50_000 + b"1" + b"}" * 50_000)
case("数字过长.json", "不是计分办法文件")(lambda: _scheme()().replace(b'"commend_count": 3', b'"commend_count": ' + b"9" * 5000))
case("NaN分值.json", "分值")(lambda: _scheme(channels=_channel(dedicated_points="x"))().replace(b'"x"', b"NaN"))
case("无穷分值.json", "分值")(lambda: _scheme(channels=_channel(dedicated_points="x"))().replace(b'"x"', b"1e400"))
case("空.json", "不是计分办法文件")(lambda: b"")
case("null.json", "不是计分办法文件")(lambda: b"null")
case("非UTF-8.json", "不是计分办法文件")(lambda: _scheme()().decode().encode("gbk"))
case("UTF-16.json", "不是计分办法文件")(lambda: _scheme()().decode().encode("utf-16"))
case("超过1MB.json", "文件太大")(_scheme(name="甲" * 400_000))
case("五千渠道.json", "超过 64 个的上限")(_scheme(channels=[{"name": f"渠道{i}", "dedicated_points": "1"} for i in range(5000)]))
case("渠道名控制字符.json", "U+000B")(_scheme(channels=_channel(name="潜江\x0b采用")))
case("渠道名过长.json", "最多 50 个字")(_scheme(channels=_channel(name="渠" * 60)))
case("办法名换行.json", "换行符")(_scheme(name="示例\n办法"))
case("新版本.json", "较新版本")(_scheme(version=99))
case("不是办法.json", "不是计分办法文件")(_scheme(format="other"))
for _field, _value in [
    ("channels", {}), ("channels", "abc"), ("channels", [1, 2]), ("channels", None), ("channels", [{"name": "甲"}]),
    ("tie_breaks", "x"), ("tie_breaks", [1]), ("ranking", 5), ("ranking", "fastest"), ("commend_count", -1),
    ("commend_count", True), ("commend_count", 1.5), ("criticise_count", "3"), ("submitted_points", [1]),
    ("adopted_points", "-1"), ("version", "1"), ("name", {"a": 1}),
]:
    case(f"字段{_field}={json.dumps(_value, ensure_ascii=False)[:12]}.json".replace("/", "_"), None)(_scheme(**{_field: _value}))


# -- the test -------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _folder(tmp_path_factory: pytest.TempPathFactory):
    _TMP[:] = [str(tmp_path_factory.mktemp("base"))]
    yield


def _import(path: Path) -> object:
    if path.suffix == ".json":
        return load_scheme(path)
    return build_period(read_table(path), default_scheme())


@pytest.mark.parametrize("hostile", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_in_chinese_or_read_correctly(tmp_path: Path, hostile: Case) -> None:
    path = tmp_path / hostile.name
    path.write_bytes(hostile.make())
    before = path.read_bytes()
    try:
        result = _import(path)
    except EditError as error:
        assert not callable(hostile.expect), f"refused: {error.problems}"
        assert error.problems and all(_CJK.search(problem) for problem in error.problems), error.problems
        assert f"「{path.name}」" in error.problems[0], error.problems[0]
        assert all("Traceback" not in problem for problem in error.problems)
        if hostile.expect:
            assert hostile.expect in str(error), error.problems
    else:
        assert hostile.expect is None or callable(hostile.expect), f"not refused: {hostile.expect}"
        if callable(hostile.expect):
            hostile.expect(result)
    assert path.read_bytes() == before  # never a changed input file


def test_the_corpus_is_large_and_names_each_case_once() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 150
