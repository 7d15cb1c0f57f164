"""A report too long for one text layout is printed in parts: cut only where the report allows, numbered as one."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize

from benchmarks.generate import build_journal
from journal.records.terms import list_terms
from journal.report.html_report import render_qt_html
from journal.storage.journal_file import Journal
from tests.report.report_samples import normalise, pdf_page_texts
from ui.report.pdf_report import CHART_RESOURCE, render_pdf
from ui.report.report_export import export_report, prepare_report
from ui.report.report_pieces import PIECE_MARK, estimated_lines, report_pieces

SMALL_BUDGET = 1_500  # estimated lines: cuts a 200-activity term into a handful of parts


@pytest.fixture(scope="module")
def long_term(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> tuple[str, bytes | None, list[str]]:
    """A 200-activity term's report HTML for print, its chart, and its activity titles in order."""
    folder = tmp_path_factory.mktemp("pieces")
    build_journal(folder / "j.sqlite3", 200)
    journal = Journal.open(folder / "j.sqlite3")
    try:
        [term] = list_terms(journal)
        prepared = prepare_report(journal, term, "pdf", page_size=QPageSize.PageSizeId.A4, made=date(2021, 12, 20))
    finally:
        journal.close()
    chart = prepared.chart
    html = render_qt_html(prepared.report, CHART_RESOURCE, chart.width if chart else 0, chart.height if chart else 0)
    titles = [activity.title for week in prepared.report.weeks for activity in week.activities]
    return html, chart.svg if chart else None, titles


def _body(html: str) -> str:
    return html[html.index("<body>") + len("<body>") : html.rindex("</body>")]


def test_a_term_of_ordinary_length_is_one_part_as_written(long_term: tuple[str, bytes | None, list[str]]) -> None:
    html, _, _ = long_term
    [piece] = report_pieces(html)
    assert PIECE_MARK.search(html) and piece.html == PIECE_MARK.sub("", html)


def test_a_long_report_is_cut_only_at_its_marked_places(long_term: tuple[str, bytes | None, list[str]]) -> None:
    html, _, _ = long_term
    pieces = report_pieces(html, SMALL_BUDGET)
    assert len(pieces) > 3
    head = html[: html.index("<body>")]
    assert all(piece.html.startswith(head) and piece.html.endswith("</body>\n</html>") for piece in pieces)
    # Put back together without the headings the later parts open with, the parts are the report.
    later_bodies = [re.sub(r"^<h3>Week \d+ \(continued\)[^<]*</h3>\n", "", _body(p.html)) for p in pieces[1:]]
    assert PIECE_MARK.sub("", _body(pieces[0].html) + "".join(later_bodies)) == PIECE_MARK.sub("", _body(html))
    for piece in pieces[1:]:
        assert re.match(r"\s*<h3>Week \d+", _body(piece.html)), _body(piece.html)[:200]
    # Each part keeps near its budget: over it only by the one week or activity that crossed it.
    assert all(piece.estimated_lines <= SMALL_BUDGET + 400 for piece in pieces)


def test_a_picture_counts_as_tall_as_it_is() -> None:
    assert estimated_lines('<p>x</p><img src="a" width="10" height="1600">') == 1 + 100


def _pages(pdf_bytes: bytes, folder: Path) -> list[str]:
    path = folder / "report.pdf"
    path.write_bytes(pdf_bytes)
    return [normalise(page) for page in pdf_page_texts(path)]


def test_a_report_printed_in_parts_is_numbered_as_one_and_loses_nothing(
    long_term: tuple[str, bytes | None, list[str]], tmp_path: Path
) -> None:
    html, chart_svg, titles = long_term
    kwargs = {"chart_svg": chart_svg, "page_size": QPageSize.PageSizeId.A4, "title": "t"}
    whole = _pages(render_pdf(html, header_left="l", header_right="r", **kwargs), tmp_path)  # type: ignore[arg-type]
    parts = _pages(
        render_pdf(html, header_left="l", header_right="r", piece_lines=SMALL_BUDGET, **kwargs),  # type: ignore[arg-type]
        tmp_path,
    )
    assert [re.search(r"Page (\d+) of (\d+)", page).groups() for page in parts] == [  # type: ignore[union-attr]
        (str(n), str(len(parts))) for n in range(1, len(parts) + 1)
    ]
    continued = [page for page in parts if "(continued)" in page]
    assert len(continued) >= 2 and all(re.match(r"Week \d+ \(continued\) · ", page) for page in continued)
    text = "\n".join(parts)
    position = 0
    for title in titles:  # every activity, once, in order
        position = text.index(title, position) + len(title)
    assert text.count("Closing reflection") == "\n".join(whole).count("Closing reflection")


@pytest.mark.slow
def test_a_term_of_ten_thousand_activities_prints_past_one_layouts_limit(tmp_path: Path, qapp: object) -> None:
    build_journal(tmp_path / "j.sqlite3", 10_000, terms=1)
    journal = Journal.open(tmp_path / "j.sqlite3")
    try:
        [term] = list_terms(journal)
        path = export_report(journal, term, "pdf", tmp_path / "report.pdf", page_size=QPageSize.PageSizeId.A4)
    finally:
        journal.close()
    pages = pdf_page_texts(path)
    assert len(pages) > 2_506  # the pages one layout holds, where such a report used to be refused
    assert f"Page {len(pages)} of {len(pages)}" in normalise(pages[-1])
