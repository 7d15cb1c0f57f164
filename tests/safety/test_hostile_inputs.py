"""Bad input never gets in, never crashes: hostile files at CSV and JSON import, random values at the activity form.

Every file goes through the real command line (in this process). A refused
file ends in exit 2, sentences on stderr, no traceback, and a journal whose
JSON export is byte for byte what it was. A few hostile-looking inputs are
valid data (a formula-looking title, a bell character, hours of -0): those are
stored exactly as written, never evaluated, and export again. The form gets
random values in every field: it saves exactly what ``check_activity`` makes
of them, or shows a message and writes nothing.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journal.errors import InvalidInput
from journal.records.activities import add_activity
from journal.records.terms import add_term
from journal.records.validation import ActivityInput, check_activity
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal
from journal.transfer.json_io import FORMAT, VERSION, json_text
from tests.conftest import CliResult, run_cli
from tests.safety.figures import count

HEADER = "date,title,organization,role,hours,criteria,tags,description"
GOOD_ROW = "2026-09-02,Free breakfast,Breakfast Collective,cook,2.5,radical.root-causes,food,We cooked."
TEN_MB = 10 * 1024 * 1024
STAMP = "2026-09-02T10:00:00.000000Z"
GOOD_ACTIVITY: dict[str, Any] = {
    "date": "2026-09-02",
    "title": "Free breakfast",
    "organization": "",
    "role": "",
    "hours": 2.5,
    "description": "",
    "tags": ["food"],
    "criteria": ["radical.root-causes"],
    "private": False,
    "created_at": STAMP,
    "updated_at": STAMP,
    "deleted_at": None,
}
HYPOTHESIS = settings(
    max_examples=35, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


# --- the journals the files are thrown at ------------------------------------------------------------


class Target:
    """A journal, its JSON export as it was, and a way to throw one file at its import."""

    def __init__(self, path: Path, files: Path) -> None:
        self.path, self.files = path, files
        self.before = self.export_hash()
        self.pristine = files / "pristine.sqlite3"
        shutil.copyfile(path, self.pristine)

    def export_hash(self) -> str:
        with Journal.open(self.path) as journal:
            return hashlib.sha256(json_text(journal).encode()).hexdigest()

    def throw(self, data: bytes, suffix: str) -> CliResult:
        count(f"hostile {suffix.lstrip('.')} files")
        file = self.files / f"input{suffix}"
        file.write_bytes(data)
        return run_cli(self.path, "import", str(file))

    def assert_refused(self, data: bytes, suffix: str, *words: str) -> CliResult:
        result = self.throw(data, suffix)
        if result.code == 0:
            shutil.copyfile(self.pristine, self.path)
        assert result.code == 2, (result.code, result.err[:2000])
        assert "Traceback" not in result.err and "something unexpected" not in result.err.lower(), result.err[:2000]
        sentences = result.err.strip()
        assert sentences and sentences[-1] in ".?" and sentences[0].isprintable(), sentences[:2000]
        assert len(result.err) < 50_000, f"a {len(result.err):,}-character error message"
        assert result.out == ""
        assert all(word.lower() in result.err.lower() for word in words), result.err[:2000]
        if self.export_hash() != self.before:
            shutil.copyfile(self.pristine, self.path)  # so that the next input meets the journal as it was
            raise AssertionError(f"the file changed the journal (exit {result.code}): {result.err[:500]}")
        return result


@pytest.fixture(scope="module")
def csv_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """A journal with a term and two activities: CSV import adds to what is there."""
    folder = tmp_path_factory.mktemp("hostile-csv")
    path = folder / "j.sqlite3"
    with Journal.open(path) as journal:
        add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18")
        for title in ("Already here", "Also here"):
            add_activity(journal, ActivityInput(day=date(2026, 9, 1), title=title, tags=("food",)))
    yield Target(path, folder)


@pytest.fixture(scope="module")
def json_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """An empty journal: the only kind a whole-journal export may be imported into, so each check runs."""
    folder = tmp_path_factory.mktemp("hostile-json")
    path = folder / "j.sqlite3"
    Journal.open(path).close()
    yield Target(path, folder)


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def json_bytes(ascii_only: bool = True, **changes: Any) -> bytes:
    """A journal export with ``changes``; non-ASCII text as \\u escapes, as many JSON writers do."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "terms": [{"name": "Fall 2026", "start": "2026-08-31", "end": "2026-12-18"}],
        "activities": [GOOD_ACTIVITY],
    }
    document.update(changes)
    return json.dumps(document, ensure_ascii=ascii_only).encode("utf-8")


