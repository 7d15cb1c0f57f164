"""The report as Markdown, with its chart as an SVG (or PNG) beside the .md file, linked by a relative path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from journal.report.chart_image import ChartImage
from journal.report.report_data import ReportData
from journal.report.templates import markdown_environment
from journal.storage.atomic_write import write_bytes_atomically, write_text_atomically

TEMPLATE = "report.md.j2"


def chart_file_for(markdown_path: Path, suffix: str = ".svg") -> Path:
    """report.md -> report-chart.svg, in the same folder."""
    return markdown_path.with_name(markdown_path.stem + "-chart" + suffix)


def render_markdown(report: ReportData, chart_link: str | None) -> str:
    """The Markdown text; ``chart_link`` is the image's relative URL (already percent-encoded) or None."""
    return markdown_environment().get_template(TEMPLATE).render(report=report, chart_link=chart_link)


def write_markdown(report: ReportData, chart: ChartImage | None, path: Path) -> Path | None:
    """Write the .md file and, when there is a chart, its image beside it; returns the image's path or None."""
    path = Path(path)
    chart_path = None
    image = None if chart is None or not report.has_chart else (".svg", chart.svg) if chart.svg else (".png", chart.png)
    if image is not None and image[1]:
        chart_path = chart_file_for(path, image[0])
        # The image first, so the .md never links to a file that is not there yet.
        write_bytes_atomically(chart_path, image[1])
    link = quote(chart_path.name) if chart_path is not None else None
    write_text_atomically(path, render_markdown(report, link))
    return chart_path
