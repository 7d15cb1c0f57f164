"""Fixtures of the report tests: the sensitive journal and an empty term, each exported once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from journal.records.terms import TermInfo
from journal.storage.journal_file import Journal
from tests.report.report_samples import Exports, export_all, make_empty_term, make_sensitive_journal


@pytest.fixture(scope="module")
def sensitive(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[tuple[Journal, TermInfo, Exports]]:
    """The sensitive journal and its report in all four formats, made once per test module."""
    folder = tmp_path_factory.mktemp("sensitive")
    journal, term = make_sensitive_journal(folder / "j.sqlite3")
    try:
        yield journal, term, export_all(journal, term, folder / "out")
    finally:
        journal.close()


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[tuple[Journal, TermInfo, Exports]]:
    folder = tmp_path_factory.mktemp("empty")
    journal = Journal.open(folder / "j.sqlite3")
    term = make_empty_term(journal)
    try:
        yield journal, term, export_all(journal, term, folder / "out")
    finally:
        journal.close()
