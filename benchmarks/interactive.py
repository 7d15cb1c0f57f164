"""What a person feels while working: a search updating per typed letter, and an autosave.

Each is timed in this process on an open journal, next to its floor measured on
the same file with plain ``sqlite3`` (no ORM, no app code): reading the first
page of the list and its count, and committing one changed row with the
journal's own durability settings (WAL, synchronous=FULL).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from benchmarks.figures import Figure, median, percentile
from journal.activities import get_activity, update_activity
from journal.activity_query import LIST_PAGE, ActivityQuery, find_activities, list_first_page
from journal.storage import Journal
from journal.terms import TermInfo

# What a student might type into the search box: a tag, an organisation, words from
# descriptions and titles, a rare street name, and a word that matches nothing.
TYPED = ("food", "riverside", "tenants union", "rent strike", "winter coats", "zzyzx")
PAGE = LIST_PAGE
ROUNDS = 5
EDITS = 200


def typed_prefixes() -> list[str]:
    """Every state of the search box while each query is typed, letter by letter."""
    return [query[:n] for query in TYPED for n in range(1, len(query) + 1) if not query[:n].endswith(" ")]


def _timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _p50_p95(samples: list[float]) -> tuple[float, float]:
    return median(samples), percentile(samples, 0.95)


def _floor_page(path: Path) -> list[float]:
    """The least a list refresh can cost: the first page of rows and the count, in plain SQL."""
    samples = []
    with closing(sqlite3.connect(path)) as connection:
        for _ in range(ROUNDS * 10):
            samples.append(
                _timed_ms(
                    lambda: (
                        connection.execute(
                            "SELECT * FROM activities WHERE deleted_at IS NULL ORDER BY day DESC LIMIT ?", (PAGE,)
                        ).fetchall(),
                        connection.execute("SELECT count(*) FROM activities WHERE deleted_at IS NULL").fetchone(),
                    )
                )
            )
    return samples


def _figure(name: str, activities: int, samples: list[float], floor: list[float]) -> Figure:
    """Milliseconds as p50 and p95, beside the floor's p50 and p95."""
    p50, p95 = _p50_p95(samples)
    floor_p50, floor_p95 = _p50_p95(floor)
    return Figure(
        name,
        activities,
        "ms",
        value=p50,
        p95=p95,
        floor=floor_p50,
        floor_p95=floor_p95,
        runs=len(samples),
        samples=samples,
    )


def _typing_figure(name: str, activities: int, one: Callable[[str], None], path: Path) -> Figure:
    """Time ``one(text)`` for every state of the search box, after warming SQL caches as a running app has."""
    for text in TYPED:
        one(text)
    samples = [_timed_ms(lambda text=text: one(text)) for _ in range(ROUNDS) for text in typed_prefixes()]
    return _figure(name, activities, samples, _floor_page(path))


def search(journal: Journal, activities: int, *, term: TermInfo | None = None) -> Figure:
    """list_first_page (a page of records and their count, as the list reads them) per typed prefix.

    Over the whole journal (the list's "All terms"), or within one term as the
    list shows it by default.
    """
    dates = {} if term is None else {"start": term.start, "end": term.end}

    def one(text: str) -> None:
        query = ActivityQuery(text=text, **dates)
        list_first_page(journal, query)

    name = "search per typed letter, " + ("whole journal" if term is None else "one term")
    return _typing_figure(name, activities, one, journal.path)


def search_through_model(journal: Journal, activities: int) -> Figure | None:
    """The same typing through the activity list's Qt model, when the app has one."""
    try:
        from ui.activity_list_model import ActivityListModel
        from ui.headless import ensure_gui_application
    except ImportError:
        return None
    ensure_gui_application()
    model = ActivityListModel(journal)

    def one(text: str) -> None:
        model.set_query(ActivityQuery(text=text))
        model.rowCount()

    return _typing_figure("search per typed letter, list model", activities, one, journal.path)


def _floor_commit(path: Path, activity_id: int) -> list[float]:
    """One changed row committed in plain SQL, with the journal's WAL and synchronous=FULL."""
    samples = []
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA synchronous = FULL")
        description = connection.execute("SELECT description FROM activities WHERE id = ?", (activity_id,)).fetchone()
        text = description[0]
        for number in range(EDITS):
            text += "abcdefghij"[number % 10]

            def write(text: str = text) -> None:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("UPDATE activities SET description = ? WHERE id = ?", (text, activity_id))
                connection.execute("COMMIT")

            samples.append(_timed_ms(write))
    return samples


def autosave(journal: Journal, activities: int) -> Figure:
    """update_activity for one edited activity, as the form saves a moment after each change."""
    activity_id = find_activities(journal, ActivityQuery(), limit=1)[0].id
    data = get_activity(journal, activity_id).as_input()
    for _ in range(3):
        update_activity(journal, activity_id, data)
    samples = []
    for number in range(EDITS):
        data = replace(data, description=data.description + "abcdefghij"[number % 10])
        samples.append(_timed_ms(lambda data=data: update_activity(journal, activity_id, data)))
    return _figure("autosave of one edited activity", activities, samples, _floor_commit(journal.path, activity_id))
