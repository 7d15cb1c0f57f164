"""Keeping things together across pages, which Qt's rich text layout does not do by itself.

QTextDocument breaks pages wherever a line no longer fits. That can leave a
heading alone at the foot of a page, or a reflection box showing only its title.
After the layout, these rules look for such places from the top down and start
a new page there; each break moves everything below it, so positions are read
again after each one.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

HEADING_KEEPS_LINES = 2  # a heading stays with this many lines of what it introduces (an image is one line)
LINE_SEPARATOR = "\u2028"  # what Qt makes of <br>
BOX_KEEPS_LINES = 3
SPLIT_PASSES = 3  # a one-cell box (the weekly reflection) starts with at least its title, a prompt and a line


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
        table.setFormat(frame_format)
        _relayout_from(document, table.firstPosition())


def _break_before_block(document: QTextDocument, block: QTextBlock) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(block_format)
    _relayout_from(document, block.position())


def _relayout_from(document: QTextDocument, position: int) -> None:
    # After a format change Qt lays out only part of the document again and can leave
    # tables below it at their old places; marking the rest dirty lays all of it out.
    document.markContentsDirty(position, document.characterCount() - position)


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

    A split moves nothing (its second half was on the next page already), so
    Qt's own partial relayout is enough between splits and the whole document is
    laid out once per pass; a further pass runs only if that found a new straddler.
    """
    for _ in range(SPLIT_PASSES):
        if not _split_pass(document, page_height):
            return
        _relayout_from(document, 0)


def _split_pass(document: QTextDocument, page_height: float) -> int:
    layout = document.documentLayout()
    splits = 0
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        if text_layout is None or text_layout.lineCount() < 2:
            block = block.next()
            continue
        top = layout.blockBoundingRect(block).top()
        first_page = (top + text_layout.lineAt(0).y()) // page_height
        split_at = next(
            (
                text_layout.lineAt(n).textStart()
                for n in range(1, text_layout.lineCount())
                if (top + text_layout.lineAt(n).y()) // page_height != first_page
            ),
            None,
        )
        if split_at is not None:
            _split_block(document, block, split_at)
            splits += 1
        block = block.next()
    return splits


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
    continuation.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    cursor.insertBlock(continuation, cursor.charFormat())
    listed = cursor.block().textList()
    if listed is not None:
        # Only the first half shows the bullet or number; the second lines up with its text.
        listed.remove(cursor.block())
        indented = cursor.block().blockFormat()
        indented.setIndent(listed.format().indent())
        cursor.setBlockFormat(indented)
