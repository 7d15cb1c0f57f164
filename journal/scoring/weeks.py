"""Weeks of a term: week n runs from start + 7(n-1) to start + 7n - 1, cut at the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Week:
    number: int
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def week_count(start: date, end: date) -> int:
    """ceil(days / 7), where days counts both ends."""
    days = (end - start).days + 1
    return -(-days // 7)


def term_weeks(start: date, end: date) -> list[Week]:
    return [week(start, end, n) for n in range(1, week_count(start, end) + 1)]


def week(start: date, end: date, number: int) -> Week:
    first = start + timedelta(days=7 * (number - 1))
    # Cut at the end before adding, so that a last week running past 9999-12-31 (a term
    # stored before such dates were refused) still has an end instead of overflowing.
    return Week(number, first, first + timedelta(days=min(6, (end - first).days)))


def week_number(start: date, end: date, day: date) -> int | None:
    """The week of the term that holds ``day``, or None outside the term."""
    if not start <= day <= end:
        return None
    return (day - start).days // 7 + 1
