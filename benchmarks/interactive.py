"""What a person feels while working: a search updating per typed letter, and an autosave.

Each is timed in this process on an open journal, next to its floor measured on
the same file with plain ``sqlite3`` (no ORM, no app code): reading the first
page of the list and its count, and committing one changed row with the
journal's own durability settings (WAL, synchronous=FULL).
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from benchmarks.figures import Figure, median, percentile
from journal.records.terms import TermInfo
from journal.search.activity_query import LIST_PAGE, ActivityQuery, list_first_page
from journal.storage.journal_file import Journal

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
        from ui.journal_view.activity_list_model import ActivityListModel
        from ui.start_up.headless import ensure_gui_application
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


def autosave(journal: Journal, activities: int) -> Figure | None:
    """The whole path a pause in typing runs: from the autosave timer firing to the edited row repainted.

    The Journal view shows the whole journal, its first activity in the form; a
    letter is added to the description, and the form's autosave fires (the write,
    the undo step, the list row) and the window paints.
    """
    try:
        from PySide6.QtGui import QUndoStack

        from ui.journal_view.journal_view import JournalView
        from ui.start_up.headless import ensure_gui_application
        from ui.window.events import JournalEvents
    except ImportError:
        return None
    app = ensure_gui_application()
    view = JournalView(journal, JournalEvents(), QUndoStack())
    view.resize(1280, 800)
    view.show()
    view.set_term(None)
    app.processEvents()
    view.table.selectRow(0)
    editor = view.editor
    activity_id = editor.activity_id
    assert activity_id is not None
    box = editor.description_edit
    box.moveCursor(box.textCursor().MoveOperation.End)

    def pause_after(letter: str) -> float:
        box.insertPlainText(letter)
        editor.autosave.stop()  # fired by hand below, so the timing starts where the timer would
        started = time.perf_counter()
        editor.autosave.timeout.emit()
        app.processEvents()
        return (time.perf_counter() - started) * 1000

    for letter in "xyz":  # as a running app has warmed its caches
        pause_after(letter)
    # As the app does once its window has painted (ui/start_up/collector.py): what start-up made is
    # kept out of the collector's scans, which then run as usual while the student types.
    gc.freeze()
    try:
        samples = [pause_after("abcdefghij"[number % 10]) for number in range(EDITS)]
    finally:
        gc.unfreeze()
    view.close()
    view.deleteLater()
    app.processEvents()
    return _figure("autosave, timer to repainted row", activities, samples, _floor_commit(journal.path, activity_id))
