"""Writing output files so that a failure never leaves a half-written or truncated file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """A file that could not be written; the message names it and says why."""


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place.

    Until the rename, any previous file at `path` is untouched; on failure the temporary file
    is removed and OutputError says what went wrong.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # keep the previous file's permissions when replacing it
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        if not path.exists():
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def write_files_atomically(directory: Path, files: dict[str, str]) -> None:
    """Write several files into `directory` (created if missing), each one atomically."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {directory}: {error.strerror or error}") from None
    if not directory.is_dir():
        raise OutputError(f"{directory} is not a directory")
    for name, text in files.items():
        write_atomically(directory / name, text)
