"""The report as HTML: one self-contained file for a browser, or Qt's rich text for the preview and the PDF."""

from __future__ import annotations

from journal.report.chart_image import ChartImage
from journal.report.report_data import ReportData
from journal.report.templates import html_environment

TEMPLATE = "report.html.j2"


def render_html(report: ReportData, chart: ChartImage | None) -> str:
    """A single HTML file: styles inline, the chart as a data: URI, no script and no outside reference."""
    src = chart.data_uri() if chart is not None and report.has_chart else None
    return (
        html_environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            qt=False,
            chart_src=src,
            chart_width=chart.width if chart else 0,
            chart_height=chart.height if chart else 0,
        )
    )


def render_qt_html(report: ReportData, chart_resource: str | None, chart_width: int, chart_height: int) -> str:
    """HTML in the subset QTextDocument reads; the chart is a resource the caller registers under that name."""
    return (
        html_environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            qt=True,
            chart_src=chart_resource if report.has_chart else None,
            chart_width=chart_width,
            chart_height=chart_height,
        )
    )
