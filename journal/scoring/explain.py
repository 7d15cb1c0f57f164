"""Positions and levels in plain words: the app, the report and ``stats`` all say it the same way."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from journal.scoring.position import LEVELS, activity_position, level

LEVEL_NAMES = {"charity": "Charity", "contributory": "Contributory", "radical": "Radical"}
LEVEL_MEANING = {
    "charity": "Your mutual aid mostly looked like charity: help given one way, by outsiders, "
    "meeting immediate needs without changing why they exist.",
    "contributory": "Your mutual aid mostly looked contributory: people took part and helped themselves, "
    "within the system as it is.",
    "radical": "Your mutual aid mostly looked like solidarity: collective, reciprocal, "
    "and aimed at the root causes of need.",
}
SCORING_IN_WORDS = (
    "Each model has a place on the spectrum: charity 0, contributory 50, radical 100. "
    "An activity's position is the mean of the places of the criteria ticked on it. "
    "A week's or a term's position is the mean of its activities' positions, weighted by their hours "
    "(the plain mean if they add up to 0 hours); activities with no criterion ticked are left out. "
    "A position below 33⅓ is at the charity level, from 33⅓ up to (not including) 66⅔ contributory, "
    "and from 66⅔ radical. "
    "The shift is the position of the second half of the term minus that of the first half."
)


def number_text(value: Fraction | float | None, digits: int = 1) -> str:
    if value is None:
        return "none"
    text = f"{float(value):.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def position_text(position: Fraction) -> str:
    """A position to one decimal, never rounded across a level boundary.

    The boundaries are 33⅓ and 66⅔ exactly, and are written so. A value that
    one decimal would round into the next level (66.66 to 66.7, which reads as
    radical) gets two decimals, rounded toward its own side of the boundary.
    """
    exact = {Fraction(100, 3): "33⅓", Fraction(200, 3): "66⅔"}
    if position in exact:
        return exact[position]
    text = number_text(position)
    if level(Fraction(text)) == level(position):
        return text
    hundredths = position * 100
    below = LEVELS.index(level(Fraction(text))) < LEVELS.index(level(position))
    cut = math.ceil(hundredths) if below else math.floor(hundredths)
    return number_text(Fraction(cut, 100), 2)


def position_sentence(position: Fraction | None) -> str:
    if position is None:
        return "No position yet: tick the criteria that describe an activity to place it on the spectrum."
    lvl = level(position)
    return f"{position_text(position)} of 100: {LEVEL_NAMES[lvl].lower()}."


def count_phrase(counts: Counter[str]) -> str:
    parts = [f"{counts[m]} {m}" for m in reversed(LEVELS) if counts[m]]
    if not parts:
        return "no criteria"
    noun = "criterion" if sum(counts.values()) == 1 else "criteria"
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{joined} {noun}"


def activity_sentence(models: Iterable[tuple[str, int]]) -> str:
    """'3 radical and 1 charity criterion: 75, radical' from (model id, position) of each tick."""
    ticks = list(models)
    position = activity_position(p for _, p in ticks)
    if position is None:
        return "No criteria ticked yet: tick the statements that describe this activity."
    counts = Counter(m for m, _ in ticks)
    return f"{count_phrase(counts)}: {position_text(position)}, {level(position)}"


def shift_sentence(shift: Fraction | None) -> str:
    if shift is None:
        return "No shift yet: both halves of the term need scored activities."
    if shift == 0:
        return "No shift: the second half of the term sits where the first half did."
    direction = "toward solidarity (radical)" if shift > 0 else "toward charity"
    return f"{'+' if shift > 0 else '-'}{number_text(abs(shift))} points {direction} from the first half to the second."
