"""The command line of SPEC 6, through its real entry point and through ``journal.cli.main``.

Exit codes: 0 success, 1 the journal cannot be used, 2 bad usage or invalid input;
every failure is sentences on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from journal.records.reflections import WeeklyText, save_weekly_reflection
from journal.records.terms import find_term
from journal.storage.journal_file import Journal
from tests.conftest import CliResult, file_hash, run_cli, run_entry_point

# Fall 2026: four weeks, 2026-09-01 (a Tuesday) to 2026-09-28.
SEMESTER_CSV = textwrap.dedent(
    """\
    date,title,organization,role,hours,criteria,tags,description
    2026-09-02,Food bank shift,Riverside Food Bank,Volunteer,4,charity.outside-helpers,food,
    2026-09-03,Rent strike meeting,Tenants Union,Member,2,radical.root-causes,housing,
    2026-09-09,Skill share,Repair Cafe,Host,1.5,contributory.self-help;radical.movement-link,,
    2026-09-10,Flyers,Riverside Food Bank,,0,charity.dependency,,
    2026-09-22,Breakfast,Free Breakfast,Cook,0,radical.root-causes;charity.dependency;charity.one-way-giving,food,
    2026-09-23,Assembly,Tenants Union,,,radical.root-causes,,
    2026-09-28,Unsorted notes,,,1,,,
    2026-09-29,After the term,Tenants Union,,2,radical.root-causes,,
    """
)


def assert_sentences(result: CliResult) -> None:
    """stderr holds plain sentences: no traceback, no argparse 'usage:' dump."""
    assert "Traceback" not in result.err and "usage:" not in result.err
    assert result.err.strip()
    for line in result.err.strip().splitlines():
        assert len(line.split()) >= 3 and not line.startswith(("  File ", "error:")), line


def ok(result: CliResult) -> CliResult:
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def semester(journal_path: Path, tmp_path: Path) -> None:
    ok(run_cli(journal_path, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-09-28"))
    csv_path = tmp_path / "semester.csv"
    csv_path.write_text(SEMESTER_CSV, encoding="utf-8")
    assert ok(run_cli(journal_path, "import", str(csv_path))).out == f"Imported 8 activities from {csv_path}.\n"


# --- the whole path through the installed command --------------------------------------


def test_term_import_and_stats_through_the_entry_point(journal_file: Path, tmp_path: Path) -> None:
    added = run_entry_point(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-09-28")
    assert ok(added).out == "Added the term 'Fall 2026': 2026-09-01 to 2026-09-28, 4 weeks.\n"
    csv_path = tmp_path / "semester.csv"
    csv_path.write_text(SEMESTER_CSV, encoding="utf-8")
    ok(run_entry_point(journal_file, "import", str(csv_path)))
    with Journal.open(journal_file) as journal:
        save_weekly_reflection(journal, find_term(journal, "Fall 2026"), WeeklyText(2, "Fixed bikes", "", ""))
    document = json.loads(ok(run_entry_point(journal_file, "stats", "--term", "Fall 2026", "--json")).out)
    check_semester_numbers(document)


def check_semester_numbers(document: dict[str, object]) -> None:
    """SPEC 2.2 by hand, in Fractions, then compared with the JSON floats to the last digit."""
    # Week 1: 4 h at 0 and 2 h at 100 -> exactly 100/3, contributory.
    week1 = (4 * Fraction(0) + 2 * Fraction(100)) / 6
    # Week 2: 1.5 h at 75; the 0-hour activity at 0 weighs nothing -> 75.
    week2 = Fraction(3, 2) * 75 / Fraction(3, 2)
    # Week 4: only 0-hour scored activities -> the plain mean of 100/3 and 100 = 200/3, radical.
    week4 = (Fraction(100, 3) + 100) / 2
    term = (4 * 0 + 2 * 100 + Fraction(3, 2) * 75) / Fraction(15, 2)
    first_half = term  # weeks 1-2 hold every activity with hours
    shift = week4 - first_half
    assert (week1, week2, week4, term, shift) == (Fraction(100, 3), 75, Fraction(200, 3), Fraction(125, 3), 25)
    assert document == {
        "term": {"name": "Fall 2026", "start": "2026-09-01", "end": "2026-09-28", "weeks": 4},
        "hours": 8.5,
        "activities": 7,
        "position": float(term),
        "level": "contributory",
        "shares": {"charity": float(Fraction(4, 9)), "contributory": float(Fraction(1, 9)), "radical": 4 / 9},
        "shift": 25.0,
        "weeks": [
            {
                "week": 1,
                "start": "2026-09-01",
                "end": "2026-09-07",
                "position": float(week1),
                "level": "contributory",
                "hours": 6.0,
                "activities": 2,
                "reflected": False,
            },
            {
                "week": 2,
                "start": "2026-09-08",
                "end": "2026-09-14",
                "position": 75.0,
                "level": "radical",
                "hours": 1.5,
                "activities": 2,
                "reflected": True,
            },
            {
                "week": 3,
                "start": "2026-09-15",
                "end": "2026-09-21",
                "position": None,
                "level": None,
                "hours": 0.0,
                "activities": 0,
                "reflected": False,
            },
            {
                "week": 4,
                "start": "2026-09-22",
                "end": "2026-09-28",
                "position": float(week4),
                "level": "radical",
                "hours": 1.0,
                "activities": 3,
                "reflected": False,
            },
        ],
    }
    assert repr(document["position"]) == "41.666666666666664"


def test_stats_text_explains_in_words(journal_file: Path, tmp_path: Path) -> None:
    semester(journal_file, tmp_path)
    lines = ok(run_cli(journal_file, "stats", "--term", "Fall 2026")).out.splitlines()
    assert lines[0] == "Fall 2026: 2026-09-01 to 2026-09-28, 4 weeks"
    assert "Activities: 7, 8.5 hours, 4 organisations" in lines
    assert "Position: 41.7 of 100: contributory." in lines
    assert any(line.startswith("Shift: +25 points toward solidarity") for line in lines)


def test_environment_variable_and_option_choose_the_journal(tmp_path: Path) -> None:
    env = {**os.environ, "MUTUAL_AID_JOURNAL": str(tmp_path / "from-env.sqlite3"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("mutual-aid-journal")),
            "term",
            "add",
            "A",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-02",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "from-env.sqlite3").is_file()
    ok(run_entry_point(tmp_path / "option.sqlite3", "term", "list", env=env))
    assert (tmp_path / "option.sqlite3").is_file()
    assert not (tmp_path / ".local").exists()


def test_an_unexpected_error_is_a_sentence_without_traceback(tmp_path: Path) -> None:
    # A process with no logging set up, as a script would run it, whose output pipe is gone.
    script = textwrap.dedent(
        f"""
        import io, sys
        from journal import cli

        class Broken(io.StringIO):
            def write(self, text):
                raise OSError(5, "Input/output error")

        code = cli.main(["--journal", {str(tmp_path / "j.sqlite3")!r}, "term", "list"], cli.Exporters(out=Broken()))
        sys.exit(code)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Something unexpected went wrong (OSError")


def test_a_closed_pipe_is_quiet(journal_file: Path, tmp_path: Path) -> None:
    ok(run_cli(journal_file, "term", "add", "Long", "--start", "2026-01-01", "--end", "2026-12-31"))
    command = [str(Path(sys.executable).with_name("mutual-aid-journal")), "--journal", str(journal_file)]
    with subprocess.Popen([*command, "stats", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `stats --json | head -c 0`: the first write meets a closed pipe
        error = process.stderr.read().decode()
    assert process.returncode == 0
    assert error == ""


# --- terms ------------------------------------------------------------------------------


def test_term_list_text_and_json(journal_file: Path) -> None:
    assert "no terms yet" in ok(run_cli(journal_file, "term", "list")).out
    assert json.loads(ok(run_cli(journal_file, "term", "list", "--json")).out) == []
    ok(run_cli(journal_file, "term", "add", "Spring 2027", "--start", "2027-01-11", "--end", "2027-05-07"))
    ok(run_cli(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15"))
    assert json.loads(ok(run_cli(journal_file, "term", "list", "--json")).out) == [
        {"name": "Fall 2026", "start": "2026-09-01", "end": "2026-12-15", "weeks": 16},
        {"name": "Spring 2027", "start": "2027-01-11", "end": "2027-05-07", "weeks": 17},
    ]
    assert ok(run_cli(journal_file, "term", "list")).out.splitlines() == [
        "Fall 2026    2026-09-01 to 2026-12-15  16 weeks",
        "Spring 2027  2027-01-11 to 2027-05-07  17 weeks",
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Other", "--start", "2026-12-01", "--end", "2027-01-05"], "overlap the term 'Fall 2026'"),
        (["fall 2026", "--start", "2027-09-01", "--end", "2027-12-05"], "already exists"),
        (["Long", "--start", "2027-01-01", "--end", "2028-01-02"], "at most 366 days"),
        (["Back", "--start", "2027-05-01", "--end", "2027-04-01"], "before the start date"),
        (["Bad", "--start", "2027-02-30", "--end", "2027-04-01"], "not a real calendar date"),
        (["Bad", "--start", "0000-00-00", "--end", "2027-04-01"], "not a real calendar date"),
        (["Bad", "--start", "tomorrow", "--end", "2027-04-01"], "YYYY-MM-DD"),
        (["", "--start", "2027-01-01", "--end", "2027-04-01"], "name is required"),
        (["NoEnd", "--start", "2027-01-01"], "--end"),
    ],
)
def test_bad_terms_are_exit_2_with_a_sentence(journal_file: Path, args: list[str], words: str) -> None:
    ok(run_cli(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15"))
    result = run_cli(journal_file, "term", "add", *args)
    assert result.code == 2 and words in result.err
    assert_sentences(result)
    assert len(json.loads(run_cli(journal_file, "term", "list", "--json").out)) == 1


# --- usage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "No command given"),
        (["dance"], "invalid choice: 'dance'"),
        (["export", "-o", "x.csv"], "--format"),
        (["export", "--format", "xls", "-o", "x.xls"], "invalid choice: 'xls'"),
        (["export", "--format", "pdf", "-o", "x.pdf"], "no term yet"),
        (["export", "--format", "html", "-o", "x.html"], "no term yet"),
        (["export", "--format", "md", "-o", "x.md"], "no term yet"),
        (["export", "--format", "docx", "-o", "x.docx"], "no term yet"),
        (["export", "--format", "json", "-o", "x.json", "--term", "Fall"], "leave out --term"),
        (["stats"], "no terms yet"),
        (["stats", "--term", "Nope"], "no term named 'Nope'"),
        (["import", "missing.csv"], "There is no file"),
        (["import", "notes.txt"], ".csv (activities) or .json"),
        (["restore", "missing.sqlite3"], "There is no backup file"),
        (["chart", "--term", "Fall", "-o", "x.png"], "drawing code"),
        (["chart", "-o", "-"], "term add NAME"),
    ],
)
def test_bad_usage_is_exit_2(journal_file: Path, args: list[str], words: str) -> None:
    result = run_cli(journal_file, *args)
    assert result.code == 2 and words in result.err, result.err
    assert_sentences(result)


def test_a_report_of_a_journal_without_terms_names_term_add(journal_file: Path, tmp_path: Path) -> None:
    result = run_entry_point(journal_file, "export", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert result.code == 2 and "no term yet" in result.err and "term add NAME" in result.err
    assert_sentences(result)
    assert not (tmp_path / "r.pdf").exists()


def _terms(journal_file: Path, *spans: tuple[str, str, str]) -> None:
    for name, start, end in spans:
        ok(run_cli(journal_file, "term", "add", name, "--start", start, "--end", end))


def test_a_report_without_term_uses_the_term_holding_today_and_says_so(journal_file: Path, tmp_path: Path) -> None:
    today_ = date.today()
    _terms(
        journal_file,
        ("Long ago", "2001-01-01", "2001-03-01"),
        ("Now", (today_ - timedelta(days=10)).isoformat(), (today_ + timedelta(days=10)).isoformat()),
    )
    result = run_entry_point(journal_file, "export", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert result.code == 0, result.err
    assert "Using the term 'Now' (it holds today)" in result.err
    assert "<h1>Now</h1>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_report_without_term_uses_the_only_term(journal_file: Path) -> None:
    _terms(journal_file, ("Spring 2031", "2031-01-10", "2031-05-01"))
    result = run_cli(journal_file, "export", "--format", "md", "-o", "-")
    assert result.code == 0, result.err
    assert "Using the term 'Spring 2031' (the journal's only term)" in result.err
    assert result.out.startswith("# ") and "Spring 2031" in result.out  # standard output holds the report alone


def test_a_chart_without_term_uses_the_latest_term_to_start(journal_file: Path) -> None:
    _terms(journal_file, ("Autumn 2001", "2001-09-01", "2001-12-01"), ("Spring 2002", "2002-01-10", "2002-05-01"))
    result = run_cli(journal_file, "chart", "-o", "-")
    assert result.code == 0, result.err
    assert "Using the term 'Spring 2002' (the latest term to start)" in result.err
    assert result.out.lstrip().startswith("<?xml") or "<svg" in result.out[:400]


# --- import and export ----------------------------------------------------------------


def test_a_bad_csv_is_refused_whole_with_every_line(journal_file: Path, tmp_path: Path) -> None:
    ok(run_cli(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-09-28"))
    path = tmp_path / "bad.csv"
    path.write_text(
        "date,title,hours\n2026-09-02,Good,1\n2026-09-03,,1\n2026-09-04,Hours,-1\n2026-09-05,Fine,2\n"
        "2026-13-01,Month,1\n",
        encoding="utf-8",
    )
    result = run_cli(journal_file, "import", str(path))
    assert result.code == 2
    assert_sentences(result)
    lines = result.err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"{path}, line {n}" for n in (3, 4, 6)]
    assert lines[-1] == f"Nothing was imported: 3 bad line(s) in {path}."
    assert json.loads(ok(run_cli(journal_file, "stats", "--json")).out)["activities"] == 0


def test_csv_export_of_the_journal_and_of_a_term(journal_file: Path, tmp_path: Path) -> None:
    semester(journal_file, tmp_path)
    whole, term = tmp_path / "all.csv", tmp_path / "term.csv"
    assert ok(run_cli(journal_file, "export", "--format", "csv", "-o", str(whole))).out == f"Wrote {whole}.\n"
    ok(run_cli(journal_file, "export", "--format", "csv", "-o", str(term), "--term", "Fall 2026"))
    assert whole.read_bytes().startswith(b"\xef\xbb\xbfdate,title,organization,role,hours,criteria,tags,description")
    assert len(whole.read_text(encoding="utf-8-sig").splitlines()) == 1 + 8
    assert len(term.read_text(encoding="utf-8-sig").splitlines()) == 1 + 7
    assert oct(whole.stat().st_mode & 0o777) == oct(0o600)
    other = tmp_path / "other.sqlite3"
    ok(run_cli(other, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-09-28"))
    ok(run_cli(other, "import", str(whole)))
    again = tmp_path / "again.csv"
    ok(run_cli(other, "export", "--format", "csv", "-o", str(again)))
    assert again.read_bytes() == whole.read_bytes()


def test_json_export_imports_into_an_empty_journal_byte_for_byte(journal_file: Path, tmp_path: Path) -> None:
    semester(journal_file, tmp_path)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    ok(run_cli(journal_file, "export", "--format", "json", "-o", str(first)))
    fresh = tmp_path / "fresh.sqlite3"
    assert ok(run_cli(fresh, "import", str(first))).out == f"Imported 8 activities from {first}.\n"
    ok(run_cli(fresh, "export", "--format", "json", "-o", str(second)))
    assert second.read_bytes() == first.read_bytes()
    refused = run_cli(fresh, "import", str(first))
    assert refused.code == 2 and "empty journal" in refused.err
    assert_sentences(refused)


def test_export_into_a_place_that_cannot_be_written(journal_file: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run_cli(journal_file, "export", "--format", "json", "-o", str(tmp_path / "a-file" / "out.json"))
    assert result.code == 2 and "could not be written" in result.err
    assert_sentences(result)


# --- backup, check, restore ----------------------------------------------------------------


def test_backup_check_and_restore(journal_file: Path, tmp_path: Path) -> None:
    semester(journal_file, tmp_path)
    out = ok(run_cli(journal_file, "backup")).out
    backup = Path(out.split(" to ", 1)[1].rstrip(".\n"))
    assert backup.parent == tmp_path / "backups" and oct(backup.stat().st_mode & 0o777) == oct(0o600)
    chosen = tmp_path / "chosen.sqlite3"
    ok(run_cli(journal_file, "backup", "-o", str(chosen)))
    assert chosen.is_file()
    assert "passed SQLite's integrity check" in ok(run_cli(journal_file, "check")).out

    ok(run_cli(journal_file, "term", "add", "Later", "--start", "2030-01-01", "--end", "2030-01-31"))
    restored = ok(run_cli(journal_file, "restore", str(backup))).out
    assert restored.startswith(f"Restored {journal_file} from {backup}.")
    names = [t["name"] for t in json.loads(ok(run_cli(journal_file, "term", "list", "--json")).out)]
    assert names == ["Fall 2026"]


def test_check_names_a_damaged_journal_and_offers_a_backup(journal_file: Path, tmp_path: Path) -> None:
    semester(journal_file, tmp_path)
    backup = Path(ok(run_cli(journal_file, "backup")).out.split(" to ", 1)[1].rstrip(".\n"))
    data = bytearray(journal_file.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    journal_file.write_bytes(bytes(data))
    damaged = file_hash(journal_file)

    checked = run_cli(journal_file, "check")
    assert checked.code == 1 and "damaged" in checked.err and f"restore {backup}" in checked.err
    assert_sentences(checked)
    stats = run_cli(journal_file, "stats")
    assert stats.code == 1 and "damaged" in stats.err
    assert file_hash(journal_file) == damaged

    restored = ok(run_cli(journal_file, "restore", str(backup))).out
    assert "The damaged journal was kept as" in restored
    ok(run_cli(journal_file, "check"))


def test_check_of_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "absent.sqlite3", "check")
    assert result.code == 1 and "There is no journal" in result.err
    assert list(tmp_path.iterdir()) == []


# --- files that are not journals -------------------------------------------------------------


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(3000))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("Dear diary,\nnot a database.\n", encoding="utf-8")


def _other_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE activities (id INTEGER)")
        conn.commit()


NOT_JOURNALS = [_random, _empty, _text, _other_database]
COMMANDS = [
    ["term", "list"],
    ["term", "add", "X", "--start", "2026-01-01", "--end", "2026-01-02"],
    ["stats", "--json"],
    ["export", "--format", "json", "-o", "{tmp}/out.json"],
    ["export", "--format", "csv", "-o", "{tmp}/out.csv"],
    ["import", "{tmp}/in.csv"],
    ["backup"],
    ["check"],
]


@pytest.mark.parametrize("make", NOT_JOURNALS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_file_that_is_not_a_journal_is_exit_1_and_untouched(
    tmp_path: Path, make: Callable[[Path], None], command: list[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    make(path)
    (tmp_path / "in.csv").write_text("date,title\n2026-01-01,x\n", encoding="utf-8")
    before = file_hash(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli(path, *(arg.format(tmp=tmp_path) for arg in command))
    assert result.code == 1, result.err
    assert str(path) in result.err and "journal" in result.err
    assert_sentences(result)
    assert file_hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_a_file_that_is_not_a_journal_through_the_entry_point(tmp_path: Path) -> None:
    path = tmp_path / "thesis.docx"
    _random(path)
    before = file_hash(path)
    result = run_entry_point(path, "term", "list")
    assert result.code == 1 and result.out == ""
    assert result.err == f"The file {path} is not a journal (it is not a SQLite database).\n"
    assert file_hash(path) == before
