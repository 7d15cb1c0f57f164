"""CSV import (checked whole, every bad line named, nothing half-written) and export (formula-safe, re-importable)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.errors import InvalidInput
from journal.records.activities import ActivityRecord, add_activity, trash_activities
from journal.records.framework import load_framework
from journal.records.validation import CONTROLS, ActivityInput, check_activity, clean_text
from journal.search.activity_query import ActivityQuery, count_activities, find_activities
from journal.storage.journal_file import Journal
from journal.transfer.csv_io import (
    COLUMNS,
    FORMULA_STARTS,
    csv_text,
    export_csv,
    import_csv,
    neutralise,
    parse_csv,
    unneutralise,
)

FRAMEWORK = load_framework()
HEADER = "date,title,organization,role,hours,criteria,tags,description\n"


def write_csv(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "activities.csv"
    path.write_bytes(text.encode(encoding))
    return path


def every_activity(journal: Journal) -> list[ActivityRecord]:
    return find_activities(journal, ActivityQuery(sort="day", descending=False))


def test_a_good_file_is_imported(journal: Journal, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "2026-09-02,Food bank,Riverside,Volunteer,4,charity.outside-helpers;charity.one-way-giving,food,Sorting\n"
        + '2026-09-03,"Tenants, union",Union,Member,,radical.root-causes,housing;rent,"Line one\nline two"\n',
    )
    assert import_csv(journal, path) == 2
    first, second = every_activity(journal)
    assert (first.title, first.hours_centi, first.criteria) == (
        "Food bank",
        400,
        ("charity.one-way-giving", "charity.outside-helpers"),
    )
    assert (second.title, second.hours_centi, second.tags) == ("Tenants, union", 0, ("housing", "rent"))
    assert second.description == "Line one\nline two"


def test_every_bad_line_is_named_and_nothing_is_written(journal: Journal, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "2026-09-02,Good one,,,1,,,\n"  # line 2
        + '2026-09-03,Multi-line,,,1,,,"a\nb\nc"\n'  # lines 3-5
        + "2026-02-30,Bad date,,,1,,,\n"  # line 6
        + '2026-09-04,"Also\nmulti-line, bad hours",,,25,,,\n'  # lines 7-8
        + ",,,,,,,\n"  # line 9: blank, skipped
        + "2026-09-05,,,,1,,,\n"  # line 10: no title
        + "2026-09-06,Unknown criterion,,,1,radical.nope,,\n"  # line 11
        + "2026-09-07,Too few cells\n"  # line 12
        + "2026-09-08,Good again,,,abc,,,\n",  # line 13: bad hours
    )
    with pytest.raises(InvalidInput) as caught:
        import_csv(journal, path)
    problems = caught.value.problems
    bad = [key for key in problems if key.startswith("line ")]
    assert bad == ["line 6", "line 7", "line 10", "line 11", "line 12", "line 13"]
    for key in bad:
        assert problems[key].startswith(f"{path}, {key}: ")
    assert "not a real calendar date" in problems["line 6"]
    assert "out of range" in problems["line 7"]
    assert "title is required" in problems["line 10"]
    assert "'radical.nope'" in problems["line 11"]
    assert "2 cells where the header has 8" in problems["line 12"]
    assert "6 bad line(s)" in problems["summary"] and "Nothing was imported" in problems["summary"]
    assert count_activities(journal, ActivityQuery()) == 0


def test_a_bom_and_the_reflection_alias_are_accepted(journal: Journal, tmp_path: Path) -> None:
    text = "\ufeffTitle,Date,Reflection,Hours\r\nFridge restock,2026-09-02,What I saw,1.5\r\n"
    assert import_csv(journal, write_csv(tmp_path, text)) == 1
    [activity] = every_activity(journal)
    assert (activity.title, activity.day, activity.description, activity.hours_centi) == (
        "Fridge restock",
        date(2026, 9, 2),
        "What I saw",
        150,
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("date,title,mood\n2026-09-02,x,happy\n", "unknown column 'mood'"),
        ("date,hours\n2026-09-02,1\n", "required column 'title' is missing"),
        ("date,title,title\n2026-09-02,x,y\n", "appears twice"),
        ("", "is empty"),
        ("date,title\n2026-09-02,a\x00b\n", "binary data"),
    ],
)
def test_a_bad_file_is_refused_whole(journal: Journal, tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        import_csv(journal, write_csv(tmp_path, text))
    assert count_activities(journal, ActivityQuery()) == 0


def test_a_file_that_is_not_utf8_names_its_line(journal: Journal, tmp_path: Path) -> None:
    path = write_csv(tmp_path, HEADER + "2026-09-02,Caf\u00e9,,,1,,,\n", encoding="latin-1")
    with pytest.raises(InvalidInput, match="line 2: the file is not UTF-8"):
        import_csv(journal, path)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_cells_are_neutralised_and_come_back(start: str) -> None:
    cell = start + "SUM(A1:A9)"
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["plain", "", "'quoted", "'=already quoted by hand", "''=x", "it's = fine"])
def test_other_cells_come_back_unchanged(cell: str) -> None:
    assert unneutralise(neutralise(cell)) == cell


def test_exported_cells_never_start_a_formula(journal: Journal, tmp_path: Path) -> None:
    raw = {
        "date": "2026-09-02",
        "title": '=HYPERLINK("http://x")',
        "organization": "+Org",
        "role": "-role",
        "description": "@SUM(1)",
        "tags": "=tag",
    }
    add_activity(journal, check_activity(raw, journal.framework))
    path = tmp_path / "out.csv"
    export_csv(every_activity(journal), path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    for cell in rows[1]:
        assert not cell.startswith(FORMULA_STARTS), cell
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_export_imports_back_into_an_empty_journal(journal: Journal, tmp_path: Path) -> None:
    for raw in (
        {"date": "2026-09-02", "title": "=1+1", "hours": "2.25", "criteria": "radical.root-causes", "tags": "a;b"},
        {"date": "2026-09-01", "title": "Quiet", "description": 'two\r\nlines, "quoted"', "private": True},
    ):
        add_activity(journal, check_activity(raw, journal.framework))
    trashed = add_activity(journal, check_activity({"date": "2026-09-03", "title": "Gone"}, journal.framework))
    trash_activities(journal, [trashed.id])
    path = tmp_path / "out.csv"
    export_csv(every_activity(journal), path)
    with Journal.open(tmp_path / "other.sqlite3") as other:
        assert import_csv(other, path) == 2
        assert [r.as_input() for r in every_activity(other)] == [r.as_input() for r in every_activity(journal)]


# --- the round trip, for any activity ------------------------------------------------

# any text the journal takes: control characters other than tab and line breaks are refused
printable = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60).map(
    lambda t: CONTROLS.sub("", t)
)
criterion_ids = st.lists(st.sampled_from([c.id for c in FRAMEWORK.criteria]), max_size=5)
tags = st.lists(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12).map(
        lambda t: CONTROLS.sub("", t)
    ),
    max_size=4,
)


def has_visible(text: str) -> bool:
    try:
        clean_text(text, "The title", 200, required=True)
    except ValueError:
        return False
    return True


@st.composite
def activity_inputs(draw: st.DrawFn) -> ActivityInput:
    raw: dict[str, Any] = {
        "date": draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))).isoformat(),
        "title": draw(printable.filter(has_visible)),
        "organization": draw(printable),
        "role": draw(printable),
        "hours": draw(st.integers(0, 2400)) / 100,
        "description": draw(printable),
        "tags": draw(tags),
        "criteria": draw(criterion_ids),
        "private": draw(st.booleans()),
    }
    try:
        return check_activity(raw, FRAMEWORK)
    except InvalidInput:
        raise AssertionError(f"the strategy made an invalid activity: {raw}") from None


def record(data: ActivityInput, number: int) -> ActivityRecord:
    return ActivityRecord(
        id=number,
        day=data.day,
        title=data.title,
        organization=data.organization,
        role=data.role,
        hours_centi=data.hours_centi,
        description=data.description,
        private=data.private,
        tags=tuple(sorted(data.tags)),
        criteria=data.criteria,
        created_at="",
        updated_at="",
    )


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(activity_inputs(), min_size=1, max_size=5))
def test_csv_round_trip(activities: list[ActivityInput]) -> None:
    records = [record(a, n) for n, a in enumerate(activities)]
    text = csv_text(records)
    for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    back = parse_csv(text, FRAMEWORK)
    assert back == [r.as_input() for r in records]


def test_a_failure_mid_import_leaves_the_journal_as_it_was(journal: Journal, tmp_path: Path) -> None:
    add_activity(journal, check_activity({"date": "2026-09-01", "title": "Before"}, journal.framework))
    with journal.engine.begin() as connection:
        # a real failure inside SQLite on the third row written, after the file was checked
        connection.exec_driver_sql(
            "CREATE TRIGGER fail_on_third BEFORE INSERT ON activities WHEN (SELECT count(*) FROM activities) >= 3 "
            "BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"
        )
    rows = "".join(f"2026-09-0{n},Row {n},,,1,,tag{n},\n" for n in range(2, 7))
    with pytest.raises(Exception, match="the disk went away"):
        import_csv(journal, write_csv(tmp_path, HEADER + rows))
    assert [r.title for r in every_activity(journal)] == ["Before"]
    assert count_activities(journal, ActivityQuery(text="row")) == 0


def test_a_csv_saved_with_semicolons_by_a_european_spreadsheet_reads_as_the_comma_one() -> None:
    framework = load_framework()
    comma = (
        "date,title,organisation,hours,criteria,tags\n"
        '2026-09-02,"Rent strike; phone bank",Tenants United,3,radical.root-causes;radical.movement-link,housing\n'
        "2026-09-03,Fridge restock,,1.5,,food\n"
    )
    semicolon = (
        "date;title;organisation;hours;criteria;tags\n"
        '2026-09-02;Rent strike; phone bank;Tenants United;3;"radical.root-causes;radical.movement-link";housing\n'
        "2026-09-03;Fridge restock;;1.5;;food\n"
    ).replace("Rent strike; phone bank", '"Rent strike; phone bank"')
    from_commas = parse_csv(comma, framework)
    assert [a.title for a in from_commas] == ["Rent strike; phone bank", "Fridge restock"]
    assert from_commas[0].organization == "Tenants United"  # the header's British spelling is taken
    assert parse_csv(semicolon, framework) == from_commas
