"""'Why am I here?': the term's level in words, and which ticked criteria pulled the position which way.

Plain Python (no Qt), built from ``TermStats`` and the sentences of
``journal.scoring.explain``. A criterion pulls the term position toward its model's
place on the spectrum: up when that place is above the position, down when it
is below. Criteria are ranked by how often they were ticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from journal.records.framework import Framework
from journal.scoring.explain import (
    LEVEL_MEANING,
    LEVEL_NAMES,
    count_phrase,
    number_text,
    position_sentence,
    position_text,
)
from journal.scoring.position import level
from journal.scoring.stats import TermStats

PULLS_SHOWN = 3
LEVEL_STARTS = {"contributory": Fraction(100, 3), "radical": Fraction(200, 3)}


@dataclass(frozen=True)
class Pull:
    criterion_id: str
    statement: str
    model: str
    times: int


def pulls(stats: TermStats, framework: Framework) -> tuple[list[Pull], list[Pull]]:
    """(criteria pulling the position up, criteria pulling it down), most often ticked first."""
    up: list[Pull] = []
    down: list[Pull] = []
    position = stats.position
    if position is None:
        return up, down
    for criterion_id, times in stats.top_criteria:
        criterion = framework.criterion(criterion_id)
        place = framework.position_of(criterion_id)
        pull = Pull(criterion_id, criterion.statement, criterion.model_id, times)
        if place > position:
            up.append(pull)
        elif place < position:
            down.append(pull)
    return up, down


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def pull_items(found: list[Pull]) -> list[str]:
    """One line per criterion, the most often ticked first, with a closing 'and N more'."""
    items = [f"{p.statement.rstrip('.')} ({p.model}, {_times(p.times)})" for p in found[:PULLS_SHOWN]]
    if len(found) > PULLS_SHOWN:
        more = len(found) - PULLS_SHOWN
        items.append(f"and {more} more {'criterion' if more == 1 else 'criteria'}")
    return items


def distance_sentence(position: Fraction) -> str:
    """How far the position is from the next level boundary, up or down."""
    current = level(position)
    parts = []
    if current != "radical":
        upper = LEVEL_STARTS["contributory" if current == "charity" else "radical"]
        above = "contributory" if current == "charity" else "radical"
        parts.append(f"{number_text(upper - position)} points below {above} (which starts at {position_text(upper)})")
    if current != "charity":
        lower = LEVEL_STARTS[current]
        parts.append(f"{number_text(position - lower)} points above where {current} starts")
    return "You are " + " and ".join(parts) + "."


@dataclass(frozen=True)
class WhyPart:
    """A paragraph of the explanation, with the criteria it names as separate items."""

    text: str
    items: tuple[str, ...] = ()


def why_here(stats: TermStats, framework: Framework) -> list[WhyPart]:
    """The explanation, most important first: what the level means, what was ticked, what pulled which way."""
    position = stats.position
    if position is None:
        return [WhyPart(position_sentence(None))]
    parts = [WhyPart(LEVEL_MEANING[level(position)])]
    parts.append(
        WhyPart(
            f"You ticked {count_phrase(stats.model_ticks)} this term. Each counts at its model's place "
            "(charity 0, contributory 50, radical 100); activities with more hours weigh more."
        )
    )
    up, down = pulls(stats, framework)
    if up:
        parts.append(WhyPart("Pulling your position up, toward radical:", tuple(pull_items(up))))
    if down:
        parts.append(WhyPart("Pulling it down, toward charity:", tuple(pull_items(down))))
    if not up and not down:
        parts.append(WhyPart("Every criterion you ticked sits at the same place, so nothing pulls either way."))
    parts.append(WhyPart(distance_sentence(position)))
    return parts


def why_here_lines(stats: TermStats, framework: Framework) -> list[str]:
    """The explanation as plain lines (items bulleted), for text and reports."""
    lines: list[str] = []
    for part in why_here(stats, framework):
        lines.append(part.text)
        lines.extend(f"\u2022 {item}" for item in part.items)
    return lines


def level_name(position: Fraction | None) -> str:
    return "Not placed yet" if position is None else LEVEL_NAMES[level(position)]