def activity(**changes: Any) -> list[dict[str, Any]]:
    return [{**GOOD_ACTIVITY, **changes}]


# --- CSV: a catalogue of hostile files ----------------------------------------------------------------

HOSTILE_CSV: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "only-a-bom": (codecs.BOM_UTF8, "empty"),
    "random-binary": (bytes(range(256)) * 4, ""),
    "null-byte": (csv_bytes("2026-09-02,a\x00b,,,,,,"), "binary"),
    "utf-16": (codecs.BOM_UTF16_LE + "\n".join([HEADER, GOOD_ROW]).encode("utf-16-le"), "UTF-8"),
    "utf-16-without-bom": ("\n".join([HEADER, GOOD_ROW]).encode("utf-16-be"), ""),
    "latin-1": ((HEADER + "\n2026-09-02,Café solidaire,,,1,,,\n").encode("latin-1"), "UTF-8"),
    "no-header": (GOOD_ROW.encode() + b"\n", "unknown column"),
    "missing-title-column": (csv_bytes("2026-09-02,cook", header="date,role"), "title"),
    "unknown-column": (csv_bytes(GOOD_ROW + ",x", header=HEADER + ",mood"), "unknown column"),
    "repeated-column": (csv_bytes("2026-09-02,a,b", header="date,title,title"), "twice"),
    "too-few-cells": (csv_bytes("2026-09-02,Free breakfast"), "cells"),
    "too-many-cells": (csv_bytes(GOOD_ROW + ",extra,cells"), "cells"),
    "empty-title": (csv_bytes("2026-09-02,   ,,,,,,"), "title"),
    "date-0000-00-00": (csv_bytes("0000-00-00,Zero day,,,,,,"), "date"),
    "date-2026-02-30": (csv_bytes("2026-02-30,No such day,,,,,,"), "date"),
    "date-9999-99-99": (csv_bytes("9999-99-99,Far,,,,,,"), "date"),
    "date-words": (csv_bytes("last tuesday,Vague,,,,,,"), "date"),
    "date-with-time": (csv_bytes("2026-09-02T10:00,Timed,,,,,,"), "date"),
    "hours-NaN": (csv_bytes("2026-09-02,Nan hours,,,NaN,,,"), "hours"),
    "hours-Infinity": (csv_bytes("2026-09-02,Endless,,,Infinity,,,"), "hours"),
    "hours-minus-inf": (csv_bytes("2026-09-02,Endless,,,-inf,,,"), "hours"),
    "hours-huge": (csv_bytes("2026-09-02,Huge,,,1" + "0" * 400 + ",,,"), "hours"),
    "hours-1e400": (csv_bytes("2026-09-02,Huge,,,1e400,,,"), "hours"),
    "hours-negative": (csv_bytes("2026-09-02,Negative,,,-0.25,,,"), "hours"),
    "hours-three-decimals": (csv_bytes("2026-09-02,Precise,,,1.125,,,"), "hours"),
    "hours-words": (csv_bytes("2026-09-02,Wordy,,,two,,,"), "hours"),
    "unknown-criterion": (csv_bytes("2026-09-02,Odd,,,1,radical.nonsense,,"), "criterion"),
    "long-tag": (csv_bytes("2026-09-02,Tagged,,,1,," + "t" * 60 + ","), "tag"),
    "private-maybe": (csv_bytes("2026-09-02,Maybe,maybe", header="date,title,private"), "private"),
    "title-201": (csv_bytes("2026-09-02," + "t" * 201 + ",,,,,,"), "title"),
    "title-10MB": (csv_bytes("2026-09-02," + "t" * TEN_MB + ",,,,,,"), "characters"),
    "description-10MB": (csv_bytes("2026-09-02,Long,,,,,," + "d" * TEN_MB), "characters"),
    "date-10MB": (csv_bytes("2" * TEN_MB + ",Long date,,,,,,"), "characters"),
    "hours-10MB": (csv_bytes("2026-09-02,Long hours,,,1" + "0" * TEN_MB + ",,,"), "characters"),
    "header-10MB": (csv_bytes(GOOD_ROW, header=HEADER + "," + "h" * TEN_MB), "characters"),
    "title-100k-cell": (csv_bytes("2026-09-02," + "t" * 100_000 + ",,,,,,"), "title"),
    "date-100k-cell": (csv_bytes("2" * 100_000 + ",Long date,,,,,,"), "date"),
    "hours-100k-cell": (csv_bytes("2026-09-02,Long hours,,,1" + "0" * 100_000 + ",,,"), "hours"),
    "private-100k-cell": (csv_bytes("2026-09-02,Long,n" + "o" * 100_000, header="date,title,private"), "private"),
    "header-100k-cell": (csv_bytes(GOOD_ROW, header=HEADER + "," + "h" * 100_000), "unknown column"),
    "unclosed-quote": (csv_bytes('2026-09-02,"never closed,,,,,,'), ""),
    "good-rows-then-one-bad": (csv_bytes(*[GOOD_ROW] * 50, "2026-13-01,Bad month,,,,,,"), "line 52"),
    "many-bad-rows": (csv_bytes(*["2026-13-01,Bad,,,,,,"] * 5000), "5000 bad line"),
}


