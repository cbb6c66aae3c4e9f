"""The JSON Lines block reader: a file read whole, or span by span (as --jobs workers read
it), gives the same numbered lines as a line-by-line reading, blank, overlong and
unterminated lines included, whatever the block and span sizes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.batch import blocks

LIMIT = 40  # MAX_LINE_BYTES for these tests, so overlong lines stay small


def _by_readline(data: bytes) -> list[tuple[int, bytes | None]]:
    """The reference: one line at a time, as the first reader did."""
    out: list[tuple[int, bytes | None]] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if len(line) > LIMIT:
            out.append((number, None))
        elif line.strip():
            out.append((number, line))
    return out


_LINE = st.one_of(
    st.binary(max_size=30).filter(lambda b: b"\n" not in b),
    st.sampled_from([b"", b"  ", b"\r", b"x" * LIMIT, b"x" * (LIMIT + 1), b"y" * (3 * LIMIT)]),
)


@settings(max_examples=examples(300))
@given(
    st.lists(_LINE, max_size=30),
    st.booleans(),
    st.integers(1, 100),
    st.integers(1, 200),
)
def test_blocks_and_spans_give_the_lines_of_a_line_by_line_reading(
    lines: list[bytes], newline_at_end: bool, size: int, span: int
) -> None:
    data = b"\n".join(lines) + (b"\n" if newline_at_end and lines else b"")
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        mp.setattr(blocks, "MAX_LINE_BYTES", LIMIT)
        path = Path(tmp) / "in.jsonl"
        path.write_bytes(data)
        want = _by_readline(data)
        whole = [x for b in blocks.jsonl_blocks(path, size) for x in blocks.block_lines(b)]
        assert whole == want
        by_span: list[tuple[int, bytes | None]] = []
        first, end = 1, 0
        for start, stop in blocks.jsonl_spans(path, span):
            assert start == end  # spans follow each other
            assert start == 0 or data[start - 1 : start] == b"\n"  # and begin lines
            found = list(blocks.jsonl_blocks(path, size, start=start, stop=stop, first_line=first))
            by_span += [x for b in found for x in blocks.block_lines(b)]
            first += sum(blocks.block_line_count(b) for b in found)
            end = stop
        assert end == len(data)
        assert by_span == want
