"""Figures, their floors and targets: the one table ``make bench`` prints and the JSON it writes."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (p95: share 0.95): a value that was actually measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figure:
    """One row of the table: a measured value next to its floor, and the target it is held to.

    ``value`` and ``floor`` are medians (or p50 when ``p95`` is given). ``met`` is
    None when the row has no target or could not be measured (``note`` says why).
    """

    measure: str
    activities: int | None
    unit: str
    value: float | None = None
    p95: float | None = None
    floor: float | None = None
    floor_p95: float | None = None
    target: str = ""
    met: bool | None = None
    runs: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list, repr=False)

    @property
    def available(self) -> bool:
        return self.value is not None


def not_available(measure: str, activities: int | None, unit: str, target: str, why: str) -> Figure:
    return Figure(measure, activities, unit, target=target, note=f"not available: {why}")


def within_floor(figure: Figure, factor: float) -> Figure:
    """Hold a figure to ``factor`` times its floor (medians)."""
    figure.target = f"<= {factor:g}x floor"
    if figure.value is not None and figure.floor is not None:
        figure.met = figure.value <= factor * figure.floor
    return figure


def under(figure: Figure, limit: float, *, on_p95: bool = False) -> Figure:
    figure.target = f"{'p95 ' if on_p95 else ''}< {_number(limit, figure.unit)}"
    value = figure.p95 if on_p95 else figure.value
    if value is not None:
        figure.met = value < limit
    return figure


def growth(measure: str, small: Figure, large: Figure, limit: float | None, *, on_p95: bool = False) -> Figure:
    """How a figure grows from the smallest journal to the largest, held to ``limit`` times (None: shown only)."""
    name = f"growth {small.activities:,} -> {large.activities:,}: {measure}"
    target = "" if limit is None else f"<= {limit:g}x"
    first = small.p95 if on_p95 else small.value
    last = large.p95 if on_p95 else large.value
    if first is None or last is None or first <= 0:
        return not_available(name, None, "x", target, "a figure it compares was not measured")
    ratio = last / first
    met = None if limit is None else ratio <= limit
    return Figure(name, None, "x", value=ratio, target=target, met=met, runs=1)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:g} {unit}"


COLUMNS = ("Measure", "Activities", "Median/p50", "p95", "Floor", "Floor p95", "Ratio", "Target", "Met", "Note")


def _row(figure: Figure) -> tuple[str, ...]:
    ratio = ""
    if figure.value is not None and figure.floor:
        ratio = f"{figure.value / figure.floor:.2f}x"
    met = {True: "yes", False: "NO", None: ""}[figure.met] if figure.available else "n/a"
    return (
        figure.measure,
        "" if figure.activities is None else f"{figure.activities:,}",
        _number(figure.value, figure.unit) if figure.available else "n/a",
        _number(figure.p95, figure.unit),
        _number(figure.floor, figure.unit),
        _number(figure.floor_p95, figure.unit),
        ratio,
        figure.target,
        met,
        figure.note,
    )


def table(figures: Sequence[Figure]) -> str:
    rows = [COLUMNS, *(_row(f) for f in figures)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(width) if i in (0, 7, 9) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(path: Path, machine: dict[str, object], figures: Sequence[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"machine": machine, "figures": [asdict(f) for f in figures]}
    temporary = path.with_name(path.name + ".partial")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