@pytest.mark.parametrize("name", list(HOSTILE_CSV))
def test_a_hostile_csv_file_is_refused_in_words(csv_target: Target, name: str) -> None:
    data, word = HOSTILE_CSV[name]
    csv_target.assert_refused(data, ".csv", word)


@HYPOTHESIS
@given(st.binary(max_size=3000))
def test_random_bytes_are_never_imported_as_csv(csv_target: Target, data: bytes) -> None:
    csv_target.assert_refused(data, ".csv")


cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\n\r"), max_size=30)
bad_cells = {
    "date": st.sampled_from(["0000-00-00", "2026-02-30", "20260902", "2026/09/02", "", "-1-01-01", "9999-99-99"]),
    "hours": st.sampled_from(["NaN", "nan", "Infinity", "-Infinity", "1e400", "-1", "24.01", "1.001", "x", "0x10"])
    | st.floats(allow_nan=True, allow_infinity=True).filter(lambda f: not (0 <= f <= 24)).map(repr),
    "title": st.sampled_from(["", "   ", "t" * 201]),
    "criteria": st.sampled_from(["radical", "radical.", "charity.nope", "RADICAL.ROOT-CAUSES"]),
}


@st.composite
def hostile_csv_files(draw: st.DrawFn) -> bytes:
    """A valid header and rows of random cells, with at least one cell that breaks a rule."""
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        cells = [draw(cell_text).replace(",", " ").replace('"', " ") for _ in range(8)]
        cells[0], cells[1] = "2026-09-03", "Title " + cells[1]
        cells[4], cells[5], cells[6] = "1", "", cells[6][:20].replace(";", " ")
        rows.append(cells)
    column = draw(st.sampled_from(list(bad_cells)))
    victim = draw(st.integers(0, len(rows) - 1))
    rows[victim][HEADER.split(",").index(column)] = draw(bad_cells[column]).replace(",", ".")
    return csv_bytes(*[",".join(f'"{cell}"' for cell in cells) for cells in rows])


@HYPOTHESIS
@given(hostile_csv_files())
def test_random_rows_with_a_bad_cell_are_refused_whole(csv_target: Target, data: bytes) -> None:
    csv_target.assert_refused(data, ".csv", "nothing was imported")


