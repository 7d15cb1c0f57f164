"""Where the journal lives: --journal, then MUTUAL_AID_JOURNAL, then the per-user data folder."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from journal import cli
from journal.storage.paths import ENVIRONMENT_VARIABLE, default_journal_path, journal_path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    return tmp_path


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG data folder is the Linux rule")
def test_default_path_is_in_the_user_data_folder(home: Path) -> None:
    assert default_journal_path() == home / "data" / "mutual-aid-journal" / "journal.sqlite3"
    assert journal_path() == default_journal_path()
    assert journal_path("") == default_journal_path()


def test_environment_variable_then_option(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(home / "env.sqlite3"))
    assert journal_path() == home / "env.sqlite3"
    assert journal_path(home / "option.sqlite3") == home / "option.sqlite3"
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "   ")
    assert journal_path() == default_journal_path()


def test_tilde_is_expanded(home: Path) -> None:
    assert journal_path("~/j.sqlite3") == home / "home" / "j.sqlite3"


def _term_add(*journal_option: str) -> int:
    return cli.main(
        [*journal_option, "term", "add", "T", "--start", "2026-01-01", "--end", "2026-01-31"],
        cli.Exporters(out=io.StringIO()),
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG data folder is the Linux rule")
def test_the_command_line_follows_the_same_order(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _term_add() == 0
    assert (home / "data" / "mutual-aid-journal" / "journal.sqlite3").is_file()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(home / "from-env" / "j.sqlite3"))
    assert _term_add() == 0
    assert (home / "from-env" / "j.sqlite3").is_file()
    assert _term_add("--journal", str(home / "from-option.sqlite3")) == 0
    assert (home / "from-option.sqlite3").is_file()
    assert not (home / "home").exists()
