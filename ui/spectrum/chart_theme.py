"""Colours, patterns and fonts of the spectrum chart, in a light and a dark variant.

Each level band has its own hatch as well as its own colour, and a label, so the
bands stay apart in greyscale print and for readers who do not see the colours.
The hues are from the Okabe-Ito palette, which stays distinct under the common
kinds of colour blindness.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

HATCH_CHARITY = Qt.BrushStyle.FDiagPattern  # diagonal lines
HATCH_CONTRIBUTORY = Qt.BrushStyle.Dense6Pattern  # fine dots
HATCH_RADICAL = Qt.BrushStyle.CrossPattern  # a grid


@dataclass(frozen=True)
class BandStyle:
    fill: QColor
    hatch: QColor
    pattern: Qt.BrushStyle
    border: QColor


@dataclass(frozen=True)
class ChartTheme:
    dark: bool
    background: QColor
    text: QColor
    grid: QColor
    weekly: QColor
    weekly_marker_border: QColor
    average: QColor
    reference: QColor
    bands: dict[str, BandStyle]


def _rgba(hex_colour: str, alpha: int) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour


LIGHT = ChartTheme(
    dark=False,
    background=QColor("#ffffff"),
    text=QColor("#1d1d1f"),
    grid=_rgba("#000000", 30),
    weekly=QColor("#0b3c8c"),
    weekly_marker_border=QColor("#ffffff"),
    average=QColor("#b3367a"),
    reference=QColor("#333333"),
    bands={
        "charity": BandStyle(_rgba("#E69F00", 46), _rgba("#a86f00", 70), HATCH_CHARITY, QColor("#a86f00")),
        "contributory": BandStyle(_rgba("#56B4E9", 46), _rgba("#2a7fb0", 60), HATCH_CONTRIBUTORY, QColor("#2a7fb0")),
        "radical": BandStyle(_rgba("#009E73", 46), _rgba("#006e50", 70), HATCH_RADICAL, QColor("#006e50")),
    },
)

DARK = ChartTheme(
    dark=True,
    background=QColor("#202124"),
    text=QColor("#e8e8ea"),
    grid=_rgba("#ffffff", 36),
    weekly=QColor("#9cc3ff"),
    weekly_marker_border=QColor("#202124"),
    average=QColor("#f28ac0"),
    reference=QColor("#d8d8d8"),
    bands={
        "charity": BandStyle(_rgba("#E69F00", 52), _rgba("#f3c45a", 60), HATCH_CHARITY, QColor("#f3c45a")),
        "contributory": BandStyle(_rgba("#56B4E9", 48), _rgba("#8fd0f5", 55), HATCH_CONTRIBUTORY, QColor("#8fd0f5")),
        "radical": BandStyle(_rgba("#009E73", 60), _rgba("#4fd1a6", 60), HATCH_RADICAL, QColor("#4fd1a6")),
    },
)


def chart_theme(dark: bool) -> ChartTheme:
    return DARK if dark else LIGHT