# --- JSON: a catalogue of hostile files -------------------------------------------------------------


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


HOSTILE_JSON: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "JSON"),
    "whitespace": (b"  \n\t ", "JSON"),
    "random-binary": (bytes(range(256)) * 4, "UTF-8"),
    "utf-16": (codecs.BOM_UTF16_LE + json_bytes().decode().encode("utf-16-le"), "UTF-8"),
    "latin-1": (json_bytes(False, activities=activity(title="Café")).decode().encode("latin-1"), "UTF-8"),
    "not-an-object": (b"[1, 2, 3]", "not a Mutual Aid Journal export"),
    "a-string": (b'"hello"', "not a Mutual Aid Journal export"),
    "null": (b"null", "not a Mutual Aid Journal export"),
    "wrong-format": (json_bytes(format="something-else"), "format"),
    "no-format": (json.dumps({"version": 1}).encode(), "format"),
    "version-as-text": (json_bytes(version="1"), "version"),
    "version-float": (json_bytes(version=1.0), "version"),
    "version-true": (json_bytes(version=True), "version"),
    "newer-version": (json_bytes(version=VERSION + 1), "newer"),
    "deep-nesting-100k": (_deep(100_000), "nested"),
    "deep-nesting-in-a-field": (
        json_bytes(activities=[]).replace(b'"activities": []', b'"activities": ' + _deep(100_000)),
        "nested",
    ),
    "nesting-under-the-limit": (json_bytes(hidden_criteria=json.loads(_deep(500))), "hidden_criteria"),
    "NaN-hours": (json_bytes().replace(b'"hours": 2.5', b'"hours": NaN'), "number"),
    "Infinity-hours": (json_bytes().replace(b'"hours": 2.5', b'"hours": Infinity'), "number"),
    "minus-Infinity-hours": (json_bytes().replace(b'"hours": 2.5', b'"hours": -Infinity'), "number"),
    "1e400-hours": (json_bytes().replace(b'"hours": 2.5', b'"hours": 1e400'), "hours"),
    "huge-integer-hours": (json_bytes().replace(b'"hours": 2.5', b'"hours": ' + b"9" * 5000), "digits"),
    "big-integer-hours": (json_bytes(activities=activity(hours=10**300)), "hours"),
    "hours-as-text": (json_bytes(activities=activity(hours="two")), "hours"),
    "hours-true": (json_bytes(activities=activity(hours=True)), "hours"),
    "hours-list": (json_bytes(activities=activity(hours=[1])), "hours"),
    "date-0000-00-00": (json_bytes(activities=activity(date="0000-00-00")), "date"),
    "date-number": (json_bytes(activities=activity(date=20260902)), "date"),
    "date-null": (json_bytes(activities=activity(date=None)), "date"),
    "title-number": (json_bytes(activities=activity(title=7)), "title"),
    "title-missing": (json_bytes(activities=[{k: v for k, v in GOOD_ACTIVITY.items() if k != "title"}]), "title"),
    "title-10MB": (json_bytes(activities=activity(title="t" * TEN_MB)), "title"),
    "description-10MB": (json_bytes(activities=activity(description="d" * TEN_MB)), "description"),
    "title-lone-surrogate": (json_bytes(activities=activity(title="a\ud800b")), "broken"),
    "tag-lone-surrogate": (json_bytes(activities=activity(tags=["\udfff"])), "broken"),
    "stamp-lone-surrogate": (json_bytes(activities=activity(created_at="2026\ud800")), "broken"),
    "term-name-lone-surrogate": (
        json_bytes(terms=[{"name": "\ud83d", "start": "2026-01-01", "end": "2026-02-01"}]),
        "broken",
    ),
    "key-lone-surrogate": (json_bytes(activities=[{**GOOD_ACTIVITY, "\udc00": 1}]), "broken"),
    "null-character": (json_bytes(activities=activity(title="a\x00b")), "null"),
    "tags-object": (json_bytes(activities=activity(tags={"a": 1})), "tags"),
    "criteria-number": (json_bytes(activities=activity(criteria=5)), "criteria"),
    "unknown-criterion": (json_bytes(activities=activity(criteria=["radical.nonsense"])), "criterion"),
    "private-text": (json_bytes(activities=activity(private="yes")), "private"),
    "activities-object": (json_bytes(activities={"0": GOOD_ACTIVITY}), "list"),
    "activity-not-object": (json_bytes(activities=["Free breakfast"]), "object"),
    "stamp-missing": (json_bytes(activities=activity(created_at=None)), "timestamp"),
    "stamp-number": (json_bytes(activities=activity(updated_at=1)), "timestamp"),
    "term-end-before-start": (json_bytes(terms=[{"name": "T", "start": "2026-05-01", "end": "2026-01-01"}]), "end"),
    "term-too-long": (json_bytes(terms=[{"name": "T", "start": "2026-01-01", "end": "2027-06-01"}]), "days"),
    "terms-overlap": (
        json_bytes(
            terms=[
                {"name": "A", "start": "2026-01-01", "end": "2026-03-01"},
                {"name": "B", "start": "2026-02-01", "end": "2026-04-01"},
            ]
        ),
        "clashes",
    ),
    "term-name-list": (json_bytes(terms=[{"name": ["T"], "start": "2026-01-01", "end": "2026-02-01"}]), "text"),
    "weekly-term-object": (
        json_bytes(weekly_reflections=[{"term": {"a": 1}, "week": 1, "updated_at": STAMP}]),
        "unknown term",
    ),
    "weekly-term-list": (
        json_bytes(weekly_reflections=[{"term": ["Fall 2026"], "week": 1, "updated_at": STAMP}]),
        "unknown term",
    ),
    "closing-term-list": (
        json_bytes(closing_reflections=[{"term": ["Fall 2026"], "updated_at": STAMP}]),
        "unknown term",
    ),
    "weekly-week-huge": (
        json_bytes(weekly_reflections=[{"term": "Fall 2026", "week": 10**30, "updated_at": STAMP}]),
        "week",
    ),
    "weekly-week-zero": (
        json_bytes(weekly_reflections=[{"term": "Fall 2026", "week": 0, "updated_at": STAMP}]),
        "week",
    ),
    "weekly-twice": (
        json_bytes(weekly_reflections=[{"term": "Fall 2026", "week": 1, "what": "a", "updated_at": STAMP}] * 2),
        "two reflections",
    ),
    "closing-direction-unknown": (
        json_bytes(closing_reflections=[{"term": "Fall 2026", "direction": "sideways", "updated_at": STAMP}]),
        "direction",
    ),
    "profile-list": (json_bytes(profile=["Ada"]), "profile"),
    "profile-name-object": (json_bytes(profile={"student_name": {"first": "Ada"}}), "text"),
    "custom-criterion-clash": (
        json_bytes(
            custom_criteria=[{"id": "radical.root-causes", "model": "radical", "statement": "s", "created_at": STAMP}]
        ),
        "clashes",
    ),
    "custom-criterion-unknown-model": (
        json_bytes(custom_criteria=[{"id": "mystery.x", "model": "mystery", "statement": "s", "created_at": STAMP}]),
        "model",
    ),
    "hidden-unknown": (json_bytes(hidden_criteria=["radical.nonsense"]), "criterion"),
    "hidden-object": (json_bytes(hidden_criteria=[{"a": 1}]), "criterion"),
    "many-bad-activities": (json_bytes(activities=activity(title="") * 5000), "nothing was imported"),
}


