"""Every file a batch writes goes through here: one discipline for all formats.

* :func:`refuse_clashes` refuses, before anything is opened, an output that is an input or
  another output (same resolved path, or same device and inode: symlinks, hard links).
* :class:`OutputFile` writes a regular file as ``.<name>.partial-<pid>-<random>`` beside
  it and, on :meth:`~OutputFile.commit`, syncs it and renames it over the target (and syncs
  the folder), so the target holds either its previous content or the complete new one. A
  run that fails or is interrupted removes its partial file; one killed outright leaves it
  under that name, and the next run for the same target removes it once its pid is dead.
  Devices and pipes (``/dev/stdout``, ``/dev/null``) cannot be renamed over and are written
  in place.
* The ``--jobs`` workers' part folders (:func:`parts_folder`) carry the parent's pid too;
  the run removes its own on every way out, and :func:`remove_stale_parts` those of dead
  runs.
* A write that fails (``ENOSPC``, ``EDQUOT``, ``EIO``, ``EFBIG``...) becomes
  :class:`OutputWriteError`, one line naming the file, what failed and what to do.
* Every error is in the language asked (``lang``, Indonesian by default): the texts are
  ``outfile.*`` of the message catalogues.

``docs/reliability.md`` ("Outputs") states these guarantees.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..errors import NetralitasError
from ..messages import CATALOGUES, msg
from ..problemtext import Foreign

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

PARTIAL = ".partial-"
"""What marks an unfinished output: ``.<name>.partial-<pid>-<8 hex digits>``."""
PARTS_PREFIX = "netralitas-batch-"
"""Part folders of ``--jobs`` runs: ``netralitas-batch-<pid>-<random>``."""


class OutputPathError(NetralitasError, ValueError):
    """An output path is an input or another output; nothing was opened."""


class OutputWriteError(NetralitasError, OSError):
    """An output could not be written (disk full, I/O error, no permission); the target
    keeps its previous content."""


_HINTS = {
    errno.ENOSPC: "enospc",
    errno.EDQUOT: "edquot",
    errno.EIO: "eio",
    errno.EFBIG: "efbig",
    errno.EROFS: "erofs",
    errno.EACCES: "eacces",
    errno.EPERM: "eacces",
    errno.ENOENT: "enoent",
    errno.ENOTDIR: "enotdir",
}
"""The hint (``outfile.hint.<name>`` of the message catalogues) for each failure it knows."""


def role_words(role: str, lang: str) -> str:
    """What a file is to the run, in ``lang``: a role of ``outfile.role.<role>``
    (``output``, ``errors``, ``report``, ``export``, ``parts``) in words, any other as it is
    (an option or an argument as the user typed it: ``--out``, ``INPUT``)."""
    key = f"outfile.role.{role}"
    return msg(key, lang) if key in CATALOGUES[lang] else role


def _reason(exc: OSError, lang: str) -> str:
    """The system's reason: its own words in English, the catalogue's in another language
    (``outfile.reason.<ERRNO NAME>``, else the problem texts' words for the system's
    errors)."""
    english = exc.strerror or str(exc) or type(exc).__name__
    if lang == "en":
        return english
    key = f"outfile.reason.{errno.errorcode.get(exc.errno or 0, '')}"
    if key in CATALOGUES[lang]:
        return msg(key, lang)
    return Foreign("os", english, exc.errno).render(lang)


def write_error(
    path: str | Path, role: str, exc: OSError, kept: bool, lang: str = "id"
) -> OutputWriteError:
    """The one-line error for ``exc`` while writing ``path`` (the ``role`` it plays; see
    :func:`role_words`), in ``lang``."""
    hint = msg(f"outfile.hint.{_HINTS.get(exc.errno or 0, 'other')}", lang)
    return OutputWriteError(
        msg(
            "outfile.cannot_write",
            lang,
            path=path,
            role=role_words(role, lang),
            reason=_reason(exc, lang),
            kept=msg("outfile.kept", lang) if kept else "",
            hint=hint,
        )
    )


def _identity(path: str | Path) -> tuple[str, tuple[int, int] | None]:
    real = os.path.realpath(path)
    try:
        st = Path(real).stat()
    except OSError:
        return real, None
    return real, (st.st_dev, st.st_ino)


def refuse_clashes(
    inputs: Sequence[tuple[str, str | Path]],
    outputs: Sequence[tuple[str, str | Path]],
    lang: str = "id",
) -> None:
    """Raise :class:`OutputPathError` when an output is one of the inputs or another output.

    Each entry is ``(role, path)``, the role as the user named it (``"INPUT"``,
    ``"--out"``). Paths are compared resolved (symlinks followed) and, where the file
    exists, by device and inode (hard links); nothing is opened. The error is in ``lang``.
    """
    seen = [(role, path, *_identity(path)) for role, path in inputs]
    n_inputs = len(seen)
    for role, path in outputs:
        real, ident = _identity(path)
        for index, (other_role, other, other_real, other_ident) in enumerate(seen):
            if real != other_real and (ident is None or ident != other_ident):
                continue
            if index >= n_inputs and real == os.devnull:  # discarding both is fine
                continue
            key = "outfile.same_as_input" if index < n_inputs else "outfile.same_as_output"
            raise OutputPathError(
                msg(key, lang, path=path, role=role, other_role=other_role, other=other)
            )
        seen.append((role, path, real, ident))


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (one we may not signal counts as alive; on
    Windows, where ``os.kill`` would end it, every process does)."""
    if sys.platform == "win32":
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _partial_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}{re.escape(PARTIAL)}(\d+)-[0-9a-f]{{8}}")


