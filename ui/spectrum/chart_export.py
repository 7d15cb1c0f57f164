"""The spectrum chart as PNG or SVG bytes, for files, reports and the command line.

The SVG is ``journal.report.spectrum_chart``'s drawing as it is; a PNG is that SVG
painted by Qt's SVG renderer at the asked density.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from journal.records.terms import TermInfo
from journal.report.spectrum_chart import chart_colours, chart_svg
from journal.scoring.stats import TermStats, term_stats
from journal.storage.atomic_write import write_bytes_atomically
from journal.storage.journal_file import Journal

CHART_SUFFIXES = (".png", ".svg")


def chart_renderer(svg: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg.encode("utf-8")))


def paint_chart(renderer: QSvgRenderer, painter: QPainter, area: QRectF) -> None:
    """Draw a chart (its parsed SVG) into ``area`` of whatever the painter paints on: an image, a widget."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, area)


def chart_png_bytes(stats: TermStats, width: int, height: int, *, scale: float = 1.0, dark: bool = False) -> bytes:
    """A PNG of exactly round(width*scale) x round(height*scale) pixels, drawn at ``scale`` times the density."""
    pixels = QSize(round(width * scale), round(height * scale))
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(chart_colours(dark).background))
    # With the ratio set, the chart is laid out at width x height and drawn with scale-times sharper detail.
    image.setDevicePixelRatio(pixels.width() / width)
    painter = QPainter(image)
    try:
        paint_chart(chart_renderer(chart_svg(stats, width, height, dark=dark)), painter, QRectF(0, 0, width, height))
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
    return chart_svg(stats, width, height, dark=dark).encode("utf-8")


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
