"""The spectrum chart drawn off-screen, as PNG or SVG bytes, for files, reports and the command line.

A chart that was never shown has no layout, so it is placed in a scene of the
asked size and the scene is rendered (see PLATFORM-NOTES.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from journal.atomic_write import write_bytes_atomically
from journal.stats import TermStats, term_stats
from journal.storage import Journal
from journal.terms import TermInfo
from ui.spectrum.chart_builder import build_chart, chart_title
from ui.spectrum.chart_theme import chart_theme

CHART_SUFFIXES = (".png", ".svg")


def _render(stats: TermStats, width: int, height: int, dark: bool, painter: QPainter) -> None:
    scene = QGraphicsScene()
    chart = build_chart(stats, dark=dark)
    scene.addItem(chart)
    chart.resize(QSizeF(width, height))
    scene.setSceneRect(0, 0, width, height)
    area = QRectF(0, 0, width, height)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # The bands' hatching is drawn in device pixels unless told otherwise; at 2x it would shrink to half.
    painter.setRenderHint(QPainter.RenderHint.NonCosmeticBrushPatterns)
    scene.render(painter, area, area)
    # The scene owns the chart now and deletes it with itself; a deleteLater here would
    # wait for an event loop that a command line never runs.


def chart_png_bytes(stats: TermStats, width: int, height: int, *, scale: float = 1.0, dark: bool = False) -> bytes:
    """A PNG of exactly round(width*scale) x round(height*scale) pixels, drawn at ``scale`` times the density."""
    pixels = QSize(round(width * scale), round(height * scale))
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(chart_theme(dark).background)
    # With the ratio set, the chart is laid out at width x height and drawn with scale-times sharper detail.
    image.setDevicePixelRatio(pixels.width() / width)
    painter = QPainter(image)
    try:
        _render(stats, width, height, dark, painter)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def chart_svg_bytes(stats: TermStats, width: int, height: int, *, dark: bool = False) -> bytes:
    """A well-formed SVG of the chart; titles, axis labels and level names stay text."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setResolution(96)  # so the width and height written in mm come to width x height CSS pixels
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(chart_title(stats))
    generator.setDescription("Mutual Aid Journal: position on the charity-to-solidarity spectrum, week by week.")
    painter = QPainter(generator)
    try:
        _render(stats, width, height, dark, painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def chart_bytes_for(path: Path, stats: TermStats, width: int, height: int, *, scale: float = 1.0) -> bytes:
    """PNG or SVG bytes, chosen by the suffix of ``path`` (light theme: a file is for print and documents)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        return chart_png_bytes(stats, width, height, scale=scale)
    if suffix == ".svg":
        return chart_svg_bytes(stats, width, height)
    raise ValueError(f"{path}: the chart is written as .png or .svg.")


def save_chart(journal: Journal, term: TermInfo, path: Path, width: int, height: int) -> None:
    """Write the term's chart to ``path`` (.png or .svg) atomically."""
    write_bytes_atomically(Path(path), chart_bytes_for(path, term_stats(journal, term), width, height))