@pytest.mark.parametrize("name", list(HOSTILE_JSON))
def test_a_hostile_json_file_is_refused_in_words(json_target: Target, name: str) -> None:
    data, word = HOSTILE_JSON[name]
    json_target.assert_refused(data, ".json", word)


@HYPOTHESIS
@given(st.binary(max_size=3000))
def test_random_bytes_are_never_imported_as_json(json_target: Target, data: bytes) -> None:
    json_target.assert_refused(data, ".json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
# Values that can never be right for the field they are put in.
never_right = {
    "date": st.integers() | st.lists(st.integers(), max_size=2) | st.sampled_from(["0000-00-00", "2026-2-3", ""]),
    "title": st.integers() | st.booleans() | st.lists(st.text(max_size=3), max_size=2) | st.just("   "),
    "hours": st.floats(allow_nan=False).filter(lambda f: not 0 <= f <= 24)
    | st.booleans()
    | st.sampled_from(["two", "-1", "NaN", "1.001", "24.5"]),
    "tags": st.integers() | st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
    "criteria": st.integers() | st.lists(st.text(max_size=5).map(lambda t: "nope." + t), min_size=1, max_size=2),
    "private": st.integers() | st.text(max_size=5) | st.none(),
    "created_at": st.integers() | st.none() | st.just(""),
}


@st.composite
def hostile_json_files(draw: st.DrawFn) -> bytes:
    """A good export with random junk added where it is ignored, and one field made wrong for sure."""
    entry = dict(GOOD_ACTIVITY)
    for key in draw(st.lists(st.text(min_size=1, max_size=8), max_size=3)):
        if key not in entry:
            entry[key] = draw(json_values)  # extra fields
    for key in draw(st.lists(st.sampled_from(["organization", "role", "description", "deleted_at"]), max_size=2)):
        entry.pop(key, None)  # missing optional fields
    field = draw(st.sampled_from(list(never_right)))
    entry[field] = draw(never_right[field])
    return json_bytes(activities=[GOOD_ACTIVITY, entry])


@HYPOTHESIS
@given(hostile_json_files())
def test_random_junk_in_a_json_export_is_refused_whole(json_target: Target, data: bytes) -> None:
    json_target.assert_refused(data, ".json", "nothing was imported")


# --- hostile-looking but valid: stored exactly as written, never run -----------------------------------

LITERAL_TITLES = [
    '=HYPERLINK("http://127.0.0.1:9/p","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    # a bell or an escape code is refused instead (tests/journal/records/test_input_rules.py)
    "Right-to-left \u202e override",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("title", LITERAL_TITLES)
def test_a_formula_or_control_character_is_kept_as_plain_text(tmp_path: Path, title: str) -> None:
    count("hostile csv files")
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    cell = '"' + title.replace('"', '""') + '"'
    (tmp_path / "in.csv").write_text(f"date,title,hours\n2026-09-02,{cell},-0\n", encoding="utf-8")
    result = run_cli(path, "import", str(tmp_path / "in.csv"))
    assert result.code == 0, result.err
    with Journal.open(path) as journal:
        [stored] = find_activities(journal, ActivityQuery())
    assert stored.title == title.strip()
    assert stored.hours_centi == 0  # negative zero is zero
    assert run_cli(path, "export", "--format", "csv", "-o", str(tmp_path / "out.csv")).code == 0
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert not exported.split(",", 1)[1].lstrip('"').startswith(("=", "+", "-", "@")), exported


def test_negative_zero_hours_in_json_are_zero(tmp_path: Path) -> None:
    count("hostile json files")
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    (tmp_path / "in.json").write_bytes(json_bytes(activities=activity(hours=-0.0)))
    assert run_cli(path, "import", str(tmp_path / "in.json")).code == 0
    with Journal.open(path) as journal:
        assert [a.hours_centi for a in find_activities(journal, ActivityQuery())] == [0]


# --- the activity form: random values in every field -----------------------------------------------------


def _valid_fields(raw: dict[str, Any], journal: Journal) -> dict[str, Any]:
    """The fields of ``raw`` that pass their own rule, each checked alone beside a valid title."""
    valid = {}
    for field, value in raw.items():
        probe = {"date": raw["date"], "title": "t", field: value}
        try:
            check_activity(probe, journal.framework)
        except InvalidInput:
            continue
        valid[field] = value
    return valid


def _stored_as_typed(stored: Any, field: str, value: Any, journal: Journal) -> bool:
    checked = check_activity({"date": stored.day, "title": "t", field: value}, journal.framework)
    key = {"date": "day", "hours": "hours_centi"}.get(field, field)
    return bool(getattr(stored.as_input(), key) == getattr(checked, key))


form_text = st.text(max_size=60) | st.text(st.characters(max_codepoint=0x2FF), max_size=250)
hours_text = (
    st.sampled_from(["", "0", "-0", "24", "24.01", "1.005", "NaN", "inf", "1e400", "2,5", " 3 ", "٣", "½", "0x1"])
    | st.decimals(allow_nan=True, allow_infinity=True).map(str)
    | st.floats().map(str)
    | form_text
)


@pytest.fixture
def form(tmp_path: Path, qtbot: Any) -> Iterator[Any]:
    from PySide6.QtGui import QUndoStack

    from ui.journal_view.activity_editor import ActivityEditor
    from ui.window.events import JournalEvents

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18")
        editor = ActivityEditor(journal, JournalEvents(), QUndoStack())
        qtbot.addWidget(editor)
        editor.show()
        yield editor, journal


def _shown_problems(editor: Any) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [
        label.text()
        for label in editor.findChildren(QLabel)
        if label.property("role") == "error" and label.isVisibleTo(editor) and label.text()
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    day=st.dates(min_value=date(1753, 1, 1), max_value=date(7999, 12, 31)),
    title=form_text,
    organization=form_text,
    role=form_text,
    hours=hours_text,
    tags=form_text,
    description=form_text | st.text(max_size=3).map(lambda t: t * 40_000),
    private=st.booleans(),
    ticks=st.sets(st.integers(0, 30), max_size=6),
)
def test_random_values_in_every_field_are_saved_exactly_or_refused_visibly(
    form: Any,
    day: date,
    title: str,
    organization: str,
    role: str,
    hours: str,
    tags: str,
    description: str,
    private: bool,
    ticks: set[int],
) -> None:
    from PySide6.QtCore import QDate

    editor, journal = form
    count("random activity forms")
    editor.new_activity()
    editor.date_edit.setDate(QDate(day.year, day.month, day.day))
    editor.title_edit.setText(title)
    editor.organization_edit.setText(organization)
    editor.role_edit.setText(role)
    editor.hours_edit.setText(hours)
    editor.tags_edit.setText(tags)
    editor.description_edit.setPlainText(description)
    editor.private_box.setChecked(private)
    ids = sorted(c.id for c in journal.framework.criteria)
    editor.checklist.set_ticked([ids[n % len(ids)] for n in ticks])
    raw = editor.raw_input()
    before = len(find_activities(journal, ActivityQuery()))
    try:
        expected: ActivityInput | None = check_activity(raw, journal.framework)
    except InvalidInput:
        expected = None
    saved = editor.save_now()
    after = find_activities(journal, ActivityQuery())
    event("refused" if expected is None else "saved")
    if expected is None:
        pristine = (
            editor.activity_id is None
            and not any(str(raw[k]).strip() for k in ("title", "organization", "role", "hours", "tags", "description"))
            and not raw["criteria"]
        )
        assert saved is pristine
        assert editor.raw_input() == raw, "the form changed what was typed"
        if not pristine:
            assert _shown_problems(editor), "a refused form showed no message"
        # what is valid is written; the fields at fault wait in the form (a new activity needs its title)
        valid = _valid_fields(raw, journal)
        if "title" not in valid or pristine:
            assert len(after) == before, "a form without a valid title wrote something"
        else:
            stored = next(a for a in after if a.id == editor.activity_id)
            for field, value in valid.items():
                assert _stored_as_typed(stored, field, value, journal), field
    else:
        assert saved is True, _shown_problems(editor)
        assert editor.activity_id is not None
        stored = next(a for a in after if a.id == editor.activity_id)
        assert stored.as_input() == expected
        assert not _shown_problems(editor)
        assert math.isfinite(stored.hours_centi)
