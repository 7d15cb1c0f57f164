"""The report as PDF through Qt alone: QTextDocument laid out for the page, drawn page by page on a QPdfWriter.

Drawing page by page (instead of ``QTextDocument.print_``) lets each page get a
running header and a "Page n of N" footer, and lets headings that would end a
page move to the next one together with what they introduce.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from journal.errors import InvalidInput
from ui.report.page_breaks import keep_with_next, layout_page_height, split_blocks_at_page_breaks
from ui.report.report_pieces import PIECE_LINES, ReportPiece, report_pieces
from ui.report.svg_text_object import embed_svg_image
from ui.start_up.bundled_fonts import prepare_fonts, with_fallbacks

RESOLUTION = 300  # dots per inch of the PDF's device space: text is placed this finely
MM = RESOLUTION / 25.4
LEADING_ALLOWANCE = 1.5 * MM  # less than the smallest line (8 pt is 3.3 mm), more than any line's extra leading
CHART_RESOURCE = "report-chart.png"
# Qt's text layout holds lengths up to INT_MAX / 256 device pixels (its QFIXED_MAX) and stops there;
# a document laid out past that makes it read freed memory. The page breaks added after the first
# layout push the text down a little, hence the margin.
LAYOUT_LIMIT = 0.9 * ((2**31 - 1) // 256)
LINES_WORTH_MEASURING = 40_000  # estimated lines (report_pieces): under half of what the layout holds


@dataclass(frozen=True)
class PageFrame:
    """Margins around the body and the bands the header and footer are drawn in, in millimetres."""

    side: float = 20.0
    top: float = 22.0
    bottom: float = 20.0
    header_gap: float = 7.0  # from the header's baseline band down to the body
    footer_gap: float = 8.0


def body_css_width(page_size: QPageSize.PageSizeId, frame: PageFrame = PageFrame()) -> int:
    """The width of the text column in Qt's CSS pixels (1/96 inch), which is how an <img> is sized."""
    width_mm = QPageSize(page_size).size(QPageSize.Unit.Millimeter).width() - 2 * frame.side
    return int(width_mm / 25.4 * 96)


