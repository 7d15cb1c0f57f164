"""The time, in one place: local time for people, UTC ISO stamps for records."""

from __future__ import annotations

from datetime import UTC, date, datetime


def now_local() -> datetime:
    return datetime.now().replace(microsecond=0)


def today() -> date:
    return date.today()


def utc_stamp() -> str:
    """An ISO 8601 UTC timestamp with microseconds, which sorts as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