def _stale(entry: os.DirEntry[str], pid: str) -> bool:
    """Ours (same user, not a symlink) and its process gone."""
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not stat.S_ISLNK(st.st_mode) and not pid_alive(int(pid))


def remove_stale_partials(target: str | Path) -> list[Path]:
    """Remove the partial files of ``target`` left by runs whose process is gone; the
    removed paths."""
    real = Path(os.path.realpath(target))
    pattern = _partial_pattern(real.name)
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(real.parent):
            hit = pattern.fullmatch(entry.name)
            if hit and _stale(entry, hit.group(1)):
                with contextlib.suppress(FileNotFoundError):
                    Path(entry.path).unlink()
                    removed.append(Path(entry.path))
    return removed


class OutputFile(io.RawIOBase):
    """A binary output written as a partial file and renamed over ``path`` on
    :meth:`commit`; :meth:`discard` (or closing without a commit) removes it.

    ``role`` names the file in errors (``"output"``, ``"errors"``: see :func:`role_words`),
    in ``lang``. Writes raise the system's ``OSError``; :meth:`guard` turns them into
    :class:`OutputWriteError`.
    """

    _fd = -1

    def __init__(self, path: str | Path, role: str = "output", lang: str = "id") -> None:
        super().__init__()
        self.path = Path(path)
        self.role = role
        self.lang = lang
        self.target = Path(os.path.realpath(path))
        self.partial: Path | None = None
        self._done = False
        try:
            st: os.stat_result | None = self.target.stat()
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise write_error(path, role, exc, kept=False, lang=lang) from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            words = role_words(role, lang)
            raise OutputWriteError(msg("outfile.folder", lang, path=path, role=words))
        # A previous file at the target that a failure leaves as it was.
        self.existed = st is not None and stat.S_ISREG(st.st_mode)
        try:
            if st is not None and not stat.S_ISREG(st.st_mode):
                # A device or a pipe cannot be renamed over: written in place.
                self._fd = os.open(self.target, os.O_WRONLY)
                return
            remove_stale_partials(self.target)
            self._fd, self.partial = _create_partial(self.target)
            if st is not None and hasattr(os, "fchmod"):  # a private output stays private
                os.fchmod(self._fd, stat.S_IMODE(st.st_mode))
        except OSError as exc:
            self._discard_quietly()
            raise write_error(path, role, exc, kept=self.existed, lang=lang) from None

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.partial is not None

    def fileno(self) -> int:
        return self._fd

    def write(self, data: ReadableBuffer) -> int:
        """Write some of ``data``; the bytes written."""
        return os.write(self._fd, data)

    def write_all(self, data: ReadableBuffer) -> None:
        """Write all of ``data``."""
        view = memoryview(data).cast("B")
        while view:
            view = view[self.write(view) :]

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self._fd, offset, whence)

    def tell(self) -> int:
        return os.lseek(self._fd, 0, os.SEEK_CUR)

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Turn a failed write inside into :class:`OutputWriteError` (a closed reader of
        a pipe stays a ``BrokenPipeError``)."""
        try:
            yield
        except (OutputWriteError, BrokenPipeError):
            raise
        except OSError as exc:
            raise write_error(self.path, self.role, exc, self.existed, self.lang) from None

    def commit(self) -> None:
        """Sync the file and put it in place of the target (then sync the folder)."""
        if self._done:
            return
        with self.guard():
            if self.partial is None:
                with contextlib.suppress(OSError):  # a pipe or a device may not sync
                    os.fsync(self._fd)
                self._close_fd()
            else:
                os.fsync(self._fd)
                self._close_fd()
                self.partial.replace(self.target)
                self.partial = None
                _sync_folder(self.target.parent)
        self._done = True
        super().close()

    def discard(self) -> None:
        """Remove the partial file; the target keeps its previous content."""
        self._discard_quietly()
        self._done = True
        super().close()

    def close(self) -> None:
        """Without a commit, closing discards."""
        if not self._done:
            self.discard()

    def _close_fd(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def _discard_quietly(self) -> None:
        with contextlib.suppress(OSError):
            self._close_fd()
        if self.partial is not None:
            with contextlib.suppress(OSError):
                self.partial.unlink()
            self.partial = None


def _create_partial(target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        name = f".{target.name}{PARTIAL}{os.getpid()}-{secrets.token_hex(4)}"
        path = target.parent / name
        try:
            return os.open(path, flags, 0o666), path  # the umask applies, as for open()
        except FileExistsError:  # pragma: no cover - 1 in 4 billion
            continue


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; file systems that cannot sync a folder are left be."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _parts_roots() -> list[Path]:
    roots = [Path("/dev/shm")] if Path("/dev/shm").is_dir() else []
    return [*roots, Path(tempfile.gettempdir())]


def parts_folder() -> str:
    """A private folder for the workers' parts, named after this process: in memory
    (/dev/shm) where there is one, so parts never reach the disk."""
    prefix = f"{PARTS_PREFIX}{os.getpid()}-"
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return tempfile.mkdtemp(prefix=prefix, dir=shm)
    return tempfile.mkdtemp(prefix=prefix)


_PARTS = re.compile(rf"{re.escape(PARTS_PREFIX)}(\d+)-\w+")


def remove_stale_parts() -> list[Path]:
    """Remove part folders of runs whose process is gone (killed before it could); the
    removed folders."""
    removed = []
    for root in _parts_roots():
        with contextlib.suppress(OSError):
            for entry in os.scandir(root):
                hit = _PARTS.fullmatch(entry.name)
                if hit and entry.is_dir(follow_symlinks=False) and _stale(entry, hit.group(1)):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def signals_deferred() -> Iterator[list[int]]:
    """Hold SIGINT and SIGTERM while outputs are put in place or removed, so a signal
    cannot leave one output renamed and the other not; the signals that arrived. Outside
    the main thread (where handlers cannot be set) nothing is held."""
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return

    def note(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)

    old: dict[int, Any] = {s: signal.signal(s, note) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield arrived
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)
