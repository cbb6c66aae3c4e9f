"""The batch writers: JSON Lines, CSV and Parquet, each over one
:class:`~netralitas_rules.batch.outfile.OutputFile`.

A writer takes whole records; :meth:`Writer.commit` finishes the format (the Parquet
footer) and puts the file in place of the target; :meth:`Writer.discard` (or leaving a
``with`` block by an exception) removes it, so the target never holds a torn file. A failed
write raises :class:`~netralitas_rules.batch.outfile.OutputWriteError`.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import NetralitasError
from .outfile import OutputFile
from .output import OUT_COLUMNS, csv_row
from .records import detect_format


class Writer:
    """Writes whole records of one format to an :class:`OutputFile`."""

    def __init__(self, file: OutputFile) -> None:
        self.file = file

    def write(self, items: Sequence[Any]) -> None:  # pragma: no cover - interface
        """Write prepared items (see :func:`~netralitas_rules.batch.output.prepare`)."""
        raise NotImplementedError

    def copy_from(self, path: str, offset: int, length: int) -> None:
        """Append ``length`` bytes of ready output from ``path`` at ``offset``."""
        raise NetralitasError(f"{type(self).__name__} cannot take ready bytes")

    def commit(self) -> None:
        """Finish the format and put the file in place of the target."""
        with self.file.guard():
            self._finish()
        self.file.commit()

    def discard(self) -> None:
        """Remove what was written; the target keeps its previous content."""
        self._abandon()
        self.file.discard()

    def _finish(self) -> None:
        """Write what the format needs at the end."""

    def _abandon(self) -> None:
        """Let go of the format's state without writing more."""

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


class JsonlWriter(Writer):
    """JSON Lines: items are ready lines as UTF-8 bytes (see
    :func:`~netralitas_rules.batch.output.encode_line`), or blocks of such lines."""

    def write(self, items: Sequence[Any]) -> None:
        """Write whole lines."""
        if items:
            with self.file.guard():
                self.file.write_all(b"".join(items))

    def copy_from(self, path: str, offset: int, length: int) -> None:
        """Append whole lines from another file (a worker's part), copied by the kernel
        where it can (``copy_file_range``, ``sendfile``), else read and written."""
        src = os.open(path, os.O_RDONLY)
        out = self.file.fileno()
        try:
            done = 0
            ways = [_copy_file_range, _sendfile, _read_write]
            with self.file.guard():
                while done < length:
                    try:
                        copied = ways[0](src, out, offset + done, length - done)
                    except OSError as exc:
                        # e.g. across file systems or to a device: the next way, from where
                        # this one stopped (a call that fails has copied nothing)
                        if exc.errno not in _CANNOT_COPY_THIS_WAY or len(ways) == 1:
                            raise
                        ways.pop(0)
                        continue
                    if copied == 0:
                        raise NetralitasError(f"{path}: ends before byte {offset + length}")
                    done += copied
        finally:
            os.close(src)


_CANNOT_COPY_THIS_WAY = frozenset(
    {errno.EXDEV, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EBADF, errno.EPERM}
)
"""What a kernel copy answers when it cannot copy between these two files (the next way
may); a full disk or an I/O error is the output's and ends the copy."""


class CsvWriter(Writer):
    """CSV with the :data:`~netralitas_rules.batch.output.OUT_COLUMNS` header: items are
    flat rows; a text cell a spreadsheet would run as a formula is written neutralised
    (see :func:`~netralitas_rules.batch.output.csv_row`)."""

    def __init__(self, file: OutputFile) -> None:
        super().__init__(file)
        self._buffer = io.StringIO()
        self._csv = csv.DictWriter(self._buffer, fieldnames=OUT_COLUMNS)
        self._csv.writeheader()
        self._flush()

    def write(self, items: Sequence[Any]) -> None:
        """Write whole rows."""
        if items:
            self._csv.writerows(csv_row(row) for row in items)
            self._flush()

    def _flush(self) -> None:
        data = self._buffer.getvalue().encode("utf-8")
        self._buffer.seek(0)
        self._buffer.truncate()
        with self.file.guard():
            self.file.write_all(data)


class ParquetWriter(Writer):
    """Parquet: items are flat rows, written as one row group per batch."""

    def __init__(self, file: OutputFile) -> None:
        super().__init__(file)
        import pyarrow as pa
        import pyarrow.parquet as pq

        fields = [
            pa.field(c, pa.int64() if c == "activities" else pa.string()) for c in OUT_COLUMNS
        ]
        self._schema = pa.schema(fields)
        self._pa = pa
        with file.guard():
            self._writer = pq.ParquetWriter(file, self._schema)

    def write(self, items: Sequence[Any]) -> None:
        """Write the rows as one row group."""
        if items:
            table = self._pa.Table.from_pylist(list(items), schema=self._schema)
            with self.file.guard():
                self._writer.write_table(table)

    def _finish(self) -> None:
        self._writer.close()  # the footer

    def _abandon(self) -> None:
        # No footer for a file about to be removed (pyarrow would write one when the
        # writer is collected).
        if hasattr(self, "_writer"):
            self._writer.is_open = False


def _copy_file_range(src: int, out: int, offset: int, length: int) -> int:
    return os.copy_file_range(src, out, length, offset)


def _sendfile(src: int, out: int, offset: int, length: int) -> int:
    return os.sendfile(out, src, offset, length)


def _read_write(src: int, out: int, offset: int, length: int) -> int:
    data = os.pread(src, min(length, 1 << 20), offset)
    view = memoryview(data)
    while view:
        view = view[os.write(out, view) :]
    return len(data)


_WRITERS: dict[str, type[Writer]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "parquet": ParquetWriter,
}


def open_writer(
    path: str | Path, fmt: str | None = None, role: str = "output", lang: str = "id"
) -> Writer:
    """A writer for the output format (named, or taken from the extension), writing a
    partial file beside ``path`` until it is committed. ``role`` names the file in
    errors, which are in ``lang``."""
    kind = detect_format(path, fmt)
    file = OutputFile(path, role, lang)
    try:
        return _WRITERS[kind](file)
    except BaseException:
        file.discard()
        raise
