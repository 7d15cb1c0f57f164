"""How many inputs the safety tests tried, by kind; tests/safety/conftest.py prints them at the end of a run."""

from __future__ import annotations

FIGURES: dict[str, int] = {}


def count(kind: str) -> None:
    FIGURES[kind] = FIGURES.get(kind, 0) + 1
