"""The spectrum chart as the caller drew it: PNG and/or SVG bytes, plus the size to show it at."""

from __future__ import annotations

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartImage:
    """``width`` x ``height`` is the size to show the chart at, in CSS pixels; the PNG may hold more pixels."""

    width: int
    height: int
    png: bytes | None = None
    svg: bytes | None = None

    def data_uri(self) -> str | None:
        """The chart inlined for a self-contained HTML file, SVG first (it stays sharp when zoomed)."""
        if self.svg:
            return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")
        if self.png:
            return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        return None
