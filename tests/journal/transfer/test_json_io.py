"""The whole journal as JSON: byte-identical round trips, and documents refused whole."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from journal.demo import fill_demo_journal
from journal.errors import InvalidInput
from journal.records.activities import add_activity, trash_activities
from journal.records.custom_criteria import add_custom_criterion, set_hidden
from journal.records.framework import load_framework
from journal.records.profile import ProfileInfo, get_profile, save_profile
from journal.records.reflections import ClosingText, WeeklyText, save_closing_reflection, save_weekly_reflection
from journal.records.terms import add_term
from journal.records.validation import CONTROLS, check_activity
from journal.storage.journal_file import Journal
from journal.storage.schema import Base
from journal.transfer.json_io import FORMAT, VERSION, export_json, import_json, journal_document, json_text

FRAMEWORK = load_framework()


def fill_everything(journal: Journal) -> None:
    """The demo semester plus every kind of record the demo leaves out."""
    term = fill_demo_journal(journal, date(2026, 12, 10))
    spring = add_term(journal, "Spring 2027", "2027-01-11", "2027-05-07")
    mine = add_custom_criterion(journal, "radical", "We shared the cooking with the people we fed.", "my notes")
    set_hidden(journal, "charity.formal-gatekeeping", True)
    set_hidden(journal, mine, True)
    raw = {"date": "2027-01-12", "title": "Kitchen", "hours": "1.25", "criteria": [mine, "radical.root-causes"]}
    add_activity(journal, check_activity(raw, journal.framework))
    gone = add_activity(journal, check_activity({**raw, "title": "Deleted", "private": True}, journal.framework))
    trash_activities(journal, [gone.id])
    save_weekly_reflection(journal, spring, WeeklyText(2, "what", "", "now what \u00e9\u6f22"))
    save_closing_reflection(journal, spring, ClosingText("Still deciding.", None))
    assert term.name.startswith("Demo semester")


def test_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    with Journal.open(tmp_path / "a.sqlite3") as journal:
        fill_everything(journal)
        export_json(journal, first)
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT and document["version"] == VERSION
    assert len(document["terms"]) == 2 and len(document["custom_criteria"]) == 1
    assert len(document["hidden_criteria"]) == 2
    assert any(a["private"] for a in document["activities"])
    assert any(a["deleted_at"] for a in document["activities"])
    assert document["closing_reflections"][0]["direction"] == "toward-radical"
    assert document["profile"]["student_name"] == "Sam Rivera"

    second = tmp_path / "second.json"
    with Journal.open(tmp_path / "b.sqlite3") as journal:
        assert import_json(journal, first) == len(document["activities"])
        export_json(journal, second)
        assert journal.hidden == frozenset(document["hidden_criteria"])
        assert journal.framework.has_criterion(document["custom_criteria"][0]["id"])
        assert get_profile(journal).course.startswith("SOC 215")
    assert second.read_bytes() == first.read_bytes()


def test_import_is_refused_into_a_journal_that_holds_anything(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json_text(journal), encoding="utf-8")
    add_term(journal, "Fall", "2026-09-01", "2026-12-15")
    before = json_text(journal)
    with pytest.raises(InvalidInput, match="only be imported into an empty journal"):
        import_json(journal, path)
    assert json_text(journal) == before


def test_a_profile_alone_does_not_stop_an_import(journal: Journal, tmp_path: Path) -> None:
    # the first start may save an empty profile before anything else is written
    save_profile(journal, ProfileInfo())
    path = tmp_path / "export.json"
    document = {
        "format": FORMAT,
        "version": VERSION,
        "profile": {"student_name": "Ada", "course": "", "instructor": ""},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    assert import_json(journal, path) == 0
    assert get_profile(journal).student_name == "Ada"


def test_a_filled_profile_counts_as_content(journal: Journal, tmp_path: Path) -> None:
    save_profile(journal, ProfileInfo("Sam", "SOC 215", ""))
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="empty journal"):
        import_json(journal, path)
    assert get_profile(journal) == ProfileInfo("Sam", "SOC 215", "")


GOOD_ACTIVITY = {
    "date": "2026-09-02",
    "title": "x",
    "hours": 1,
    "created_at": "2026-09-02T10:00:00.000000Z",
    "updated_at": "2026-09-02T10:00:00.000000Z",
}


def document_with(**parts: Any) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, **parts})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "mutual-aid-journal", "version": 1, "activities": [{"hours": NaN}]}', "not a number JSON allows"),
        ('{"format": "mutual-aid-journal", "version": 1, "x": Infinity}', "not a number JSON allows"),
        ('{"format": "mutual-aid-journal", "version": 1, "x": -Infinity}', "not a number JSON allows"),
        (document_with(activities=[{**GOOD_ACTIVITY, "hours": 7}]).replace(": 7", ": 1e400"), "finite"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "mutual-aid-journal", "version": 1,', "line 1: not valid JSON"),
        (json.dumps({"format": "something-else", "version": 1}), "not a Mutual Aid Journal export"),
        (json.dumps(["mutual-aid-journal"]), "not a Mutual Aid Journal export"),
        (document_with(version="1"), "no valid version"),
        (json.dumps({"format": FORMAT, "version": VERSION + 1}), "newer version"),
        (document_with(terms={"name": "Fall"}), "terms: must be a list"),
        (document_with(terms=[{"name": 5, "start": "2026-09-01", "end": "2026-12-01"}]), "must be text"),
        (document_with(terms=[{"name": "A", "start": "2026-09-01", "end": "2027-12-01"}]), "at most 366 days"),
        (
            document_with(
                terms=[
                    {"name": "A", "start": "2026-09-01", "end": "2026-12-01"},
                    {"name": "B", "start": "2026-11-01", "end": "2027-01-01"},
                ]
            ),
            "clashes with the term 'A'",
        ),
        (document_with(activities=[{**GOOD_ACTIVITY, "hours": "25"}]), "out of range"),
        (document_with(activities=[{**GOOD_ACTIVITY, "title": ["x"]}]), "must be text"),
        (document_with(activities=[{**GOOD_ACTIVITY, "private": "yes"}]), "true or false"),
        (document_with(activities=[{**GOOD_ACTIVITY, "criteria": ["radical.nope"]}]), "Unknown criterion"),
        (document_with(activities=[{**GOOD_ACTIVITY, "created_at": 5}]), "timestamp"),
        (document_with(activities=["x"]), "must be an object"),
        (document_with(profile=[]), "profile: must be an object"),
        (document_with(hidden_criteria=["radical.nope"]), "not a known criterion"),
        (document_with(weekly_reflections=[{"term": "Nope", "week": 1}]), "unknown term"),
        (document_with(closing_reflections=[{"term": "Nope"}]), "unknown term"),
        (
            document_with(custom_criteria=[{"id": "radical.root-causes", "model": "radical", "statement": "s"}]),
            "clashes with a shipped criterion",
        ),
        (
            document_with(custom_criteria=[{"id": "radical.a;b", "model": "radical", "statement": "s"}]),
            "form model.slug",
        ),
        (
            document_with(custom_criteria=[{"id": "radical.My Own", "model": "radical", "statement": "s"}]),
            "form model.slug",
        ),
    ],
)
def test_a_bad_document_is_refused_and_nothing_written(journal: Journal, tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    before = json_text(journal)
    with pytest.raises(InvalidInput) as caught:
        import_json(journal, path)
    message = str(caught.value)
    assert words in message
    assert str(path) in message
    assert json_text(journal) == before


def test_every_bad_entry_is_named(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    bad = {**GOOD_ACTIVITY, "title": ""}
    path.write_text(document_with(activities=[GOOD_ACTIVITY, bad, GOOD_ACTIVITY, bad]), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_json(journal, path)
    assert [k for k in caught.value.problems if k.startswith("activities")] == ["activities[1]", "activities[3]"]


# --- the round trip, for any journal -------------------------------------------------

# any text the journal takes: control characters other than tab and line breaks are refused
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40).map(
    lambda t: CONTROLS.sub("", t).strip()
)
stamps = st.datetimes(min_value=datetime(2020, 1, 1)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
criterion_ids = [c.id for c in FRAMEWORK.criteria]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    terms = []
    day = date(2025, 1, 1)
    for n in range(draw(st.integers(0, 3))):
        start = day + timedelta(days=draw(st.integers(0, 30)))
        end = start + timedelta(days=draw(st.integers(0, 120)))
        name = " ".join(f"Term {n} {draw(text)}".split())  # a term name is one line
        terms.append({"name": name, "start": start.isoformat(), "end": end.isoformat()})
        day = end + timedelta(days=1)
    custom = [
        {
            "id": f"{model}.my-{n}",
            "model": model,
            "statement": f"Statement {n} {draw(text)}".strip(),
            "source": draw(text),
            "created_at": draw(stamps),
        }
        for n, model in enumerate(draw(st.lists(st.sampled_from(["charity", "contributory", "radical"]), max_size=3)))
    ]
    known = criterion_ids + [c["id"] for c in custom]
    activities = []
    for _ in range(draw(st.integers(0, 6))):
        centi = draw(st.integers(0, 2400))
        activities.append(
            {
                "date": draw(st.dates(date(2024, 6, 1), date(2026, 12, 31))).isoformat(),
                "title": "T" + draw(text),
                "organization": draw(text),
                "role": draw(text),
                "hours": centi // 100 if centi % 100 == 0 else centi / 100,
                "description": draw(text),
                "tags": sorted(set(draw(st.lists(st.text("abcdefgh", min_size=1, max_size=6), max_size=3)))),
                "criteria": sorted(set(draw(st.lists(st.sampled_from(known), max_size=4)))),
                "private": draw(st.booleans()),
                "created_at": draw(stamps),
                "updated_at": draw(stamps),
                "deleted_at": draw(st.none() | stamps),
            }
        )
    weekly, closing = [], []
    for term in terms:
        weeks = -(-((date.fromisoformat(term["end"]) - date.fromisoformat(term["start"])).days + 1) // 7)
        for week in sorted(set(draw(st.lists(st.integers(1, weeks), max_size=3)))):
            answers = {k: draw(text) for k in ("what", "so_what", "now_what")}
            weekly.append({"term": term["name"], "week": week, **answers, "updated_at": draw(stamps)})
        if draw(st.booleans()):
            direction = draw(st.sampled_from([None, "toward-charity", "stay", "toward-radical"]))
            closing.append(
                {"term": term["name"], "essay": draw(text), "direction": direction, "updated_at": draw(stamps)}
            )
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": {"student_name": draw(text), "course": draw(text), "instructor": draw(text)},
        "terms": terms,
        "custom_criteria": sorted(custom, key=lambda c: (c["created_at"], c["id"])),
        "hidden_criteria": sorted(set(draw(st.lists(st.sampled_from(known), max_size=3)))),
        "activities": sorted(activities, key=lambda a: (a["date"], a["created_at"])),
        "weekly_reflections": weekly,
        "closing_reflections": closing,
    }


def empty_out(journal: Journal) -> None:
    with journal.writing() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
    journal.reload_criteria()


@pytest.fixture(scope="module")
def reused_journal(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Journal.open(tmp_path_factory.mktemp("round-trip") / "j.sqlite3") as journal:
        yield journal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_json_round_trip(
    reused_journal: Journal, tmp_path_factory: pytest.TempPathFactory, document: dict[str, Any]
) -> None:
    journal = reused_journal
    path = tmp_path_factory.getbasetemp() / "round-trip.json"
    empty_out(journal)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert import_json(journal, path) == len(document["activities"])
    exported = json_text(journal)
    assert json.loads(exported) == document == journal_document(journal)
    empty_out(journal)
    path.write_text(exported, encoding="utf-8")
    import_json(journal, path)
    assert json_text(journal) == exported


def test_a_failure_mid_import_leaves_the_journal_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    with Journal.open(tmp_path / "a.sqlite3") as journal:
        fill_everything(journal)
        export_json(journal, source)
    with Journal.open(tmp_path / "b.sqlite3") as journal:
        empty = json_text(journal)
        with journal.engine.begin() as connection:
            # the weekly reflections are written last: fail there, after everything else went in
            connection.exec_driver_sql(
                "CREATE TRIGGER fail_on_reflection BEFORE INSERT ON weekly_reflections "
                "BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"
            )
        with pytest.raises(Exception, match="the disk went away"):
            import_json(journal, source)
        journal.reload_criteria()
        assert json_text(journal) == empty
        assert journal.hidden == frozenset()
