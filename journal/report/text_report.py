"""The HTML and Markdown reports, made without Qt: the chart is ``journal.report.spectrum_chart``'s SVG as it is.

The command line writes these two formats from here alone, and the app's
export (ui/report/report_export.py) uses the same functions for them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from journal.records.terms import TermInfo
from journal.report.chart_image import ChartImage
from journal.report.report_data import ReportData, build_report
from journal.report.spectrum_chart import chart_svg
from journal.scoring.stats import TermStats, term_stats
from journal.storage.atomic_write import write_text_atomically
from journal.storage.journal_file import Journal

TEXT_FORMATS = ("html", "md")
# The chart's size on the page, in CSS pixels (1/96 inch).
HTML_CHART = (720, 380)
MARKDOWN_CHART = (900, 470)


def text_report_chart(stats: TermStats, fmt: str) -> ChartImage | None:
    """The chart of an HTML or Markdown report; None for a term without activities."""
    if not stats.activities:
        return None
    width, height = HTML_CHART if fmt == "html" else MARKDOWN_CHART
    return ChartImage(width, height, svg=chart_svg(stats, width, height).encode("utf-8"))


def write_text_report(report: ReportData, chart: ChartImage | None, fmt: str, path: Path) -> Path:
    """Write the .html file, or the .md file with its chart beside it; returns the path written."""
    path = Path(path)
    if fmt == "html":
        from journal.report.html_report import render_html

        write_text_atomically(path, render_html(report, chart))
    elif fmt == "md":
        from journal.report.markdown_report import write_markdown

        write_markdown(report, chart, path)
    else:
        raise ValueError(f"Unknown text report format {fmt!r}; use one of {', '.join(TEXT_FORMATS)}.")
    return path


def export_text_report(journal: Journal, term: TermInfo, fmt: str, path: Path, *, made: date | None = None) -> Path:
    """Export one term's report as html or md to ``path`` (the command line's way, without Qt)."""
    stats = term_stats(journal, term)
    report = build_report(journal, term, stats=stats, made=made)
    return write_text_report(report, text_report_chart(stats, fmt), fmt, path)
