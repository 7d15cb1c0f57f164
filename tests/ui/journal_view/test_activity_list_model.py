"""The activity list model without a window: paging, sorting and filtering happen in SQL."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from journal.records.activities import add_activity_in
from journal.records.validation import check_activity
from journal.search.activity_query import ActivityQuery
from ui.journal_view.activity_list_model import (
    COLUMN_LEVEL,
    COLUMN_POSITION,
    COLUMN_TITLE,
    PAGE_SIZE,
    ActivityListModel,
)


def _fill(journal, count: int) -> None:
    with journal.writing() as session:
        for n in range(count):
            criteria = ["radical.root-causes"] if n % 3 == 0 else ["charity.dependency"] if n % 3 == 1 else []
            raw = {
                "date": date(2026, 1, 1) + timedelta(days=n % 300),
                "title": f"Activity {n:04d}",
                "hours": "1",
                "criteria": criteria,
            }
            add_activity_in(session, check_activity(raw, journal.framework))


def test_rows_arrive_a_page_at_a_time(journal, qtmodeltester):
    _fill(journal, 450)
    model = ActivityListModel(journal)
    model.reload()
    assert model.total == 450
    assert model.rowCount() == PAGE_SIZE
    fetched = 0
    while model.canFetchMore():
        model.fetchMore()
        fetched += 1
        assert model.rowCount() == min(450, PAGE_SIZE * (fetched + 1))
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_sorting_by_title_runs_in_sql(journal):
    _fill(journal, 30)
    model = ActivityListModel(journal)
    model.reload()
    model.sort(COLUMN_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, COLUMN_TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles)
    model.sort(COLUMN_TITLE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COLUMN_TITLE).data() == "Activity 0029"


def test_level_filter_and_level_words(journal):
    _fill(journal, 30)
    model = ActivityListModel(journal)
    model.set_query(ActivityQuery(level="radical"))
    assert model.total == 10
    assert {model.index(r, COLUMN_LEVEL).data() for r in range(model.rowCount())} == {"● Radical"}
    assert {model.index(r, COLUMN_POSITION).data() for r in range(model.rowCount())} == {"100"}
    model.set_query(ActivityQuery(level="unscored"))
    assert model.total == 10
    assert model.index(0, COLUMN_LEVEL).data() == "No criteria"


def test_search_narrows_the_list(journal):
    _fill(journal, 30)
    model = ActivityListModel(journal)
    model.set_query(ActivityQuery(text="0017"))
    assert model.total == 1
    assert model.index(0, COLUMN_TITLE).data() == "Activity 0017"


def test_past_a_thousand_matches_the_count_says_so_and_paging_goes_on(journal):
    from journal.search.activity_query import LIST_COUNT_CAP as COUNT_CAP

    _fill(journal, COUNT_CAP + 250)
    model = ActivityListModel(journal)
    model.reload()
    assert model.count_text() == "1,000+ activities"
    assert model.total_is_at_least
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == COUNT_CAP + 250  # paging never stopped at the counted cap
    assert model.count_text() == "1,250 activities"
    model.set_query(ActivityQuery(level="radical"))
    assert model.count_text() == "417 activities"
    assert not model.total_is_at_least


def test_a_typed_search_counts_as_far_as_its_page_and_on_as_it_scrolls(journal):
    _fill(journal, 450)
    model = ActivityListModel(journal)
    model.set_query(ActivityQuery(text="activity"))
    assert model.rowCount() == PAGE_SIZE
    assert model.total_is_at_least and model.count_text() == f"{PAGE_SIZE}+ activities"
    model.fetchMore()
    assert model.count_text() == f"{2 * PAGE_SIZE}+ activities"
    while model.canFetchMore():
        model.fetchMore()
    assert model.count_text() == "450 activities"
    model.set_query(ActivityQuery(text="0017"))
    assert model.count_text() == "1 activity" and not model.total_is_at_least
    model.set_query(ActivityQuery(text="activity 001"))  # 0010-0019: fewer than a page, counted exactly
    assert model.count_text() == "10 activities"


def test_a_search_of_exactly_two_pages_ends_with_an_exact_count(journal):
    _fill(journal, 2 * PAGE_SIZE)
    model = ActivityListModel(journal)
    model.set_query(ActivityQuery(text="activity"))
    assert model.count_text() == f"{PAGE_SIZE}+ activities"
    model.fetchMore()
    assert not model.canFetchMore(), "the second page is known to be the last as it arrives"
    assert model.count_text() == f"{2 * PAGE_SIZE} activities"


def test_reading_again_keeps_every_row_the_list_had_scrolled_to(journal):
    _fill(journal, 3 * PAGE_SIZE)
    model = ActivityListModel(journal)
    model.reload()
    model.fetchMore()
    deep = model.record(PAGE_SIZE + 10).id
    model.reload()  # as after an edit: the edited row must still be there to select
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.row_of(deep) == PAGE_SIZE + 10
    model.set_query(ActivityQuery(text="activity"))  # a new query starts at one page again
    assert model.rowCount() == PAGE_SIZE
