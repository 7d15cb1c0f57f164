"""The rules of SPEC 2 for terms and activities, each broken rule put in words.

Functions here turn raw user input (strings from a form, a CSV cell, a JSON
value) into clean values, or raise ``InvalidInput`` naming every field at fault.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from journal.errors import InvalidInput
from journal.records.framework import Framework

TITLE_MAX = 200
SHORT_TEXT_MAX = 200
DESCRIPTION_MAX = 100_000
TERM_NAME_MAX = 100
TERM_DAYS_MAX = 366
TAG_MAX = 50
HOURS_MAX = Decimal(24)
DIRECTIONS = ("toward-charity", "stay", "toward-radical")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The latest date the journal takes. The calendar stops at 9999-12-31; a week that starts on
# any day up to this one still ends inside it, with a day to spare for "the day after".
LAST_DAY = date(9999, 12, 24)
# Hours as a person writes them: ASCII digits and one decimal point (a comma is read as one).
# Python's own number parsing would also take "1_0", "1e1" and digits of other scripts.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Controls a terminal or a printer acts on (ESC starts colour and cursor codes): C0 but tab,
# line feed and carriage return, then DEL and C1.
CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# What str.splitlines() breaks a line at, so a one-line name never shows as two lines.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Letters that draw nothing, although Unicode files them as letters or symbols.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


@dataclass(frozen=True)
class ActivityInput:
    """A checked activity, ready to be written."""

    day: date
    title: str
    organization: str = ""
    role: str = ""
    hours_centi: int = 0
    description: str = ""
    tags: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    private: bool = False


def quoted(text: str, limit: int = 40) -> str:
    """User text quoted in a sentence, cut short: an error about a 10 MB cell must not be 10 MB long."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def parse_date(value: Any, what: str = "The date") -> date:
    if isinstance(value, date):
        return _within_calendar(value, what)
    text = str(value).strip() if value is not None else ""
    if not text:
        raise ValueError(f"{what} is missing; use the form YYYY-MM-DD.")
    if not _DATE.match(text):
        raise ValueError(f"{what} {quoted(text)} is not a date of the form YYYY-MM-DD.")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} {quoted(text)} is not a real calendar date.") from None
    return _within_calendar(day, what)


def _within_calendar(day: date, what: str) -> date:
    if day > LAST_DAY:
        raise ValueError(
            f"{what} {day.isoformat()} is too late: the journal takes dates up to {LAST_DAY.isoformat()}, "
            "so that every week ends before the calendar does (on 9999-12-31)."
        )
    return day


def parse_hours(value: Any) -> int:
    """Hours as whole hundredths: 0 to 24, at most two decimals. Empty means 0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValueError("Hours must be a number from 0 to 24.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("Hours must be a number from 0 to 24.")
    text = str(value).strip().replace(",", ".") if isinstance(value, str) else repr(value)
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"Hours {quoted(str(value).strip())} is not a number; write it like 2 or 1.5.") from None
    if not hours.is_finite():
        raise ValueError("Hours must be a number from 0 to 24.")
    if hours < 0 or hours > HOURS_MAX:
        raise ValueError(f"Hours {quoted(text)[1:-1]} is out of range: give a number from 0 to 24.")
    if hours != hours.quantize(Decimal("0.01")):
        raise ValueError(f"Hours {quoted(text)[1:-1]} has more than two decimals.")
    if isinstance(value, str) and not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(
            f"Hours {quoted(str(value).strip())} is not written as a plain number: "
            "use the digits 0 to 9 and a decimal point, like 2 or 1.5."
        )
    return int(hours * 100)


def hours_text(hours_centi: int) -> str:
    """2.5 hours as '2.5', 3 as '3', 1.25 as '1.25'."""
    whole, cents = divmod(hours_centi, 100)
    if cents == 0:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def clean_text(value: Any, what: str, maximum: int, *, required: bool = False, one_line: bool = False) -> str:
    """Trimmed text, refused when it holds what cannot be stored or shown safely.

    ``required`` text needs a character that can be seen; ``one_line`` text (a name) has no line break.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text.")
    text = value.strip()
    if "\x00" in text:
        raise ValueError(f"{what} holds a null character, which cannot be stored.")
    if not _is_whole_unicode(text):
        raise ValueError(f"{what} holds a broken character (half of a surrogate pair), which cannot be stored.")
    if one_line and _LINE_BREAKS.search(text):
        raise ValueError(f"{what} holds a line break; keep it on one line.")
    control = CONTROLS.search(text)
    if control:
        raise ValueError(
            f"{what} holds the control character U+{ord(control.group()):04X}, "
            "which a terminal or printer would act on (ESC starts escape codes); remove it."
        )
    if required and not text:
        raise ValueError(f"{what} is required.")
    if required and not any(_is_visible(c) for c in text):
        raise ValueError(f"{what} holds only invisible characters; write at least one letter, digit or sign.")
    if len(text) > maximum:
        raise ValueError(f"{what} is {len(text):,} characters long; the most is {maximum:,}.")
    return text


