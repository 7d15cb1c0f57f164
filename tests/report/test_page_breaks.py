"""Page breaks of the PDF report: a long term's report read back page by page, and the splitting rules on their own."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QTextDocument

from benchmarks.generate import build_journal
from journal.records.terms import list_terms
from journal.storage.journal_file import Journal
from tests.report.report_samples import normalise, pdf_page_texts
from ui.report.page_breaks import layout_page_height, split_blocks_at_page_breaks
from ui.report.report_export import export_report

# What starts an activity (its date line under the title), a week, or a reflection: none may end a page.
DETAILS_LINE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}( · .*)?$")
HEADINGS = ("Weekly reflection", "Closing reflection")


@pytest.fixture(scope="module")
def long_report_pages(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> list[list[str]]:
    """The lines of each page of a 200-activity term's PDF (about 95 A4 pages), without the page furniture."""
    folder = tmp_path_factory.mktemp("long")
    build_journal(folder / "j.sqlite3", 200)
    journal = Journal.open(folder / "j.sqlite3")
    try:
        [term] = list_terms(journal)
        path = export_report(
            journal, term, "pdf", folder / "report.pdf", page_size=QPageSize.PageSizeId.A4, made=date(2021, 12, 20)
        )
    finally:
        journal.close()
    header = rf"Semester reflection report · {re.escape(term.name)}"
    furniture = re.compile(rf"^(Page \d+ of \d+|{header}( Sam Rivera)?|Sam Rivera)$")
    return [
        [line for line in (normalise(x) for x in page.splitlines()) if line and not furniture.match(line)]
        for page in pdf_page_texts(path)
    ]


def test_a_long_report_prints_no_line_twice_at_a_page_break(long_report_pages: list[list[str]]) -> None:
    assert len(long_report_pages) > 80  # long enough for the page arithmetic to drift if it could
    twice = [(n, before[-1]) for n, (before, after) in enumerate(pairwise(long_report_pages), 1) if before[-1] in after]
    assert twice == []


def is_heading(line: str) -> bool:
    return bool(DETAILS_LINE.match(line)) or line in HEADINGS or line.startswith("Week ")


def test_no_page_of_a_long_report_ends_on_a_heading(long_report_pages: list[list[str]]) -> None:
    ends = [(n, page[-1]) for n, page in enumerate(long_report_pages[:-1], 1)]
    assert [(n, line) for n, line in ends if is_heading(line)] == []


# --- the splitting rules on one document --------------------------------------------------------

WORDS = "neighbours cooked for the whole street while the tenants' union met upstairs to plan the rent strike"
PARAGRAPH = " ".join([WORDS] * 6)
DOCUMENT = "\n".join(
    [f'<h3>Week {n}</h3><p style="margin-top: 3px; margin-bottom: 5px">{PARAGRAPH}</p>' for n in range(12)]
    + [f"<ul><li>{PARAGRAPH}</li><li>{WORDS}</li></ul>" for _ in range(4)]
    + [f"<p>{'<br>'.join([WORDS] * 8)}</p>" for _ in range(4)]
    + [f'<table cellpadding="8"><tr><td><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></td></tr></table>' for _ in range(4)]
)


def laid_out(page_height: float, html: str = DOCUMENT) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(QSizeF(320, page_height))
    return document


def block_line_tops(document: QTextDocument) -> list[list[float]]:
    """The top of every line of the document, block by block, in reading order."""
    layout = document.documentLayout()
    blocks = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        blocks.append([top + text_layout.lineAt(n).y() for n in range(text_layout.lineCount())])
        block = block.next()
    return blocks


def line_tops(document: QTextDocument) -> list[float]:
    return [top for tops in block_line_tops(document) for top in tops]


def pages_of_each_block(document: QTextDocument, page_height: float) -> list[set[float]]:
    return [{top // page_height for top in tops} for tops in block_line_tops(document)]


def test_splitting_paragraphs_at_page_breaks_moves_no_line(qapp: object) -> None:
    page_height = layout_page_height(301.3)
    document = laid_out(page_height)
    before = line_tops(document)
    straddling = sum(len(pages) > 1 for pages in pages_of_each_block(document, page_height))
    assert straddling > 10  # paragraphs, list items, lines joined by <br> and table cells all cross pages here

    split_blocks_at_page_breaks(document, page_height)

    assert line_tops(document) == before
    assert all(len(pages) <= 1 for pages in pages_of_each_block(document, page_height))


def test_pages_counted_here_are_the_layouts_own(qapp: object) -> None:
    """A line never crosses a page boundary: Qt moves one that would to the next page, at its own page top."""
    height = 301.3  # not a multiple of the layout's 1/64 unit, as a page in device pixels seldom is
    page_height = layout_page_height(height)
    assert page_height <= height < page_height + 1 / 64
    document = laid_out(page_height, DOCUMENT * 6)
    assert document.pageCount() > 100
    layout = document.documentLayout()
    crossing = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for n in range(text_layout.lineCount()):
            line = text_layout.lineAt(n)
            start = top + line.y()
            if (start + line.height()) > (start // page_height + 1) * page_height:
                crossing.append((start, line.height()))
        block = block.next()
    assert crossing == []
