"""Files a command writes whole (exports, backups): at their name complete or not at all.

A regular file, or a new name, is written as NAME.part beside it and renamed over NAME once complete and
synced, so a killed run leaves at most NAME.part, which the next run replaces. A FIFO or a character device
(`/dev/stdout`, `/dev/null`, a terminal) is written straight: renaming over it would put a regular file in
place of the node. A symbolic link to a regular file is refused, since the rename would replace the link, not
the file it points to, and writing through it would leave a half file there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class OutputError(Exception):
    """Why a file cannot be written where asked, in one sentence."""


@dataclass(frozen=True)
class Target:
    path: Path
    straight: bool  # a FIFO or device: written in place, never replaced

    @property
    def part(self) -> Path:
        return self.path.with_name(self.path.name + ".part")


def target(path: str | Path, replace: bool = True) -> Target:
    """Where to write `path`, or an `OutputError`; `replace=False` refuses any existing file."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        parent = path.absolute().parent
        if not parent.is_dir():
            raise OutputError(f"cannot write {path}: directory {parent} does not exist") from None
        return Target(path, straight=False)
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise OutputError(f"{path} is a symbolic link to nothing: give a real file name") from None
        if not _is_stream(mode):
            raise OutputError(
                f"{path} is a symbolic link: refusing to replace the file it points to"
                f" (give its own path, {os.path.realpath(path)})"
            )
    if _is_stream(mode):
        return Target(path, straight=True)
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path} is not a regular file, a FIFO or a character device")
    if not replace:
        raise OutputError(f"{path} already exists: choose a new file name")
    return Target(path, straight=False)


def _is_stream(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def clear_part(part: Path) -> None:
    """Remove what a killed run left at `part` (the link itself if it is one, never what it points to)."""
    for leftover in (part, part.with_name(part.name + "-journal")):
        if os.path.lexists(leftover):
            try:
                leftover.unlink()
            except OSError as exc:
                raise OutputError(f"cannot remove the leftover {leftover}: {exc.strerror}") from None


def publish(part: Path, path: Path) -> None:
    """Sync `part` and rename it to `path`, so `path` appears complete or not at all."""
    with part.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(part, path)
    directory = os.open(path.absolute().parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@contextmanager
def writing(where: Target) -> Iterator[BinaryIO]:
    """A binary stream to `where`; a regular file appears at its name only when the block ends normally."""
    if where.straight:
        with _open(where.path, "wb") as handle:
            yield handle
        return
    part = where.part
    clear_part(part)
    handle = _open(part, "xb")  # exclusive: never through a link planted at the .part name
    try:
        yield handle
        handle.close()
        publish(part, where.path)
    except BaseException:
        with suppress(OSError):  # closing flushes, and fails again on a full disk
            handle.close()
        part.unlink(missing_ok=True)
        raise


def _open(path: Path, mode: str) -> BinaryIO:
    try:
        return path.open(mode)  # type: ignore[return-value]
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
