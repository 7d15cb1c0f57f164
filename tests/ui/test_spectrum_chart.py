"""The spectrum chart and its exports: drawn from journal.scoring's numbers, gaps left as gaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCharts import QCategoryAxis, QChart, QLineSeries, QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from journal.activities import add_activity
from journal.demo import fill_demo_journal
from journal.scoring import moving_average
from journal.stats import TermStats, term_stats
from journal.storage import Journal
from journal.terms import TermInfo, add_term
from journal.validation import check_activity
from tests.conftest import run_entry_point
from ui.spectrum.chart_builder import (
    AVERAGE_LINE,
    BAND_PREFIX,
    TERM_LINE,
    WEEKLY_LINE,
    WEEKLY_POINTS,
    build_chart,
    segments,
    series_named,
)
from ui.spectrum.chart_export import chart_png_bytes, chart_svg_bytes, save_chart

START = date(2025, 1, 6)  # a Monday


def log(journal: Journal, week: int, title: str, hours: str, criteria: str) -> None:
    day = START + timedelta(days=7 * (week - 1) + 1)
    raw = {"date": day.isoformat(), "title": title, "hours": hours, "criteria": criteria}
    add_activity(journal, check_activity(raw, journal.framework))


@pytest.fixture
def gap_term(journal: Journal) -> TermInfo:
    """Seven weeks: positions in weeks 1, 2, 4, 5 and 7; week 3 empty; week 6 logged but unticked."""
    term = add_term(journal, "Spring & <Summer>", START, START + timedelta(days=48))
    log(journal, 1, "Food bank", "3", "charity.one-way-giving;contributory.self-help")
    log(journal, 2, "Repair cafe", "2", "contributory.self-help")
    log(journal, 2, "Tenants meeting", "1", "radical.root-causes")
    log(journal, 4, "Fridge rota", "2", "contributory.pooled-resources;radical.collective-decisions")
    log(journal, 5, "Breakfast", "4", "radical.no-eligibility;radical.reciprocal-roles")
    log(journal, 6, "Unsorted notes", "1", "")
    log(journal, 7, "Coat drive", "2", "charity.outside-helpers")
    return term


def points(series: QLineSeries | QScatterSeries) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in series.points()]


def expected_runs(values: list[Fraction | None]) -> list[list[tuple[float, float]]]:
    runs, current = [], []
    for week, value in enumerate(values, start=1):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((float(week), float(value)))
    return [*runs, current] if current else runs


def test_weekly_line_is_the_scoring_series_split_at_the_gaps(journal: Journal, gap_term: TermInfo) -> None:
    stats = term_stats(journal, gap_term)
    positions = [w.position for w in stats.weeks]
    assert positions[2] is None and positions[5] is None  # the fixture has its two gaps
    chart = build_chart(stats, dark=False)
    lines = [points(s) for s in series_named(chart, WEEKLY_LINE)]
    assert (
        lines
        == expected_runs(positions)
        == [
            [(1.0, float(positions[0])), (2.0, float(positions[1]))],
            [(4.0, float(positions[3])), (5.0, float(positions[4]))],
            [(7.0, 0.0)],
        ]
    )
    (scatter,) = series_named(chart, WEEKLY_POINTS)
    assert points(scatter) == [pt for run in lines for pt in run]
    assert not any(x in (3.0, 6.0) for x, _ in points(scatter)), "a week without a position is never drawn"


def test_moving_average_and_term_line_come_from_scoring(journal: Journal, gap_term: TermInfo) -> None:
    stats = term_stats(journal, gap_term)
    chart = build_chart(stats, dark=True)
    averages = moving_average([w.position for w in stats.weeks], 3)
    assert [points(s) for s in series_named(chart, AVERAGE_LINE)] == expected_runs(averages)
    (term_line,) = series_named(chart, TERM_LINE)
    assert stats.position is not None
    assert {y for _, y in points(term_line)} == {float(stats.position)}
    assert "Spring &amp; &lt;Summer&gt;" in chart.title(), "the title is rich text, so the term name is escaped"


def test_bands_are_shaded_patterned_and_labelled(journal: Journal, gap_term: TermInfo) -> None:
    chart = build_chart(term_stats(journal, gap_term), dark=False)
    band_names = {s.objectName() for s in chart.series() if s.objectName().startswith(BAND_PREFIX)}
    assert band_names == {f"{BAND_PREFIX}{m}" for m in ("charity", "contributory", "radical")}
    hatches = {s.brush().style() for s in chart.series() if s.objectName().startswith(BAND_PREFIX)}
    hatches -= {Qt.BrushStyle.SolidPattern, Qt.BrushStyle.NoBrush}
    assert len(hatches) == 3, "each band has its own hatch, so the bands differ without colour"
    level_axes = [a for a in chart.axes() if isinstance(a, QCategoryAxis)]
    assert level_axes and level_axes[0].categoriesLabels() == ["Charity", "Contributory", "Radical"]


def test_a_term_with_a_single_scored_week_still_draws_its_point(journal: Journal) -> None:
    term = add_term(journal, "Short", START, START + timedelta(days=20))
    log(journal, 2, "One thing", "1", "radical.root-causes")
    chart = build_chart(term_stats(journal, term), dark=False)
    (scatter,) = series_named(chart, WEEKLY_POINTS)
    assert points(scatter) == [(2.0, 100.0)]
    assert isinstance(chart, QChart)


def test_segments_split_at_none() -> None:
    one, two = Fraction(1), Fraction(2)
    assert segments([None, one, two, None, None, one]) == [[(2, one), (3, two)], [(6, one)]]
    assert segments([None, None]) == []


@pytest.fixture
def demo_stats(journal: Journal) -> TermStats:
    return term_stats(journal, fill_demo_journal(journal, date(2025, 10, 1)))


@pytest.mark.parametrize(("width", "height", "scale"), [(1200, 700, 1.0), (640, 400, 2.0), (333, 211, 1.5)])
def test_png_has_exactly_the_asked_pixels(demo_stats: TermStats, width: int, height: int, scale: float) -> None:
    image = QImage.fromData(chart_png_bytes(demo_stats, width, height, scale=scale))
    assert not image.isNull()
    assert (image.width(), image.height()) == (round(width * scale), round(height * scale))


def test_png_is_drawn_not_blank_and_dark_differs(demo_stats: TermStats) -> None:
    light = QImage.fromData(chart_png_bytes(demo_stats, 400, 300))
    dark = QImage.fromData(chart_png_bytes(demo_stats, 400, 300, dark=True))
    assert light.pixelColor(2, 2).lightness() > 200 and dark.pixelColor(2, 2).lightness() < 60
    colours = {light.pixel(x, y) for x in range(0, 400, 7) for y in range(0, 300, 7)}
    assert len(colours) > 20, "the chart is really drawn, not an empty canvas"


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(e.itertext()).strip() for e in root.iter() if e.tag.endswith("}text") or e.tag == "text"]


def test_svg_is_well_formed_with_level_names_and_term_name(demo_stats: TermStats) -> None:
    data = chart_svg_bytes(demo_stats, 1000, 600)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 1000 600"
    texts = svg_texts(data)
    for name in ("Charity", "Contributory", "Radical"):
        assert name in texts
    assert any(demo_stats.term.name in t for t in texts)


def test_svg_escapes_a_term_name_with_markup(journal: Journal, gap_term: TermInfo) -> None:
    texts = svg_texts(chart_svg_bytes(term_stats(journal, gap_term), 800, 500))
    assert any("Spring & <Summer>" in t for t in texts)


def test_save_chart_writes_png_or_svg_by_suffix(journal: Journal, gap_term: TermInfo, tmp_path: Path) -> None:
    save_chart(journal, gap_term, tmp_path / "out" / "c.png", 500, 300)
    save_chart(journal, gap_term, tmp_path / "c.SVG", 500, 300)
    assert QImage(str(tmp_path / "out" / "c.png")).size().toTuple() == (500, 300)
    ET.parse(tmp_path / "c.SVG")
    assert not list(tmp_path.glob("**/*.partial")), "written through a temporary file that was renamed"


# the `chart` command, through the installed entry point ---------------------------------------------


def sentence_only(err: str) -> bool:
    return bool(err.strip()) and "Traceback" not in err and err.strip().endswith(".")


def test_chart_command_writes_a_png_of_the_asked_size(journal: Journal, gap_term: TermInfo, tmp_path: Path) -> None:
    journal.close()
    out = tmp_path / "chart.png"
    done = run_entry_point(
        journal.path, "chart", "--term", gap_term.name, "-o", str(out), "--width", "640", "--height", "360"
    )
    assert done.code == 0, done.err
    assert QImage(str(out)).size().toTuple() == (640, 360)
    svg = tmp_path / "chart.svg"
    assert run_entry_point(journal.path, "chart", "--term", gap_term.name, "-o", str(svg)).code == 0
    assert "Radical" in svg_texts(svg.read_bytes())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "c.png"], "--term"),
        (["--term", "Autumn 1999", "-o", "c.png"], "Autumn 1999"),
        (["--term", "Spring & <Summer>", "-o", "c.jpg"], ".png or .svg"),
        (["--term", "Spring & <Summer>", "-o", "c.png", "--width", "5"], "between 100 and 10000"),
    ],
)
def test_chart_command_errors_are_exit_2_with_a_sentence(
    journal: Journal, gap_term: TermInfo, tmp_path: Path, args: list[str], words: str
) -> None:
    journal.close()
    args = [str(tmp_path / a) if a.startswith("c.") else a for a in args]
    done = run_entry_point(journal.path, "chart", *args)
    assert done.code == 2
    assert sentence_only(done.err), done.err
    assert words in done.err
    assert not list(tmp_path.glob("c.*"))
