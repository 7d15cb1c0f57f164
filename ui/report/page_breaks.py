"""Keeping things together across pages, which Qt's rich text layout does not do by itself.

QTextDocument breaks pages wherever a line no longer fits. That can leave a
heading alone at the foot of a page, or a reflection box showing only its title.
After the layout, these rules look for such places from the top down and start
a new page there; each break moves everything below it, so positions are read
again after each one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

HEADING_KEEPS_LINES = 2  # a heading stays with this many lines of what it introduces (an image is one line)
LINE_SEPARATOR = "\u2028"  # what Qt makes of <br>
BOX_KEEPS_LINES = 3  # a one-cell box (the weekly reflection) starts with at least its title, a prompt and a line
SPLIT_PASSES = 3  # a split moves nothing, so the first pass finds them all; the others only make sure


def layout_page_height(height: float) -> float:
    """The page height at or below ``height`` that Qt's text layout holds exactly.

    The layout keeps lengths in 1/64 of a device pixel and drops the rest of the
    page height, so its pages drift from pages measured in floating point: by
    page 90 its page tops sat 1.4 pixels higher, and a line starting a page
    counted as the foot of the one before (drawn, clipped, on both). With a page
    height on that grid, every page boundary here is the layout's own.
    """
    return math.floor(height * 64) / 64


def keep_with_next(document: QTextDocument, page_height: float) -> None:
    # Found once from the frames (asking each block for its table costs a lookup per block).
    boxes = {
        frame.cellAt(0, 0).firstPosition(): frame
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable) and frame.rows() == 1 and frame.columns() == 1
    }
    block = document.begin()
    while block.isValid():
        box = boxes.get(block.position())
        if box is not None:
            _keep_box(document, box, page_height)
        if block.blockFormat().headingLevel() == 0:
            block = block.next()
            continue
        last = block
        while last.next().isValid() and last.next().blockFormat().headingLevel() > 0:
            last = last.next()
        top = document.documentLayout().blockBoundingRect(block).top()
        if _crosses_page(top, _bottom_after(document, last, HEADING_KEEPS_LINES), page_height):
            _break_before_block(document, block)
        block = last.next()


def _crosses_page(top: float, bottom: float, page_height: float) -> bool:
    """Whether [top, bottom] runs past the end of top's page (something already at a page's top never moves)."""
    page_start = (top // page_height) * page_height
    return bottom > page_start + page_height and top > page_start + 1


def _keep_box(document: QTextDocument, table: QTextTable, page_height: float) -> None:
    first = document.findBlock(table.cellAt(0, 0).firstPosition())
    layout = document.documentLayout()
    top = layout.blockBoundingRect(first).top()
    bottom = _bottom_of_lines(document, first, BOX_KEEPS_LINES, include_first=True)
    if _crosses_page(top, bottom, page_height):
        frame_format = table.format()
        frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        with _laid_out_again_from(document, table.firstPosition()):
            table.setFormat(frame_format)


def _break_before_block(document: QTextDocument, block: QTextBlock) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    with _laid_out_again_from(document, block.position()):
        QTextCursor(block).setBlockFormat(block_format)


@contextmanager
def _laid_out_again_from(document: QTextDocument, position: int) -> Iterator[None]:
    """One edit, after which the document is laid out again from ``position`` to its end, once.

    After a format change Qt lays out only part of the document again and can leave
    tables below it at their old places; marking the rest dirty lays all of it out.
    Inside one edit block Qt does that layout once instead of twice.
    """
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        yield
    finally:
        document.markContentsDirty(position, document.characterCount() - position)
        cursor.endEditBlock()


def _bottom_after(document: QTextDocument, heading: QTextBlock, lines: int) -> float:
    """The bottom edge of what a heading must stay with: ``lines`` lines of text after it.

    A heading met on the way (a week's first activity title) starts the count
    again, so a heading is never kept with less than what the next one needs.
    """
    bottom = document.documentLayout().blockBoundingRect(heading).bottom()
    return max(bottom, _bottom_of_lines(document, heading.next(), lines, include_first=True))


def _bottom_of_lines(document: QTextDocument, start: QTextBlock, lines: int, *, include_first: bool) -> float:
    layout = document.documentLayout()
    bottom = 0.0
    block = start
    remaining = lines
    while block.isValid() and remaining > 0:
        if block != start and block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            break  # what follows starts its own page anyway
        rect = layout.blockBoundingRect(block)
        if block.blockFormat().headingLevel() > 0:
            bottom = max(bottom, rect.bottom())
            remaining = lines
            block = block.next()
            continue
        text_layout = block.layout()
        count = min(text_layout.lineCount() if text_layout is not None else 0, remaining)
        for number in range(count):
            bottom = max(bottom, rect.top() + text_layout.lineAt(number).rect().bottom())
        remaining -= count
        block = block.next()
    return bottom


def split_blocks_at_page_breaks(document: QTextDocument, page_height: float) -> None:
    """Make every paragraph that runs over a page break two paragraphs, one on each page.

    Qt draws a page by drawing every block that reaches into it, and its text
    layout also draws the one line just above the visible ones; clipped away
    on paper, those lines would still sit in the PDF's text twice (in copy and
    paste, search and screen readers). A block that ends on its page has no such
    line. The second half keeps the format, minus the list bullet and top margin.

    A split moves nothing: the first half ends the page with no bottom margin, so
    the second starts where its first line already was. So every split is found
    from one layout and all are made in one edit, which Qt lays out once (made one
    by one, each would lay out the rest of the document again). ``page_height``
    must be one Qt's layout holds exactly (see ``layout_page_height``).
    """
    for _ in range(SPLIT_PASSES):
        splits = _straddling_blocks(document, page_height)
        if not splits:
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        # From the last to the first, so the positions found before any edit still hold.
        for position, offsets in reversed(splits):
            for offset in reversed(offsets):
                _split_block(document, document.findBlock(position), offset)
        cursor.endEditBlock()


def _straddling_blocks(document: QTextDocument, page_height: float) -> list[tuple[int, list[int]]]:
    """Each block that spans pages, by position, with the offset of its first line on each later page."""
    layout = document.documentLayout()
    found: list[tuple[int, list[int]]] = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()  # first, as it lays the block out if Qt has not yet
        text_layout = block.layout()
        if text_layout is not None and text_layout.lineCount() > 1:
            page = (top + text_layout.lineAt(0).y()) // page_height
            offsets = []
            for number in range(1, text_layout.lineCount()):
                line = text_layout.lineAt(number)
                line_page = (top + line.y()) // page_height
                if line_page != page:
                    offsets.append(line.textStart())
                    page = line_page
            if offsets:
                found.append((block.position(), offsets))
        block = block.next()
    return found


def _split_block(document: QTextDocument, block: QTextBlock, offset: int) -> None:
    cursor = QTextCursor(block)
    position = block.position() + offset
    if document.characterAt(position - 1) == LINE_SEPARATOR:
        # The break falls on a <br>: the new paragraph takes its place, or the first half
        # would end in an empty line.
        cursor.setPosition(position - 1)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    else:
        cursor.setPosition(position)
    continuation = block.blockFormat()
    continuation.setTopMargin(0)
    continuation.setTextIndent(0)
    continuation.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    # Qt puts the larger of two margins between paragraphs; with both at 0 the second half's first
    # line stays exactly where it was (a page foot's bottom margin would push it down the next page).
    page_foot = QTextBlockFormat()
    page_foot.setBottomMargin(0)
    cursor.mergeBlockFormat(page_foot)
    cursor.insertBlock(continuation, cursor.charFormat())
    listed = cursor.block().textList()
    if listed is not None:
        # Only the first half shows the bullet or number; the second lines up with its text.
        listed.remove(cursor.block())
        indented = cursor.block().blockFormat()
        indented.setIndent(listed.format().indent())
        cursor.setBlockFormat(indented)
