"""The supervision register: cases, their evaluations and the events of their handling."""

from __future__ import annotations

from .events import Event, EventKind, ReportSource

__all__ = ["Event", "EventKind", "ReportSource"]
