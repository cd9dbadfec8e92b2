"""Safe access to the files a model names: where a source may live, what may be opened, how much is read.

A source document must be named by a relative path that resolves (symlinks followed) inside
the model's folder tree, must not be the model file itself nor a file another source already
names, and must be a regular file: a FIFO, a device, a directory or anything under ``/proc`` is
refused from its metadata alone, never opened. Files are read with the size limit enforced
while reading (a file that grows, or lies about its size, cannot exhaust memory), through a
non-blocking, no-follow open whose descriptor is checked again before the first byte is read.

Nothing here prints or returns text from a refused file: a refusal says what was expected
and what was found, in words about the path only.

May import the standard library and :mod:`model.errors`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from model.errors import did_you_mean

MAX_SOURCE_BYTES = 20 * 1024 * 1024
"""Largest source document read (20 MiB): more than any news article, less than memory."""

MAX_NAME_BYTES = 255
"""Longest file or folder name, in UTF-8 bytes (the limit of common file systems)."""

MAX_PATH_BYTES = 4096
"""Longest path, in UTF-8 bytes."""

_CHUNK = 1 << 16


class FileRefusedError(Exception):
    """A path or file the engine will not read: ``message`` ("expected …, got …") and a ``hint``."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_name(declared: str) -> None:
    """Refuse a path the file system would refuse anyway, before asking it: NUL bytes, over-long names."""
    if "\0" in declared:
        raise FileRefusedError(f"expected a file path, got {declared!r} with a NUL character")
    encoded = declared.encode("utf-8", "surrogateescape")
    if len(encoded) > MAX_PATH_BYTES:
        raise FileRefusedError(f"expected a path of at most {MAX_PATH_BYTES} bytes, got {len(encoded):,} bytes")
    for part in Path(declared).parts:
        size = len(part.encode("utf-8", "surrogateescape"))
        if size > MAX_NAME_BYTES:
            raise FileRefusedError(
                f"expected file and folder names of at most {MAX_NAME_BYTES} bytes, got one of {size}"
            )


def resolve_source(declared: str, *, root: Path, model_file: Path | None) -> Path:
    """The real path of a source document declared as ``declared``, or :class:`FileRefusedError`.

    ``root`` is the model's folder: the path is relative to it and must resolve inside it.
    """
    check_name(declared)
    if Path(declared).is_absolute():
        raise FileRefusedError(
            f"expected a path relative to the model's folder, got the absolute path {declared!r}",
            "copy the document into the model's folder (for example seeds/) and name it relative to the model file",
        )
    base = root.resolve()
    try:
        real = (base / declared).resolve(strict=True)
    except FileNotFoundError:
        raise FileRefusedError(
            f"expected an existing document, got {declared!r} (no such file)", _nearby_name(base, declared)
        ) from None
    except OSError as error:
        raise FileRefusedError(f"expected a readable document, got {declared!r} ({_reason(error)})") from None
    if not real.is_relative_to(base):
        raise FileRefusedError(
            f"expected a document inside the model's folder ({base}), got {declared!r}, which resolves outside it",
            "sources must live in the model's folder tree (for example seeds/); symlinks are followed",
        )
    if model_file is not None and _same(real, model_file):
        raise FileRefusedError(f"expected a source document, got {declared!r}, which is the model file itself")
    try:
        mode = os.stat(real).st_mode
    except OSError as error:
        raise FileRefusedError(f"expected a readable document, got {declared!r} ({_reason(error)})") from None
    if not stat.S_ISREG(mode):
        raise FileRefusedError(f"expected a regular file, got {declared!r}, which is {_kind(mode)}")
    return real


def _nearby_name(base: Path, declared: str) -> str:
    """A "did you mean" over the names in the declared folder, if that folder is inside the model's."""
    folder = (base / declared).parent
    try:
        real_folder = folder.resolve(strict=True)
        if not real_folder.is_relative_to(base) or not real_folder.is_dir():
            raise OSError
        names = [entry.name for entry in real_folder.iterdir()]
    except OSError:
        return f"paths are relative to the model's folder ({base})"
    hint = did_you_mean(Path(declared).name, names)
    return f"{hint} (in {folder})" if hint else f"paths are relative to the model's folder ({base})"


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _reason(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "a name is too long"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return error.strerror or type(error).__name__


def file_identity(path: Path) -> tuple[int, int]:
    """(device, inode): two paths naming the same file share it."""
    info = os.stat(path)
    return info.st_dev, info.st_ino


def read_bounded(path: Path, limit: int, *, what: str = "document") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`FileRefusedError`.

    The file is opened without following a final symlink and without blocking (so a FIFO swapped
    in after the check cannot hang the process), checked again through its descriptor, and read
    in chunks that stop one byte past the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        check_name(str(path))
        descriptor = os.open(path, flags)
    except FileRefusedError:
        raise
    except OSError as error:
        raise FileRefusedError(f"expected a readable {what}, got {str(path)!r} ({_reason(error)})") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise FileRefusedError(f"expected a regular file, got {str(path)!r}, which is {_kind(mode)}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            except OSError as error:
                raise FileRefusedError(f"expected a readable {what}, got {str(path)!r} ({_reason(error)})") from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileRefusedError(
                f"expected a {what} of at most {limit:,} bytes, got a larger file",
                "split the document, or keep only the article text",
            )
        return b"".join(chunks)
    finally:
        os.close(descriptor)
