"""The spectrum chart of one term, drawn as SVG from ``journal.scoring.stats`` and nothing else.

This is the chart's only drawing: the Spectrum view paints this SVG (and asks
``ChartLayout`` which point is under the mouse), the PNG and SVG files and the
PDF report draw it through Qt, and the HTML and Markdown reports embed it as it
is, without Qt.

x is the week of the term (1..N), y the position 0-100. Behind the data sit the
three level bands, each tinted, hatched in its own pattern, bordered and
labelled, so they stay apart in greyscale print and for readers who do not see
the colours (the hues are from the Okabe-Ito palette). Weeks without a position
are gaps: the line is split there, never drawn down to 0.

Only elements that Qt's SVG renderer draws are used (no patterns, no clipping):
the hatching is plain lines cut to each band.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from journal.scoring.explain import LEVEL_NAMES, number_text, position_text
from journal.scoring.position import LEVELS, moving_average
from journal.scoring.stats import TermStats

# Where journal.scoring.position.level changes level: charity when 3p < 100, contributory when 3p < 200.
LEVEL_BOUNDS: dict[str, tuple[Fraction, Fraction]] = {
    "charity": (Fraction(0), Fraction(100, 3)),
    "contributory": (Fraction(100, 3), Fraction(200, 3)),
    "radical": (Fraction(200, 3), Fraction(100)),
}
AVERAGE_WINDOW = 3
POINT_RADIUS = 5.5
FONT = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif"
# A generous average advance of a character of the sans-serif fonts above, in ems; used
# only to centre and wrap the legend (the SVG itself anchors every other text).
_CHARACTER_WIDTH = 0.58


@dataclass(frozen=True)
class BandColours:
    fill: str
    fill_opacity: float
    hatch: str
    hatch_opacity: float
    border: str


@dataclass(frozen=True)
class ChartColours:
    dark: bool
    background: str
    text: str
    grid: str
    grid_opacity: float
    weekly: str
    marker_border: str
    average: str
    reference: str
    bands: dict[str, BandColours]


LIGHT = ChartColours(
    dark=False,
    background="#ffffff",
    text="#1d1d1f",
    grid="#000000",
    grid_opacity=0.12,
    weekly="#0b3c8c",
    marker_border="#ffffff",
    average="#b3367a",
    reference="#333333",
    bands={
        "charity": BandColours("#E69F00", 0.18, "#a86f00", 0.3, "#a86f00"),
        "contributory": BandColours("#56B4E9", 0.18, "#2a7fb0", 0.3, "#2a7fb0"),
        "radical": BandColours("#009E73", 0.18, "#006e50", 0.3, "#006e50"),
    },
)
DARK = ChartColours(
    dark=True,
    background="#202124",
    text="#e8e8ea",
    grid="#ffffff",
    grid_opacity=0.14,
    weekly="#9cc3ff",
    marker_border="#202124",
    average="#f28ac0",
    reference="#d8d8d8",
    bands={
        "charity": BandColours("#E69F00", 0.2, "#f3c45a", 0.25, "#f3c45a"),
        "contributory": BandColours("#56B4E9", 0.19, "#8fd0f5", 0.25, "#8fd0f5"),
        "radical": BandColours("#009E73", 0.24, "#4fd1a6", 0.25, "#4fd1a6"),
    },
)


def chart_colours(dark: bool) -> ChartColours:
    return DARK if dark else LIGHT


def chart_title(stats: TermStats) -> str:
    return f"{stats.term.name}: spectrum week by week"


def segments(values: Sequence[Fraction | None]) -> list[list[tuple[int, Fraction]]]:
    """Runs of consecutive weeks (numbered from 1) that have a value; a None week ends a run."""
    runs: list[list[tuple[int, Fraction]]] = []
    current: list[tuple[int, Fraction]] = []
    for week, value in enumerate(values, start=1):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((week, value))
    if current:
        runs.append(current)
    return runs


def positions_in_words(stats: TermStats) -> str:
    """'week 1 0, week 2 no position, week 3 62.5': the chart's points for a reader who cannot see it."""
    return ", ".join(
        f"week {w.week.number} {'no position' if w.position is None else position_text(w.position)}"
        for w in stats.weeks
    )


def term_line_label(stats: TermStats) -> str | None:
    if stats.position is None:
        return None
    shift = stats.shift
    shift_text = "" if shift is None else f" (shift {'+' if shift > 0 else ''}{number_text(shift)})"
    return f"Term position {position_text(stats.position)}{shift_text}"


def _text_width(text: str, size: float) -> float:
    return len(text) * size * _CHARACTER_WIDTH


