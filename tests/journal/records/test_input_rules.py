"""Input that must not pass, named in words: odd ways of writing hours, invisible or terminal-control
text, broken names, duplicate JSON entries, bad stamps and versions, broken CSV quoting; and the
apostrophe a CSV cell keeps unless the app's own export put it there."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import InvalidInput
from journal.records.activities import ActivityRecord
from journal.records.framework import load_framework
from journal.records.terms import list_terms
from journal.records.validation import check_activity, check_term, parse_hours
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal
from journal.transfer.csv_io import COLUMNS, csv_text, neutralise, parse_csv
from journal.transfer.json_io import FORMAT, VERSION
from tests.conftest import run_cli

FRAMEWORK = load_framework()
STAMP = "2026-09-02T10:00:00.000000Z"
GOOD = {"date": "2026-09-02", "title": "Community fridge restock", "hours": "2"}


def refusal(**fields: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        check_activity({**GOOD, **fields}, FRAMEWORK)
    return refused.value.problems


def in_words(err: str) -> None:
    for raw in ("Traceback", "sqlalche.me", "[SQL", "IntegrityError", "went wrong"):
        assert raw not in err, err


def import_csv_text(journal_file: Path, tmp_path: Path, text: str) -> Any:
    (tmp_path / "in.csv").write_text(text, encoding="utf-8")
    return run_cli(journal_file, "import", str(tmp_path / "in.csv"))


# --- hours -----------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["1_0", "1e1", "1E0", "٣", "１", "2.5e-1", "0x1"])
def test_hours_not_written_as_plain_digits_are_refused(hours: str) -> None:
    assert "Hours" in refusal(hours=hours)["hours_centi"]


def test_hours_written_oddly_in_a_csv_are_refused_by_line(journal_file: Path, tmp_path: Path) -> None:
    result = import_csv_text(
        journal_file, tmp_path, "date,title,hours\n2026-09-02,A,1_0\n2026-09-03,B,1e1\n2026-09-04,C,٣\n"
    )
    assert result.code == 2
    for line in (2, 3, 4):
        assert f"line {line}: Hours" in result.err and "plain number" in result.err
    in_words(result.err)


@given(st.text(alphabet="0123456789.,_eE+- ٣１", max_size=6))
def test_hours_are_taken_exactly_when_written_with_ascii_digits(text: str) -> None:
    plain = text.strip().replace(",", ".")
    written_plainly = re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", plain) is not None
    try:
        centi = parse_hours(text)
    except ValueError:
        if written_plainly:
            value = Decimal(plain)
            assert not 0 <= value <= 24 or value != value.quantize(Decimal("0.01"))
        return
    assert written_plainly or not plain
    assert centi == (int(Decimal(plain) * 100) if plain else 0)


# --- text that cannot be seen, or that a terminal would act on --------------------------------


INVISIBLE = ["\u200b", "\u2060\ufeff", "\u0301\u0301", " \u200d\u200c ", "\u3164", "\u2800", "\u00ad"]


@pytest.mark.parametrize("title", INVISIBLE)
def test_a_title_of_only_invisible_characters_is_refused(title: str) -> None:
    assert "only invisible characters" in refusal(title=title)["title"]


def test_visible_text_with_joiners_and_marks_is_kept() -> None:
    for title in ("e\u0301te", "👩\u200d👩\u200d👧 family meal", "\u05e9\u05dc\u05d5\u05dd \u200f"):
        assert check_activity({**GOOD, "title": title}, FRAMEWORK).title == title


@pytest.mark.parametrize("title", ["Red \x1b[31m alert", "Bell\x07", "CSI \x9b31m", "Del\x7f", "Line\x0bfeed"])
def test_a_title_holding_terminal_controls_is_refused(title: str) -> None:
    assert "control character" in refusal(title=title)["title"]


def test_a_description_keeps_tabs_and_line_breaks_but_not_escape_codes() -> None:
    text = "First\tcolumn\nsecond line\r\nthird"
    assert check_activity({**GOOD, "description": text}, FRAMEWORK).description == text
    assert "U+001B" in refusal(description="Colour \x1b[0m reset")["description"]


def test_invisible_and_control_titles_are_refused_on_import(journal_file: Path, tmp_path: Path) -> None:
    result = import_csv_text(journal_file, tmp_path, 'date,title\n2026-09-02,"\u200b\u2060"\n2026-09-03,"A\x1b[2J"\n')
    assert result.code == 2
    assert (
        "line 2: The title holds only invisible" in result.err and "line 3: The title holds the control" in result.err
    )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "activities": [{**GOOD, "title": "\ufeff", "created_at": STAMP, "updated_at": STAMP}],
    }
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="utf-8")
    result = run_cli(journal_file, "import", str(tmp_path / "in.json"))
    assert result.code == 2 and "activities[0]" in result.err and "invisible" in result.err


@pytest.mark.parametrize("name", ["Fall\n2026", "Fall\r2026", "Fall\u20282026", "Fall\x852026", "Fall\x0c2026"])
def test_a_term_name_with_a_line_break_is_refused(name: str, journal_file: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_term(name, "2026-09-01", "2026-12-15")
    assert "line break" in refused.value.problems["name"]
    result = run_cli(journal_file, "term", "add", name, "--start", "2026-09-01", "--end", "2026-12-15")
    assert result.code == 2 and "line break" in result.err
    with Journal.open(journal_file) as journal:
        assert list_terms(journal) == []


def test_a_json_term_name_with_a_line_break_is_refused(journal_file: Path, tmp_path: Path) -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "terms": [{"name": "Fall\n2026", "start": "2026-09-01", "end": "2026-12-15"}],
    }
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="utf-8")
    result = run_cli(journal_file, "import", str(tmp_path / "in.json"))
    assert result.code == 2 and "terms[0]" in result.err and "line break" in result.err


# --- JSON: duplicates, stamps, versions ------------------------------------------------------


def json_import(journal_file: Path, tmp_path: Path, **parts: Any) -> Any:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "terms": [{"name": "Fall", "start": "2026-09-01", "end": "2026-12-15"}],
        **parts,
    }
    (tmp_path / "in.json").write_text(json.dumps(document), encoding="utf-8")
    return run_cli(journal_file, "import", str(tmp_path / "in.json"))


CLOSING = {"term": "Fall", "essay": "Where I stand", "direction": "stay", "updated_at": STAMP}
CUSTOM = {"id": "radical.my-own", "model": "radical", "statement": "Mine", "source": "", "created_at": STAMP}


@pytest.mark.parametrize(
    ("parts", "entry", "words"),
    [
        ({"closing_reflections": [CLOSING, CLOSING]}, "closing_reflections[1]", "two closing reflections"),
        ({"custom_criteria": [CUSTOM, CUSTOM]}, "custom_criteria[1]", "'radical.my-own' appears twice"),
        ({"hidden_criteria": ["radical.root-causes"] * 2}, "hidden_criteria[1]", "hidden twice"),
    ],
)
def test_duplicate_json_entries_are_refused_by_name(
    journal_file: Path, tmp_path: Path, parts: dict[str, Any], entry: str, words: str
) -> None:
    result = json_import(journal_file, tmp_path, **parts)
    assert result.code == 2, result.err
    assert entry in result.err and words in result.err
    in_words(result.err)
    with Journal.open(journal_file) as journal:
        assert list_terms(journal) == []


@pytest.mark.parametrize(
    "stamp",
    [
        "yesterday",
        "2026-09-02 10:00:00",
        "2026-09-02T10:00:00Z",
        "2026-13-02T10:00:00.000000Z",
        "2026-09-02T25:00:00.000000Z",
        "",
    ],
)
def test_a_json_timestamp_not_written_as_the_app_writes_it_is_refused(
    journal_file: Path, tmp_path: Path, stamp: str
) -> None:
    result = json_import(journal_file, tmp_path, closing_reflections=[{**CLOSING, "updated_at": stamp}])
    assert result.code == 2
    assert "closing_reflections[0]" in result.err and "timestamp" in result.err
    in_words(result.err)


@pytest.mark.parametrize("version", [0, -1, 1.5, None, "1"])
def test_a_json_version_that_is_no_version_is_refused(journal_file: Path, tmp_path: Path, version: Any) -> None:
    result = json_import(journal_file, tmp_path, version=version)
    assert result.code == 2 and "version" in result.err
    in_words(result.err)


# --- CSV: broken quoting, and the apostrophe ---------------------------------------------------


def test_broken_quoting_and_later_bad_lines_are_all_listed(journal_file: Path, tmp_path: Path) -> None:
    text = (
        "date,title,hours\n"
        "2026-09-01,Fine,1\n"
        '2026-09-02,"Quoted" then more,1\n'
        "2026-09-03,Fine too,1\n"
        "2026-02-30,Bad date,1\n"
        "2026-09-05,Fine again,1\n"
    )
    result = import_csv_text(journal_file, tmp_path, text)
    assert result.code == 2
    assert "line 3: a quoted cell goes on after its closing quote" in result.err
    assert "line 5: The date '2026-02-30' is not a real calendar date" in result.err
    assert "',' expected" not in result.err
    assert "2 bad line(s)" in result.err
    in_words(result.err)


def test_an_unclosed_quote_is_named_by_the_line_it_opens_on(journal_file: Path, tmp_path: Path) -> None:
    result = import_csv_text(
        journal_file, tmp_path, 'date,title\n2026-09-01,Bad\x1b\n2026-09-02,"Never closed\n2026-09-03,x\n'
    )
    assert result.code == 2
    assert "line 2: The title holds the control" in result.err
    assert "line 3: a quote opened on this line is never closed" in result.err
    assert "unexpected end of data" not in result.err


def test_a_cell_a_person_wrote_with_an_apostrophe_keeps_it(journal_file: Path, tmp_path: Path) -> None:
    result = import_csv_text(journal_file, tmp_path, "date,title,role\n2026-09-02,'=x,'+1 helper\n")
    assert result.code == 0, result.err
    with Journal.open(journal_file) as journal:
        [stored] = find_activities(journal, ActivityQuery())
    assert (stored.title, stored.role) == ("'=x", "'+1 helper")


def test_an_exported_file_edited_in_a_spreadsheet_loses_only_the_apps_apostrophes(
    journal_file: Path, tmp_path: Path
) -> None:
    # what the export writes for the titles "=x" and "'=x"; a spreadsheet saves the cells as they are
    text = ",".join(COLUMNS) + "\r\n2026-09-02,'=x,,,1,,,,no\r\n2026-09-03,''=x,,,1,,,,no\r\n"
    assert [a.title for a in parse_csv(text, FRAMEWORK)] == ["=x", "'=x"]


@given(st.sampled_from(["=", "+", "-", "@", "'", "''", "'='", ""]), st.text("=+-@'ax1 ", max_size=6))
def test_titles_with_formula_starts_and_apostrophes_round_trip_exactly(start: str, rest: str) -> None:
    title = (start + "a" + rest).strip()
    activity = check_activity({**GOOD, "title": title}, FRAMEWORK)
    fields = {k: getattr(activity, k) for k in ("day", "title", "organization", "role", "hours_centi", "description")}
    record = ActivityRecord(
        id=1, **fields, private=False, tags=(), criteria=(), created_at="", updated_at="", deleted_at=None
    )
    [back] = parse_csv(csv_text([record]), FRAMEWORK)
    assert back.title == title
    # the same cell in a file the app did not write is taken as it stands, apostrophes and all
    written = neutralise(title)
    assert csv_text([record]).splitlines()[1].split(",")[1] == written
    [kept] = parse_csv(f"date,title\n2026-09-02,{written}\n", FRAMEWORK)
    assert kept.title == written