def _is_visible(char: str) -> bool:
    """False for spaces, controls, format characters (U+200B, U+2060, U+FEFF...), marks and blank letters."""
    return not (
        char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me", "Zs") or char in _BLANK_LETTERS
    )


def _is_whole_unicode(text: str) -> bool:
    """False for text holding a lone surrogate (from a JSON escape such as \\ud800), which UTF-8 cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_tags(value: Any) -> tuple[str, ...]:
    """Tags from a list or a ';'- or ','-separated string: trimmed, lower case, no repeats."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError("Tags must be a list of labels.")
    if not all(isinstance(item, str) for item in items):
        raise ValueError("Each tag must be text.")
    # ';' and ',' separate tags everywhere, so a tag never holds one (CSV would split it in two).
    labels = [label for item in items for label in item.replace(",", ";").split(";")]
    tags: list[str] = []
    for label in labels:
        tag = " ".join(label.split()).lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise ValueError(f"The tag {tag[:20]!r}... is longer than {TAG_MAX} characters.")
        if "\x00" in tag or not _is_whole_unicode(tag):
            raise ValueError("A tag holds a character that cannot be stored (a null or a broken character).")
        if CONTROLS.search(tag):
            raise ValueError(f"The tag {quoted(tag, 20)} holds a control character; remove it.")
        if tag not in tags:
            tags.append(tag)
    return tuple(sorted(tags))  # the order the journal keeps them in, so a saved form reads back equal


def clean_criteria(value: Any, framework: Framework) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError("Criteria must be a list of criterion ids.")
    ids: list[str] = []
    unknown: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError("Each criterion must be an id such as radical.root-causes.")
        cid = item.strip()
        if not cid:
            continue
        if not framework.has_criterion(cid):
            unknown.append(cid)
        elif cid not in ids:
            ids.append(cid)
    if unknown:
        names = ", ".join(repr(u[:60]) for u in unknown[:5])
        raise ValueError(f"Unknown criterion {names}; criteria are ids such as radical.root-causes.")
    return tuple(sorted(ids))


def check_activity(raw: dict[str, Any], framework: Framework) -> ActivityInput:
    """Check every field of a raw activity; raise InvalidInput naming each bad one."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}

    def take(name: str, parse: Any) -> None:
        try:
            values[name] = parse()
        except ValueError as exc:
            problems[name] = str(exc)

    take("day", lambda: parse_date(raw.get("date", raw.get("day")), "The date"))
    take("title", lambda: clean_text(raw.get("title"), "The title", TITLE_MAX, required=True))
    take("organization", lambda: clean_text(raw.get("organization"), "The organisation", SHORT_TEXT_MAX))
    take("role", lambda: clean_text(raw.get("role"), "The role", SHORT_TEXT_MAX))
    take("hours_centi", lambda: parse_hours(raw.get("hours")))
    take("description", lambda: clean_text(raw.get("description"), "The description", DESCRIPTION_MAX))
    take("tags", lambda: clean_tags(raw.get("tags")))
    take("criteria", lambda: clean_criteria(raw.get("criteria"), framework))
    private = raw.get("private", False)
    if not isinstance(private, bool):
        problems["private"] = "Private must be true or false."
    if problems:
        raise InvalidInput(problems)
    return ActivityInput(private=private, **values)


def check_term(name: Any, start: Any, end: Any) -> tuple[str, date, date]:
    problems: dict[str, str] = {}
    clean_name = ""
    try:
        clean_name = clean_text(name, "The term name", TERM_NAME_MAX, required=True, one_line=True)
    except ValueError as exc:
        problems["name"] = str(exc)
    dates: dict[str, date] = {}
    for key, value, what in (("start", start, "The start date"), ("end", end, "The end date")):
        try:
            dates[key] = parse_date(value, what)
        except ValueError as exc:
            problems[key] = str(exc)
    if len(dates) == 2:
        if dates["end"] < dates["start"]:
            problems["end"] = "The end date is before the start date."
        elif (dates["end"] - dates["start"]).days + 1 > TERM_DAYS_MAX:
            days = (dates["end"] - dates["start"]).days + 1
            problems["end"] = f"The term is {days} days long; a term is at most {TERM_DAYS_MAX} days."
    if problems:
        raise InvalidInput(problems)
    return clean_name, dates["start"], dates["end"]