def _n(value: float) -> str:
    """A coordinate, short: two decimals at most."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    dash: str | None
    marker: bool


@dataclass(frozen=True)
class ChartLayout:
    """Where everything goes in a chart of ``width`` x ``height`` (SVG user units, CSS pixels)."""

    width: float
    height: float
    weeks: int
    left: float
    top: float
    right: float
    bottom: float
    legend_rows: tuple[tuple[LegendItem, ...], ...]

    def x_of(self, week: float) -> float:
        return self.left + (week - 0.5) / self.weeks * (self.right - self.left)

    def y_of(self, value: Fraction | float) -> float:
        return self.bottom - float(value) / 100 * (self.bottom - self.top)

    def point_at(self, stats: TermStats, x: float, y: float, slack: float = 4.0) -> int | None:
        """The week whose point is under (x, y), within the marker's radius and ``slack``; None if none."""
        best: tuple[float, int] | None = None
        for week, value in enumerate((w.position for w in stats.weeks), start=1):
            if value is None:
                continue
            distance = math.hypot(self.x_of(week) - x, self.y_of(value) - y)
            if distance <= POINT_RADIUS + slack and (best is None or distance < best[0]):
                best = (distance, week)
        return None if best is None else best[1]


TITLE_SIZE = 17.0
LABEL_SIZE = 12.5
LEVEL_SIZE = 13.0
_LEGEND_ROW = 22.0
_LEGEND_GAP = 22.0  # between items
_LEGEND_KEY = 30.0  # the line sample and its space


def _legend_items(stats: TermStats, colours: ChartColours) -> list[LegendItem]:
    items = [
        LegendItem("Weekly position", colours.weekly, None, True),
        LegendItem(f"{AVERAGE_WINDOW}-week average", colours.average, "7 4", False),
    ]
    label = term_line_label(stats)
    if label is not None:
        items.append(LegendItem(label, colours.reference, "9 3 2 3", False))
    return items


def _legend_rows(items: list[LegendItem], width: float) -> tuple[tuple[LegendItem, ...], ...]:
    """The legend's items in centred rows no wider than the chart."""
    rows: list[list[LegendItem]] = [[]]
    used = 0.0
    for item in items:
        need = _LEGEND_KEY + _text_width(item.label, LABEL_SIZE) + (_LEGEND_GAP if rows[-1] else 0)
        if rows[-1] and used + need > width - 24:
            rows.append([])
            used, need = 0.0, need - _LEGEND_GAP
        rows[-1].append(item)
        used += need
    return tuple(tuple(row) for row in rows)


def chart_layout(stats: TermStats, width: float, height: float, colours: ChartColours = LIGHT) -> ChartLayout:
    rows = _legend_rows(_legend_items(stats, colours), width)
    level_width = max(_text_width(LEVEL_NAMES[name], LEVEL_SIZE) for name in LEVELS) * 1.12  # bold
    bottom = height - 12 - len(rows) * _LEGEND_ROW - 2 * LABEL_SIZE - 22
    return ChartLayout(
        width=width,
        height=height,
        weeks=max(len(stats.weeks), 1),
        left=68.0,
        top=52.0,
        right=width - level_width - 24,
        bottom=max(bottom, 80.0),
        legend_rows=rows,
    )


# What XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates): a term
# name may carry one, and a single one would make the whole drawing unreadable.
# Named one by one: the regex compiler is slow to build the complement of what XML can hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text escaped for an SVG element or attribute, any character XML cannot hold shown as U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", text))


def _attributes(attributes: dict[str, object]) -> str:
    """stroke_width=2 -> ' stroke-width="2"' (class_ -> class); None leaves an attribute out."""
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{_xml(str(value))}"'
        for key, value in attributes.items()
        if value is not None
    )


