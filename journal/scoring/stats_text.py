"""The plain-text summary that ``stats`` prints without ``--json``."""

from __future__ import annotations

from journal.scoring.explain import LEVEL_NAMES, number_text, position_sentence, position_text, shift_sentence
from journal.scoring.stats import TermStats


def stats_lines(stats: TermStats) -> list[str]:
    term = stats.term
    lines = [
        f"{term.name}: {term.start} to {term.end}, {term.weeks} weeks",
        f"Activities: {stats.activity_count}, {number_text(stats.hours, 2)} hours, {stats.organizations} organisations",
        f"Weeks with a reflection: {len(stats.reflected_weeks)} of {term.weeks}",
        f"Position: {position_sentence(stats.position)}",
        f"Shift: {shift_sentence(stats.shift)}",
        "Shares of ticks: "
        + ", ".join(
            f"{LEVEL_NAMES[m]} {number_text(None if s is None else s * 100)}%" for m, s in stats.shares.items()
        ),
        "",
        "Week  Dates                    Activities  Hours  Position  Level         Reflected",
    ]
    for w in stats.weeks:
        lines.append(
            f"{w.week.number:>4}  {w.week.start} to {w.week.end}  {w.activities:>10}  {number_text(w.hours, 2):>5}"
            f"  {'none' if w.position is None else position_text(w.position):>8}  {(w.level or '-'):<12}  "
            f"{'yes' if w.week.number in stats.reflected_weeks else 'no'}"
        )
    return lines
