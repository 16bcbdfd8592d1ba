"""Writing an output file in one step: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


class OutputError(Exception):
    """An output file could not be written; ``str()`` is a Chinese sentence for the user."""


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block succeeds it replaces ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"无法在「{path.parent}」中写文件：{error.strerror or error}") from error
    os.close(handle)
    temporary = Path(name)
    try:  # mkstemp makes the file private; give it the permissions a normal new file gets
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
    except OSError:
        pass
    try:
        yield temporary
        try:
            os.replace(temporary, path)
        except PermissionError as error:
            raise OutputError(
                f"无法写入「{path.name}」：文件正被其他程序（如 Excel、WPS）打开或没有写入权限，请关闭后重试"
            ) from error
        except OSError as error:
            raise OutputError(f"无法写入「{path.name}」：{error.strerror or error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_path(path) as temporary:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
