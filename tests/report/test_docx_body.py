"""The DOCX report's own way of appending to the body writes what python-docx's would, at any length."""

from __future__ import annotations

import io
import time

import docx
from lxml import etree

from journal.report.docx_report import _add_run, _Body

TEXTS = ["", "plain", " leading and trailing ", "a\ttab", "two\nlines", "crlf\r\nend", "\n", "tab at end\t", "é · ✓"]


def _body_xml(document: object) -> bytes:
    return etree.tostring(document.element.body)  # type: ignore[attr-defined]


def test_paragraphs_runs_tables_and_pictures_are_the_elements_python_docx_makes() -> None:
    ours, theirs = _Body(docx.Document()), docx.Document()
    for text in TEXTS:
        ours.add_paragraph(text)
        theirs.add_paragraph(text)
        _add_run(ours.add_paragraph(), text).bold = True
        theirs.add_paragraph().add_run(text).bold = True
    ours.add_table(2, 3).add_row()
    theirs.add_table(2, 3).add_row()
    ours.add_paragraph("after the table")
    theirs.add_paragraph("after the table")
    assert _body_xml(ours.document) == _body_xml(theirs)
    assert ours.document.element.body[-1].tag.endswith("}sectPr")


def test_a_long_body_costs_the_same_per_paragraph_as_a_short_one() -> None:
    """python-docx's add_paragraph walked the whole body each time: 10,000 activities took minutes."""
    body = _Body(docx.Document())

    def seconds_for_a_thousand() -> float:
        started = time.perf_counter()
        for _ in range(1000):
            body.add_paragraph("text")
        return time.perf_counter() - started

    first = min(seconds_for_a_thousand() for _ in range(3))
    for _ in range(40):
        seconds_for_a_thousand()
    later = min(seconds_for_a_thousand() for _ in range(3))
    assert later < 3 * first  # a walk of 40,000 paragraphs each time would be tens of times slower
    buffer = io.BytesIO()
    body.document.save(buffer)
    assert len(docx.Document(buffer).paragraphs) == 46_000
