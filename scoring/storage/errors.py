"""Why a period file could not be opened or changed; every message is for the user (Chinese)."""

from __future__ import annotations

from pathlib import Path


class PeriodFileError(Exception):
    """Base of every period-file problem. ``str()`` is a complete Chinese sentence."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"无法打开「{self.path.name}」：{detail}")


class FileMissingError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, f"找不到这个文件（{Path(path).parent}）。它可能已被移动、改名或删除。")


class NotAPeriodFileError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "这不是考核期间文件（.zwxx）。请选择由本程序保存的期间文件，表格请用“导入”。")


class ForeignDatabaseError(PeriodFileError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "这是其他程序的数据库文件，不是考核期间文件，程序没有改动它。")


class NewerVersionError(PeriodFileError):
    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        self.found, self.supported = found, supported
        super().__init__(
            path,
            f"这个文件由较新版本的程序保存（文件格式第 {found} 版，本程序只认识到第 {supported} 版）。"
            "请安装新版本后再打开，程序没有改动它。",
        )


class CorruptFileError(PeriodFileError):
    def __init__(self, path: str | Path, why: str = "") -> None:
        extra = f"（{why}）" if why else ""
        super().__init__(
            path,
            f"文件已损坏或不完整{extra}，可能是复制中断或磁盘故障。请改用备份副本，程序没有改动它。",
        )


class MigrationError(PeriodFileError):
    def __init__(self, path: str | Path, why: str) -> None:
        super().__init__(path, f"升级旧版文件格式时出错：{why}。原文件未被改动。")


class ReadOnlyError(PeriodFileError):
    def __init__(self, path: str | Path, why: str = "文件以只读方式打开") -> None:
        Exception.__init__(self, f"不能修改「{Path(path).name}」：{why}。")
        self.path, self.detail = Path(path), why


class WriteFailedError(PeriodFileError):
    def __init__(self, path: str | Path, why: str) -> None:
        Exception.__init__(self, f"保存到「{Path(path).name}」失败：{why}。这次修改没有生效。")
        self.path, self.detail = Path(path), why
