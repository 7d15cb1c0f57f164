"""The spectrum chart as files: PNG of the exact size, SVG, through the view's code and the `chart` command."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from journal.records.terms import TermInfo
from journal.scoring.stats import TermStats
from journal.storage.journal_file import Journal
from tests.conftest import run_entry_point
from ui.spectrum.chart_export import chart_png_bytes, save_chart


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
        (["--term", "Autumn 1999", "-o", "c.png"], "Autumn 1999"),
        (["--term", "Spring & <Summer>", "-o", "c.jpg"], ".png or .svg"),
        (["--term", "Spring & <Summer>", "-o", "c.png", "--width", "5"], "between 320 and 10000"),
        (["--term", "Spring & <Summer>", "-o", "c.png", "--height", "239"], "between 240 and 10000"),
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
