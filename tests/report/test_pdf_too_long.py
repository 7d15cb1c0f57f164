"""A report longer than Qt's text layout can hold is refused in words, not by a crash."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPageSize

from journal.errors import InvalidInput
from ui.report.pdf_report import CHART_RESOURCE, render_pdf


def _pdf(html: str) -> bytes:
    return render_pdf(
        html, chart_svg=None, page_size=QPageSize.PageSizeId.A4, title="t", header_left="l", header_right="r"
    )


def test_a_report_past_the_layout_limit_is_refused_with_what_to_do_instead(qapp: object) -> None:
    # one picture some 3,000 A4 pages tall: past the layout's limit, and quick to lay out
    with pytest.raises(InvalidInput) as refused:
        _pdf(f'<p>Before</p><img src="{CHART_RESOURCE}" width="10" height="2900000"><p>After</p>')
    assert "too long for a PDF" in str(refused.value) and "DOCX" in str(refused.value)


def test_a_long_report_under_the_limit_is_still_written(qapp: object) -> None:
    pdf = _pdf(f'<p>Before</p><img src="{CHART_RESOURCE}" width="10" height="200000"><p>After</p>')
    assert pdf.startswith(b"%PDF")
