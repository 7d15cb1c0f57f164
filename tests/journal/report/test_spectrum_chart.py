"""The spectrum chart's drawing (journal.report.spectrum_chart): scoring's numbers placed exactly, gaps left as gaps.

The SVG is read back with ElementTree and every drawn point is turned back into
(week, position) through the chart's own layout, so each test checks numbers,
not pixels.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from fractions import Fraction

import pytest
from sqlalchemy import update

from journal.cli import MIN_CHART_HEIGHT, MIN_CHART_WIDTH
from journal.records.terms import TermInfo, add_term, find_term
from journal.report.spectrum_chart import LEVEL_BOUNDS, ChartLayout, chart_layout, chart_svg, segments
from journal.scoring.position import moving_average
from journal.scoring.stats import TermStats, term_stats
from journal.storage.journal_file import Journal
from journal.storage.schema import Term
from tests.conftest import GAP_TERM_START, log_in_week

SVG = "{http://www.w3.org/2000/svg}"
WIDTH, HEIGHT = 900, 520


def drawn(stats: TermStats, *, dark: bool = False) -> tuple[ET.Element, ChartLayout]:
    return ET.fromstring(chart_svg(stats, WIDTH, HEIGHT, dark=dark)), chart_layout(stats, WIDTH, HEIGHT)


def of_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def as_data(layout: ChartLayout, x: float, y: float) -> tuple[float, float]:
    """A drawn point back as (week, position), to two decimals."""
    week = (x - layout.left) / (layout.right - layout.left) * layout.weeks + 0.5
    position = (layout.bottom - y) / (layout.bottom - layout.top) * 100
    return round(week, 2), round(position, 2)


def polyline_data(layout: ChartLayout, line: ET.Element) -> list[tuple[float, float]]:
    pairs = [p.split(",") for p in (line.get("points") or "").split()]
    return [as_data(layout, float(x), float(y)) for x, y in pairs]


def expected_runs(values: list[Fraction | None]) -> list[list[tuple[float, float]]]:
    return [[(float(week), round(float(value), 2)) for week, value in run] for run in segments(values)]


def test_weekly_line_is_the_scoring_series_split_at_the_gaps(journal: Journal, gap_term: TermInfo) -> None:
    stats = term_stats(journal, gap_term)
    positions = [w.position for w in stats.weeks]
    assert positions[2] is None and positions[5] is None  # the fixture has its two gaps
    root, layout = drawn(stats)
    lines = [polyline_data(layout, line) for line in of_class(root, "weekly-line")]
    assert (
        lines
        == expected_runs(positions)
        == [
            [(1.0, round(float(positions[0]), 2)), (2.0, round(float(positions[1]), 2))],
            [(4.0, round(float(positions[3]), 2)), (5.0, round(float(positions[4]), 2))],
            [(7.0, 0.0)],
        ]
    )
    points = [as_data(layout, float(c.get("cx", 0)), float(c.get("cy", 0))) for c in of_class(root, "weekly-point")]
    assert points == [pt for run in lines for pt in run]
    assert not any(week in (3.0, 6.0) for week, _ in points), "a week without a position is never drawn"


def test_moving_average_and_term_line_come_from_scoring(journal: Journal, gap_term: TermInfo) -> None:
    stats = term_stats(journal, gap_term)
    root, layout = drawn(stats, dark=True)
    averages = moving_average([w.position for w in stats.weeks], 3)
    assert [polyline_data(layout, line) for line in of_class(root, "average-line")] == expected_runs(averages)
    (term_line,) = of_class(root, "term-position")
    assert stats.position is not None
    ys = {
        as_data(layout, float(term_line.get(x, 0)), float(term_line.get(y, 0)))[1]
        for x, y in (("x1", "y1"), ("x2", "y2"))
    }
    assert ys == {round(float(stats.position), 2)}


def test_bands_are_tinted_hatched_bordered_and_labelled(journal: Journal, gap_term: TermInfo) -> None:
    root, layout = drawn(term_stats(journal, gap_term))
    bands = of_class(root, "band")
    assert [b.get("id") for b in bands] == ["band-charity", "band-contributory", "band-radical"]
    kinds = set()
    for band, (low, high) in zip(bands, LEVEL_BOUNDS.values(), strict=True):
        (hatch,) = of_class(band, "hatch")
        lines = [[float(line.get(k, 0)) for k in ("x1", "y1", "x2", "y2")] for line in hatch]
        assert len(lines) > 10
        for x1, y1, x2, y2 in lines:  # every hatch line stays inside its own band
            assert all(layout.left - 0.01 <= x <= layout.right + 0.01 for x in (x1, x2))
            assert all(layout.y_of(high) - 0.01 <= y <= layout.y_of(low) + 0.01 for y in (y1, y2))
        directions = frozenset((x1 == x2, y1 == y2) for x1, y1, x2, y2 in lines)
        kinds.add((hatch.get("stroke-dasharray"), directions))
    assert len(kinds) == 3, "each band has its own hatch, so the bands differ without colour"
    assert ["".join(t.itertext()) for t in of_class(root, "level-name")] == ["Charity", "Contributory", "Radical"]


def test_a_term_with_a_single_scored_week_still_draws_its_point(journal: Journal) -> None:
    term = add_term(journal, "Short", GAP_TERM_START, GAP_TERM_START + timedelta(days=20))
    log_in_week(journal, 2, "One thing", "1", "radical.root-causes")
    root, layout = drawn(term_stats(journal, term))
    (point,) = of_class(root, "weekly-point")
    assert as_data(layout, float(point.get("cx", 0)), float(point.get("cy", 0))) == (2.0, 100.0)


def test_segments_split_at_none() -> None:
    one, two = Fraction(1), Fraction(2)
    assert segments([None, one, two, None, None, one]) == [[(2, one), (3, two)], [(6, one)]]
    assert segments([None, None]) == []


def test_the_point_under_the_mouse_is_found_by_the_layout(journal: Journal, gap_term: TermInfo) -> None:
    stats = term_stats(journal, gap_term)
    layout = chart_layout(stats, WIDTH, HEIGHT)
    for week, score in enumerate(stats.weeks, start=1):
        if score.position is None:
            continue
        x, y = layout.x_of(week), layout.y_of(score.position)
        assert layout.point_at(stats, x + 3, y - 3) == week
    assert layout.point_at(stats, layout.x_of(3), layout.y_of(50)) is None  # week 3 has no point
    assert layout.point_at(stats, 1, 1) is None


def svg_texts(svg: str) -> list[str]:
    return ["".join(e.itertext()).strip() for e in ET.fromstring(svg).iter(f"{SVG}text")]


def test_svg_is_well_formed_with_level_names_term_name_and_legend(demo_stats: TermStats) -> None:
    svg = chart_svg(demo_stats, 1000, 600)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 1000 600"
    texts = svg_texts(svg)
    for name in ("Charity", "Contributory", "Radical", "Weekly position", "3-week average", "Week of the term"):
        assert name in texts
    assert any(t.startswith("Term position ") for t in texts)
    assert any(demo_stats.term.name in t for t in texts)
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None


@pytest.mark.parametrize(("width", "height"), [(420, 300), (MIN_CHART_WIDTH, MIN_CHART_HEIGHT)])
def test_a_small_chart_keeps_its_legend_inside(demo_stats: TermStats, width: int, height: int) -> None:
    layout = chart_layout(demo_stats, width, height)
    assert len(layout.legend_rows) >= 2, "the legend wraps instead of running off the side"
    assert layout.top + 40 < layout.bottom < height and layout.left + 100 < layout.right < width
    legend_top = height - 12 - len(layout.legend_rows) * 22
    assert layout.bottom + 2 * 12.5 + 14 < legend_top + 12, "the axis labels stay clear of the legend"


def test_a_term_name_with_characters_xml_cannot_hold_still_draws(journal: Journal) -> None:
    name = "Fall\x0b<&>\"' \ufffe"  # the line break is refused now; a journal may hold one from before
    term = add_term(journal, "Fall", GAP_TERM_START, GAP_TERM_START + timedelta(days=20))
    with journal.writing() as session:
        session.execute(update(Term).where(Term.id == term.id).values(name=name))
    term = find_term(journal, name)
    log_in_week(journal, 1, "One thing", "1", "radical.root-causes")
    svg = chart_svg(term_stats(journal, term), 600, 400)
    assert any("Fall\ufffd<&>\"' \ufffd" in t for t in svg_texts(svg))  # well-formed, the rest kept


def test_svg_escapes_a_term_name_with_markup(journal: Journal, gap_term: TermInfo) -> None:
    svg = chart_svg(term_stats(journal, gap_term), 800, 500)
    assert "<Summer>" not in svg
    assert any("Spring & <Summer>" in t for t in svg_texts(svg))


def test_a_long_title_on_a_narrow_chart_is_shortened_and_week_labels_thin_out(journal: Journal) -> None:
    name = "Service learning in the community, spring semester, section 4 (Tuesday and Thursday)"
    term = add_term(journal, name, GAP_TERM_START, GAP_TERM_START + timedelta(days=104))  # 15 weeks
    log_in_week(journal, 1, "One thing", "1", "radical.root-causes")
    root = ET.fromstring(chart_svg(term_stats(journal, term), MIN_CHART_WIDTH, MIN_CHART_HEIGHT))
    (title,) = of_class(root, "title")
    assert (title.text or "").endswith("…") and name.startswith((title.text or "")[:-1].rstrip())
    weeks = [t.text for t in of_class(root, "ticks")[0] if t.tag == f"{SVG}text" and t.get("text-anchor") == "middle"]
    assert weeks[:2] == ["1", "3"] or weeks[:2] == ["1", "5"], "every week would not fit: every 2nd or 4th"
    wide = ET.fromstring(chart_svg(term_stats(journal, term), 1600, 600))
    assert of_class(wide, "title")[0].text == f"{name}: spectrum week by week"
