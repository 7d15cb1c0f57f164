"""Exporting the semester report: PDF, HTML, Markdown or DOCX from one description of it.

Work is split in two so the app can keep its window responsive: ``prepare_report``
reads the journal and draws the chart (drawing a chart needs the GUI thread),
and ``write_report`` lays out and writes the file, which any thread may do.
Every file is written to a temporary file that then replaces the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtGui import QPageSize

from journal.records.terms import TermInfo
from journal.report.chart_image import ChartImage
from journal.report.report_data import ReportData, build_report
from journal.report.text_report import TEXT_FORMATS, text_report_chart, write_text_report
from journal.scoring.stats import TermStats, term_stats
from journal.storage.atomic_write import write_bytes_atomically
from journal.storage.journal_file import Journal
from ui.report.page_size import page_size_for_locale, paper_name

REPORT_FORMATS = ("pdf", "html", "md", "docx")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md", "docx": ".docx"}
FORMAT_NAMES = {"pdf": "PDF document", "html": "Web page (HTML)", "md": "Markdown", "docx": "Word document (DOCX)"}

# The chart's size on the page in CSS pixels (1/96 inch), and how many device pixels per CSS pixel
# each format gets: print needs about 300 dots per inch.
PRINT_SCALE = 3.2
DOCX_CHART = (640, 340)


@dataclass(frozen=True)
class PreparedReport:
    report: ReportData
    stats: TermStats
    chart: ChartImage | None
    page_size: QPageSize.PageSizeId


def chart_for(stats: TermStats, fmt: str, page_size: QPageSize.PageSizeId) -> ChartImage | None:
    """The chart drawn for one format (GUI thread only); None for a term without activities."""
    if fmt in TEXT_FORMATS:
        return text_report_chart(stats, fmt)
    if not stats.activities:
        return None
    from ui.spectrum.chart_export import chart_png_bytes, chart_svg_bytes

    if fmt == "docx":
        width, height = DOCX_CHART
        return ChartImage(width, height, png=chart_png_bytes(stats, width, height, scale=PRINT_SCALE))
    from ui.report.pdf_report import body_css_width

    width = body_css_width(page_size)
    height = round(width * 0.5)
    # Vectors: the PDF draws the SVG itself, sharper than any print-resolution PNG.
    return ChartImage(width, height, svg=chart_svg_bytes(stats, width, height))


def prepare_report(
    journal: Journal,
    term: TermInfo,
    fmt: str,
    *,
    page_size: QPageSize.PageSizeId | None = None,
    made: date | None = None,
) -> PreparedReport:
    """Read the term and draw its chart: the part of an export that belongs on the GUI thread."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}; use one of {', '.join(REPORT_FORMATS)}.")
    size = page_size or page_size_for_locale()
    stats = term_stats(journal, term)
    report = build_report(journal, term, stats=stats, made=made)
    return PreparedReport(report, stats, chart_for(stats, fmt, size), size)


def write_report(prepared: PreparedReport, fmt: str, path: Path) -> Path:
    """Lay out and write the report file; safe to run off the GUI thread. Returns the path written."""
    path = Path(path)
    report, chart = prepared.report, prepared.chart
    if fmt in TEXT_FORMATS:
        write_text_report(report, chart, fmt, path)
    elif fmt == "docx":
        from journal.report.docx_report import docx_bytes

        write_bytes_atomically(path, docx_bytes(report, chart, page=paper_name(prepared.page_size)))
    elif fmt == "pdf":
        write_bytes_atomically(path, pdf_bytes(prepared))
    else:
        raise ValueError(f"Unknown report format {fmt!r}; use one of {', '.join(REPORT_FORMATS)}.")
    return path


def pdf_bytes(prepared: PreparedReport) -> bytes:
    from journal.report.html_report import render_qt_html
    from journal.report.wording import isolated
    from ui.report.pdf_report import CHART_RESOURCE, render_pdf

    report, chart = prepared.report, prepared.chart
    html = render_qt_html(report, CHART_RESOURCE, chart.width if chart else 0, chart.height if chart else 0)
    student = dict(report.title.fields).get("Student", "")
    return render_pdf(
        html,
        chart_svg=chart.svg if chart else None,
        page_size=prepared.page_size,
        title=f"{report.title.title}: {report.title.term_name}",
        header_left=f"{report.title.title} · {isolated(report.title.term_name)}",
        header_right=student,
    )


def export_report(
    journal: Journal,
    term: TermInfo,
    fmt: str,
    path: Path,
    *,
    page_size: QPageSize.PageSizeId | None = None,
    made: date | None = None,
) -> Path:
    """Export one term's report as pdf, html, md or docx to ``path`` (the command line's entry point)."""
    return write_report(prepare_report(journal, term, fmt, page_size=page_size, made=made), fmt, path)