def render_pdf(
    html: str,
    *,
    chart_svg: bytes | None,
    page_size: QPageSize.PageSizeId,
    title: str,
    header_left: str,
    header_right: str,
    frame: PageFrame = PageFrame(),
    piece_lines: int = PIECE_LINES,
) -> bytes:
    """The PDF file's bytes. ``html`` names the chart as ``CHART_RESOURCE``; header texts are plain text.

    A report longer than ``piece_lines`` estimated lines is laid out in parts (see report_pieces).

    The chart is drawn from its SVG as vectors (see svg_text_object), so it prints
    sharp at any resolution and its labels stay text.
    """
    prepare_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(page_size), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator("Mutual Aid Journal")

    page_width, page_height = writer.width(), writer.height()
    body = QRectF(frame.side * MM, frame.top * MM, page_width - 2 * frame.side * MM, 0)
    body.setHeight(layout_page_height(page_height - frame.top * MM - frame.bottom * MM))
    pieces = report_pieces(html, piece_lines)
    first = _laid_out(pieces[0], writer, body, chart_svg)
    # "Page n of N" needs N before the first page is drawn. Holding every part's layout at once would
    # cost as much memory as one long layout, so each later part is laid out to be counted, let go,
    # and laid out again when its turn to be drawn comes.
    pages = first.pageCount() + sum(_laid_out(piece, writer, body, chart_svg).pageCount() for piece in pieces[1:])
    painter = QPainter(writer)
    try:
        number = 0
        for position, piece in enumerate(pieces):
            document = first if position == 0 else _laid_out(piece, writer, body, chart_svg)
            for index in range(document.pageCount()):
                if number:
                    writer.newPage()
                number += 1
                _draw_body(painter, document, body, index)
                _draw_furniture(painter, body, frame, number, pages, header_left, header_right, page_height)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _laid_out(piece: ReportPiece, writer: QPdfWriter, body: QRectF, chart_svg: bytes | None) -> QTextDocument:
    """One part of the report laid out in pages of ``body``'s size, headings kept with what follows."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    # A blank stand-in so the <img> never looks for a file; embed_svg_image takes its place.
    placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
    placeholder.fill(0)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE), placeholder)
    document.setHtml(piece.html)
    if chart_svg and CHART_RESOURCE in piece.html:
        embed_svg_image(document, CHART_RESOURCE, chart_svg, writer.logicalDpiX() / 96)
    document.setPageSize(QSizeF(body.width(), body.height()))
    # Measuring the height lays the whole part out, and each page break below then lays it out again
    # from there; so only a part that might reach the limit (one enormous entry) is measured first.
    if piece.estimated_lines > LINES_WORTH_MEASURING and document.size().height() > LAYOUT_LIMIT:
        pages = int(LAYOUT_LIMIT // body.height())
        raise InvalidInput(
            {
                "file": f"One part of this report is too long for a PDF: it runs past the {pages:,} pages the "
                "PDF layout can hold in one piece. Export this term as DOCX, HTML or Markdown instead."
            }
        )
    keep_with_next(document, body.height())
    split_blocks_at_page_breaks(document, body.height())
    return document


def _draw_body(painter: QPainter, document: QTextDocument, body: QRectF, index: int) -> None:
    painter.save()
    offset = index * body.height()
    painter.translate(body.left(), body.top() - offset)
    clip = QRectF(0, offset, body.width(), body.height())
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    # Qt skips the lines outside context.clip. A line ending a page reaches past it by its extra
    # leading (line-height 125%), and one starting the next page touches its edge; drawn clipped,
    # both would still be in the PDF's text, twice. A slightly smaller clip leaves them out.
    context.clip = clip.adjusted(0, LEADING_ALLOWANCE, 0, -1)
    context.palette.setColor(QPalette.ColorRole.Text, QColor("#1d1d1f"))
    document.documentLayout().draw(painter, context)
    painter.restore()


def _draw_furniture(
    painter: QPainter,
    body: QRectF,
    frame: PageFrame,
    page: int,
    pages: int,
    header_left: str,
    header_right: str,
    page_height: float,
) -> None:
    """The running header (from page 2 on: page 1 carries the title block) and the page number."""
    painter.save()
    font = QFont(with_fallbacks("Noto Sans", "Helvetica", "Arial", "DejaVu Sans"))
    font.setPointSizeF(8)
    painter.setFont(font)
    grey = QColor("#5b6470")
    painter.setPen(grey)
    line_height = 5 * MM
    if page > 1:
        header = QRectF(body.left(), (frame.top - frame.header_gap) * MM - line_height, body.width(), line_height)
        flags = Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextSingleLine
        right_width = body.width() * 0.45
        left_rect = header.adjusted(0, 0, -right_width - 4 * MM, 0)
        metrics = painter.fontMetrics()
        painter.drawText(
            left_rect,
            flags | Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(header_left, Qt.TextElideMode.ElideRight, int(left_rect.width())),
        )
        painter.drawText(
            header.adjusted(header.width() - right_width, 0, 0, 0),
            flags | Qt.AlignmentFlag.AlignRight,
            metrics.elidedText(header_right, Qt.TextElideMode.ElideLeft, int(right_width)),
        )
        painter.setPen(QPen(QColor("#c9d1da"), 0.25 * MM))
        rule_y = header.bottom() + 1.5 * MM
        painter.drawLine(QPointF(body.left(), rule_y), QPointF(body.right(), rule_y))
        painter.setPen(grey)
    footer_top = page_height - (frame.bottom - frame.footer_gap) * MM
    footer = QRectF(body.left(), footer_top, body.width(), line_height)
    painter.drawText(footer, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, f"Page {page} of {pages}")
    painter.restore()