class _Svg:
    """A small writer: every attribute value and text is escaped here, once."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def element(self, name: str, text: str | None = None, /, **attributes: object) -> None:
        attrs = _attributes(attributes)
        if text is None:
            self.parts.append(f"<{name}{attrs}/>")
        else:
            self.parts.append(f"<{name}{attrs}>{_xml(text)}</{name}>")

    def open(self, name: str, **attributes: object) -> None:
        self.parts.append(f"<{name}{_attributes(attributes)}>")

    def close(self, name: str) -> None:
        self.parts.append(f"</{name}>")


def _hatch_lines(name: str, x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[float, float, float, float]]:
    """The hatching of one band, as line segments inside the rectangle: diagonals, dots or a grid."""
    if name == "charity":  # diagonals, top left to bottom right
        step = 9.0
        c = x0 - y1
        while c < x1 - y0:
            low, high = max(y0, x0 - c), min(y1, x1 - c)
            if low < high:
                yield (low + c, low, high + c, high)
            c += step
    elif name == "contributory":  # rows of fine dots (dashed lines of dot-long dashes)
        y = y0 + 3.0
        while y < y1:
            yield (x0, y, x1, y)
            y += 5.0
    else:  # a grid
        step = 10.0
        x = x0 + step
        while x < x1:
            yield (x, y0, x, y1)
            x += step
        y = y0 + step
        while y < y1:
            yield (x0, y, x1, y)
            y += step


def _points(layout: ChartLayout, run: Sequence[tuple[int, Fraction]]) -> str:
    return " ".join(f"{_n(layout.x_of(week))},{_n(layout.y_of(value))}" for week, value in run)


def _x_tick_step(layout: ChartLayout) -> int:
    """Label every week, or every 2nd, 4th, ... when the labels would otherwise touch."""
    per_week = (layout.right - layout.left) / layout.weeks
    return next((step for step in (1, 2, 4, 5, 10, 20) if per_week * step >= 2.2 * LABEL_SIZE), 52)


def _title_line(title: str, width: float) -> tuple[str, float]:
    """The title and its font size: smaller on a narrow chart, and shortened with an ellipsis if still too long."""
    room = width - 16
    size = max(11.0, min(TITLE_SIZE, room / max(len(title), 1) / _CHARACTER_WIDTH / 1.1))
    fits = int(room / (size * _CHARACTER_WIDTH * 1.1))
    return (title if len(title) <= fits else title[: max(fits - 1, 1)].rstrip() + "…"), size


def chart_svg(stats: TermStats, width: int, height: int, *, dark: bool = False) -> str:
    """The chart as one well-formed SVG document of ``width`` x ``height`` CSS pixels.

    Titles, axis labels, level names and the legend are text; each element a
    test or a reader may look for carries a class (``band``, ``weekly-line``,
    ``average-line``, ``term-position``, ``weekly-point``).
    """
    colours = chart_colours(dark)
    layout = chart_layout(stats, width, height, colours)
    svg = _Svg()
    svg.open(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        version="1.2",
        baseProfile="tiny",
        width=width,
        height=height,
        viewBox=f"0 0 {width} {height}",
        font_family=FONT,
    )
    svg.element("title", chart_title(stats))
    svg.element(
        "desc",
        "Mutual Aid Journal: position on the charity-to-solidarity spectrum, week by week: "
        + positions_in_words(stats),
    )
    svg.element("rect", x=0, y=0, width=width, height=height, fill=colours.background, class_="background")
    _bands(svg, layout, colours)
    _axes(svg, layout, stats, colours)
    positions = [w.position for w in stats.weeks]
    _term_line(svg, layout, stats, colours)
    for run in segments(moving_average(positions, AVERAGE_WINDOW)):
        svg.element(
            "polyline", points=_points(layout, run), fill="none", stroke=colours.average, stroke_width=2,
            stroke_dasharray="7 4", stroke_linecap="round", class_="average-line",
        )  # fmt: skip
    for run in segments(positions):
        svg.element(
            "polyline", points=_points(layout, run), fill="none", stroke=colours.weekly, stroke_width=2.5,
            stroke_linejoin="round", stroke_linecap="round", class_="weekly-line",
        )  # fmt: skip
    for week, value in enumerate(positions, start=1):
        if value is None:
            continue
        svg.open(
            "circle", cx=_n(layout.x_of(week)), cy=_n(layout.y_of(value)), r=POINT_RADIUS, fill=colours.weekly,
            stroke=colours.marker_border, stroke_width=1.5, class_="weekly-point", id=f"week-{week}",
        )  # fmt: skip
        svg.element("title", f"Week {week}: {position_text(value)}")
        svg.close("circle")
    title, title_size = _title_line(chart_title(stats), width)
    svg.element(
        "text", title, x=_n(width / 2), y=32, text_anchor="middle", font_size=_n(title_size),
        font_weight="bold", fill=colours.text, class_="title",
    )  # fmt: skip
    _legend(svg, layout, colours)
    svg.close("svg")
    return "".join(svg.parts)


def _bands(svg: _Svg, layout: ChartLayout, colours: ChartColours) -> None:
    x0, x1 = layout.left, layout.right
    for name in LEVELS:
        low, high = LEVEL_BOUNDS[name]
        y0, y1 = layout.y_of(high), layout.y_of(low)
        style = colours.bands[name]
        svg.open("g", class_="band", id=f"band-{name}")
        svg.element(
            "rect",
            x=_n(x0),
            y=_n(y0),
            width=_n(x1 - x0),
            height=_n(y1 - y0),
            fill=style.fill,
            fill_opacity=style.fill_opacity,
        )
        dots = name == "contributory"
        svg.open(
            "g", stroke=style.hatch, stroke_opacity=style.hatch_opacity, stroke_width=1.6 if dots else 0.9,
            stroke_dasharray="1.6 3.4" if dots else None, class_="hatch",
        )  # fmt: skip
        for a, b, c, d in _hatch_lines(name, x0, y0, x1, y1):
            svg.element("line", x1=_n(a), y1=_n(b), x2=_n(c), y2=_n(d))
        svg.close("g")
        svg.element(
            "rect", x=_n(x0), y=_n(y0), width=_n(x1 - x0), height=_n(y1 - y0), fill="none", stroke=style.border,
            stroke_width=1, stroke_dasharray="4 3",
        )  # fmt: skip
        svg.element(
            "text", LEVEL_NAMES[name], x=_n(x1 + 8), y=_n((y0 + y1) / 2 + LEVEL_SIZE * 0.35), font_size=LEVEL_SIZE,
            font_weight="bold", fill=colours.text, class_="level-name",
        )  # fmt: skip
        svg.close("g")


def _axes(svg: _Svg, layout: ChartLayout, stats: TermStats, colours: ChartColours) -> None:
    x0, x1, y0, y1 = layout.left, layout.right, layout.top, layout.bottom
    svg.open("g", stroke=colours.grid, stroke_opacity=colours.grid_opacity, stroke_width=1, class_="grid")
    for value in range(0, 101, 20):
        y = _n(layout.y_of(value))
        svg.element("line", x1=_n(x0), y1=y, x2=_n(x1), y2=y)
    svg.close("g")
    svg.element("line", x1=_n(x0), y1=_n(y1), x2=_n(x1), y2=_n(y1), stroke=colours.text, stroke_opacity=0.45)
    svg.element("line", x1=_n(x0), y1=_n(y0), x2=_n(x0), y2=_n(y1), stroke=colours.text, stroke_opacity=0.45)
    svg.open("g", font_size=LABEL_SIZE, fill=colours.text, class_="ticks")
    for value in range(0, 101, 20):
        svg.element("text", str(value), x=_n(x0 - 8), y=_n(layout.y_of(value) + LABEL_SIZE * 0.35), text_anchor="end")
    step = _x_tick_step(layout)
    for week in range(1, len(stats.weeks) + 1, step):
        x = _n(layout.x_of(week))
        svg.element("line", x1=x, y1=_n(y1), x2=x, y2=_n(y1 + 5), stroke=colours.text, stroke_opacity=0.45)
        svg.element("text", str(week), x=x, y=_n(y1 + 8 + LABEL_SIZE), text_anchor="middle")
    svg.close("g")
    svg.element(
        "text", "Week of the term", x=_n((x0 + x1) / 2), y=_n(y1 + 14 + 2 * LABEL_SIZE), text_anchor="middle",
        font_size=LABEL_SIZE, fill=colours.text, class_="axis-title",
    )  # fmt: skip
    middle = _n((y0 + y1) / 2)
    svg.element(
        "text", "Position (0-100)", x=20, y=middle, transform=f"rotate(-90 20 {middle})", text_anchor="middle",
        font_size=LABEL_SIZE, fill=colours.text, class_="axis-title",
    )  # fmt: skip


def _term_line(svg: _Svg, layout: ChartLayout, stats: TermStats, colours: ChartColours) -> None:
    if stats.position is None:
        return
    y = _n(layout.y_of(stats.position))
    svg.element(
        "line", x1=_n(layout.left), y1=y, x2=_n(layout.right), y2=y, stroke=colours.reference, stroke_width=2,
        stroke_dasharray="9 3 2 3", class_="term-position",
    )  # fmt: skip


def _legend(svg: _Svg, layout: ChartLayout, colours: ChartColours) -> None:
    svg.open("g", font_size=LABEL_SIZE, fill=colours.text, class_="legend")
    y = layout.height - 12 - (len(layout.legend_rows) - 1) * _LEGEND_ROW
    for row in layout.legend_rows:
        widths = [_LEGEND_KEY + _text_width(item.label, LABEL_SIZE) for item in row]
        x = (layout.width - sum(widths) - _LEGEND_GAP * (len(row) - 1)) / 2
        for item, item_width in zip(row, widths, strict=True):
            key_y = _n(y - LABEL_SIZE * 0.35)
            svg.element(
                "line", x1=_n(x), y1=key_y, x2=_n(x + 22), y2=key_y, stroke=item.colour, stroke_width=2.5,
                stroke_dasharray=item.dash, stroke_linecap="round",
            )  # fmt: skip
            if item.marker:
                svg.element("circle", cx=_n(x + 11), cy=key_y, r=3.5, fill=item.colour, stroke="none")
            svg.element("text", item.label, x=_n(x + _LEGEND_KEY), y=_n(y))
            x += item_width + _LEGEND_GAP
        y += _LEGEND_ROW
    svg.close("g")
