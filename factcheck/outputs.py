"""Writing what factcheck produces: every output of a command checked before any is
written, and each file written whole or not at all.

``check_outputs`` refuses, before anything is written, an output that would overwrite an
input or another output of the same command, and one whose place cannot take a file (a
missing folder, a folder, a FIFO or a device, a symbolic-link loop). ``write_text``
writes to a temporary name in the same folder and renames it over the target, so a
failure half-way leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from factcheck.errors import OutputError

__all__ = ["check_outputs", "same_file", "write_text"]


def check_outputs(
    outputs: Mapping[str, Path | None],
    *,
    inputs: Sequence[Path] = (),
    read_from_folders: Collection[str] = (),
) -> None:
    """Refuse the outputs of one command (``{"--out": path, ...}``, ``None`` for one not
    asked for) when any cannot be written or would overwrite an input or another output.

    A file directly in an input folder with a suffix in ``read_from_folders`` counts as an
    input: the next run would read it as one.
    """
    asked = [(label, path) for label, path in outputs.items() if path is not None]
    for label, path in asked:
        _check_place(label, path)
    for number, (label, path) in enumerate(asked):
        for other_label, other in asked[:number]:
            if same_file(path, other):
                raise OutputError(
                    f"{other_label} and {label} both name {path}; give each output its own "
                    "file (one would overwrite the other)",
                    path=str(path),
                )
        for source in inputs:
            if same_file(path, source):
                raise OutputError(
                    f"{label} {path} is the input {source}; writing it would destroy the "
                    "input: name another file",
                    path=str(path),
                )
            if (
                read_from_folders
                and _is_folder(source)
                and _real(path).parent == _real(source)
                and path.suffix.lower() in read_from_folders
                and not path.name.startswith(".")
            ):
                raise OutputError(
                    f"{label} {path} lies in the input folder {source}, whose "
                    f"{path.suffix} files are read as articles: write it somewhere else",
                    path=str(path),
                )


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same place after symbolic links, or the same
    file on disk (a hard link)."""
    if _real(a) == _real(b):
        return True
    try:
        return a.samefile(b)
    except OSError:
        return False


def write_text(path: Path, text: str) -> None:
    """``text`` as UTF-8 at ``path``, atomically: written and synced under a temporary
    name beside it, then renamed over it. A symbolic link is written through (the link
    stays); an existing file keeps its permissions."""
    target = _real(path)
    temporary = target.with_name(f".{target.name[:200]}.{secrets.token_hex(4)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        # An existing file keeps its mode; a new one has what the umask gave the temporary.
        with contextlib.suppress(FileNotFoundError):
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _unwritable(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_place(label: str, path: Path) -> None:
    where = f"{label} {path}"
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                f"{where} is a symbolic link that points back to itself (a loop); fix the "
                "link or name another file",
                path=str(path),
            ) from None
        if exc.errno == errno.ENOTDIR:
            raise OutputError(
                f"{where}: a part of the path is a file, not a folder; name a file in a folder",
                path=str(path),
            ) from None
        if exc.errno != errno.ENOENT:
            raise OutputError(f"{where} cannot be used ({exc.strerror})", path=str(path)) from None
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(
                f"{where} is a folder; name a file (for example {path / 'report.md'})",
                path=str(path),
            )
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(
                f"{where} is not a regular file (a FIFO, a device or a socket); name a file",
                path=str(path),
            )
        if not os.access(path, os.W_OK):
            raise OutputError(
                f"{where} is read-only; make it writable or name another file", path=str(path)
            )
    folder = _real(path).parent
    if not folder.is_dir():
        raise OutputError(
            f"{where}: the folder {path.parent} does not exist; create it first "
            f"(mkdir -p '{path.parent}') or name a file in an existing folder",
            path=str(path),
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"{where}: the folder {path.parent} is not writable; name a file in a folder "
            "you can write to",
            path=str(path),
        )


def _real(path: Path) -> Path:
    # os.path.realpath, not Path.resolve: a symbolic-link loop must not raise here.
    return Path(os.path.realpath(path))


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _unwritable(path: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "permission denied"
    else:
        why = exc.strerror or str(exc)
    return OutputError(
        f"cannot write {path} ({why}); any previous file there is unchanged", path=str(path)
    )
