"""Batch evaluation at scale: streaming readers and writers (JSON Lines, CSV, Parquet), the
``netralitas batch`` runner with worker processes, and Dask (``netralitas_rules.batch.dask``,
imported on demand)."""

from .chunks import evaluate_chunk
from .outfile import OutputPathError, OutputWriteError
from .output import output_record, read_output
from .readers import parse_raw, raw_records
from .records import FORMATS, BatchInputError, RawRecord
from .rejection import error_record
from .runner import BatchSummary, run_batch

__all__ = [
    "FORMATS",
    "BatchInputError",
    "BatchSummary",
    "OutputPathError",
    "OutputWriteError",
    "RawRecord",
    "error_record",
    "evaluate_chunk",
    "output_record",
    "parse_raw",
    "raw_records",
    "read_output",
    "run_batch",
]
