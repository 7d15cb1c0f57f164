"""The Spectrum view is filled from the grouped term numbers, never from the activities one by one.

Reading and scoring every activity took 10 s for a term of 200,000; the view must
show the same words and numbers without it (the report alone asks for them).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from PySide6.QtWidgets import QLabel

from journal.records.bulk_activities import add_activities_in
from journal.records.terms import add_term
from journal.records.validation import ActivityInput
from journal.scoring.stats import TermStats, term_stats
from journal.storage.journal_file import Journal
from ui.spectrum.spectrum_view import SpectrumView
from ui.spectrum.why_here import why_here_lines
from ui.window.events import JournalEvents

START = date(2025, 1, 6)


def _summary_text(view: SpectrumView) -> list[str]:
    return [label.text() for label in view.summary.findChildren(QLabel) if label.isVisibleTo(view)]


def _read_one_by_one(stats: TermStats) -> bool:
    return "activities" in vars(stats)  # the cached property has been read


def test_the_view_shows_a_term_without_reading_each_activity(journal: Journal, qtbot) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    term = add_term(journal, "Winter", START, START + timedelta(days=48))
    known = [c.id for c in journal.framework.criteria]
    inputs = [
        ActivityInput(
            day=START + timedelta(days=rng.randint(0, 48)),
            title=f"Shift {n}",
            hours_centi=rng.choice([0, 50, 125, 300]),
            criteria=tuple(sorted(rng.sample(known, rng.randint(0, 4)))),
            private=n % 5 == 0,
        )
        for n in range(200)
    ]
    with journal.writing() as session:
        add_activities_in(session, inputs)
    view = SpectrumView(journal, JournalEvents())
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_term(term)
    view.grab()  # painted, the table and the summary filled
    assert view.stats is not None and not _read_one_by_one(view.stats)
    assert view.table_model.rowCount() == term.weeks
    shown = _summary_text(view)
    table = view.table_model.as_csv()

    # the same words and numbers as from the activities scored one by one
    reference = term_stats(journal, term)
    assert reference.activities and _read_one_by_one(reference)
    assert why_here_lines(view.stats, journal.framework) == why_here_lines(reference, journal.framework)
    view.refresh()
    assert _summary_text(view) == shown and view.table_model.as_csv() == table
