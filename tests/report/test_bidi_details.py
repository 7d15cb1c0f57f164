"""The details line under an activity title with right-to-left text: isolated for HTML and PDF, plain elsewhere."""

from __future__ import annotations

from dataclasses import replace

from journal.report.report_data import ReportActivity
from journal.report.wording import FIRST_STRONG_ISOLATE as FSI
from journal.report.wording import POP_DIRECTIONAL_ISOLATE as PDI
from journal.report.wording import isolated

ARABIC = "جمعية الإسكان"
ACTIVITY = ReportActivity(
    day="Sat 11 Jan 2025",
    title="Housing committee",
    private=False,
    organization=ARABIC,
    role="منسق",
    hours="1",
    description="",
    tags=(),
    criteria=(),
    placement="",
)


def test_right_to_left_names_are_isolated_in_the_details_line() -> None:
    assert ACTIVITY.details == f"Sat 11 Jan 2025 · {FSI}{ARABIC}{PDI} · {FSI}منسق{PDI} · 1 h"


def test_left_to_right_text_gets_no_invisible_characters() -> None:
    latin = replace(ACTIVITY, organization="Food bank", role="cook")
    assert latin.details == latin.plain_details == "Sat 11 Jan 2025 · Food bank · cook · 1 h"
    assert isolated("마을 텃밭") == "마을 텃밭"


def test_a_pasted_direction_override_is_closed_inside_its_name() -> None:
    override = "\u202eevil"  # RIGHT-TO-LEFT OVERRIDE left open would reverse the rest of the line
    assert isolated(override) == f"{FSI}{override}{PDI}"


def test_markdown_and_docx_keep_the_text_as_typed() -> None:
    assert ACTIVITY.plain_details == f"Sat 11 Jan 2025 · {ARABIC} · منسق · 1 h"
