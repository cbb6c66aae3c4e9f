"""Progress on stderr: a live bar with rate and ETA on a terminal, sparse log lines
otherwise (a pipe or a CI log must not fill with carriage returns)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..messages import counted, msg
from ..supervision.labels import number
from .runner import BatchSummary


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Called after every chunk with the running summary.

    ``total`` is the size hint of the input (bytes, or rows for Parquet) that the records'
    weights count toward; the ETA assumes the rate so far holds.
    """

    def __init__(
        self,
        total: int | None,
        stream: TextIO | None = None,
        *,
        live: bool | None = None,
        every: float = 30.0,
        lang: str = "id",
    ) -> None:
        self.stream = stream or sys.stderr
        self.lang = lang
        self.total = total
        self.live = self.stream.isatty() if live is None else live
        self.every = every
        self._last = 0.0
        self._shown = False

    def line(self, s: BatchSummary) -> str:
        """The progress text for the summary so far."""
        lang = self.lang
        text = counted(
            "batch.progress",
            lang,
            s.read,
            read=number(s.read, lang),
            rate=number(round(s.rate), lang),
            rejected=number(s.rejected, lang),
        )
        if self.total and s.weight:
            frac = min(1.0, s.weight / self.total)
            eta = s.seconds * (1 - frac) / frac if frac > 0 else 0.0
            width = 24
            filled = int(frac * width)
            bar = "#" * filled + "." * (width - filled)
            eta_text = msg("batch.eta", lang, eta=_duration(eta))
            text = f"[{bar}] {frac:4.0%} {text}, {eta_text}"
        return text

    def __call__(self, s: BatchSummary) -> None:
        """Show progress: at most 10 redraws a second live, else one line per ``every``."""
        now = time.monotonic()
        if self.live:
            if now - self._last >= 0.1:
                self.stream.write("\r" + self.line(s) + "\x1b[K")
                self.stream.flush()
                self._last, self._shown = now, True
        elif now - self._last >= self.every:
            if self._last:
                self.stream.write(f"netralitas batch: {self.line(s)}\n")
                self.stream.flush()
            self._last = now

    def finish(self) -> None:
        """End the live line so later output starts on its own line."""
        if self.live and self._shown:
            self.stream.write("\n")
            self.stream.flush()
