"""Dates, positions and counts written the way the report prints them, in every format alike."""

from __future__ import annotations

import unicodedata
from datetime import date
from fractions import Fraction

from journal.scoring.explain import number_text
from journal.scoring.explain import position_text as position_number
from journal.scoring.position import level

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
# Right-to-left letters and Arabic digits, and the explicit direction controls a pasted text may carry
# (an override left open would reverse the rest of the line).
_NEEDS_ISOLATE = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def long_date(day: date) -> str:
    """3 February 2025 (built by hand: strftime's unpadded day is not portable)."""
    return f"{day.day} {day:%B %Y}"


def day_text(day: date) -> str:
    """Mon 3 Feb 2025."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def span_text(start: date, end: date) -> str:
    """3 to 9 Feb 2025, 28 Feb to 6 Mar 2025, or 29 Dec 2025 to 4 Jan 2026."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} to {end.day} {end:%b %Y}"
    return f"{start.day} to {end.day} {end:%b %Y}"


def position_text(position: Fraction | None) -> str:
    """'61.3 of 100, contributory', or 'none' when there is no position."""
    if position is None:
        return "none"
    return f"{position_number(position)} of 100, {level(position)}"


def position_or_none(position: Fraction | None) -> str:
    """A position as a bare number that never reads as another level, or 'none'."""
    return "none" if position is None else position_number(position)


def percent_text(share: Fraction | None) -> str:
    return "none" if share is None else f"{number_text(share * 100)}%"


def weeks_phrase(count: int) -> str:
    return f"{count} week" if count == 1 else f"{count} weeks"


def isolated(text: str) -> str:
    """User text set apart from the line around it, when its direction could disturb that line.

    In "Sat 11 Jan 2025 · جمعية الإسكان · 1 h" the separator and the hours sit between
    right-to-left letters and join them: the line prints "· 1 · جمعية الإسكان h". Wrapped in
    first-strong isolates the name keeps its own direction inside and stays one unit outside,
    so "· 1 h" ends the line. Text with no right-to-left letters or direction controls is
    returned as it is: invisible characters there would only get in the way of search and copying.
    """
    if not any(unicodedata.bidirectional(ch) in _NEEDS_ISOLATE for ch in text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
