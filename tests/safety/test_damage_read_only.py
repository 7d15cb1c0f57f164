"""A journal that cannot be written (made immutable with ``chattr +i``): every read works, every write says read-only.

Where the file system has no immutable flag (or the tests do not run as root),
a read-only file stands in for it; as root, a read-only file can still be
written, so there the test needs the real flag.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import file_hash, run_cli
from tests.safety.damage import journal_with_backup


@pytest.fixture
def unwritable(journal_file: Path) -> Iterator[Path]:
    journal_with_backup(journal_file)
    made = subprocess.run(["chattr", "+i", str(journal_file)], capture_output=True, check=False)
    if made.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip(f"chattr +i is not supported here and root ignores file modes: {made.stderr!r}")
        journal_file.chmod(0o400)
    try:
        yield journal_file
    finally:
        subprocess.run(["chattr", "-i", str(journal_file)], capture_output=True, check=False)
        journal_file.chmod(0o600)


@pytest.mark.parametrize(
    "command", [["term", "list"], ["stats"], ["check"], ["export", "--format", "csv", "-o", "{out}"]]
)
def test_reads_work(unwritable: Path, tmp_path: Path, command: list[str]) -> None:
    before = file_hash(unwritable)
    result = run_cli(unwritable, *(part.format(out=tmp_path / "out.csv") for part in command))
    assert result.code == 0, result.err
    assert file_hash(unwritable) == before


def test_a_backup_of_it_can_be_made(unwritable: Path) -> None:
    result = run_cli(unwritable, "backup")
    assert result.code == 0, result.err


def test_a_write_says_read_only(unwritable: Path, tmp_path: Path) -> None:
    before = file_hash(unwritable)
    result = run_cli(unwritable, "term", "add", "Summer", "--start", "2027-06-01", "--end", "2027-08-01")
    assert result.code == 1
    assert "is read-only, so changes could not be saved" in result.err
    assert "damaged" not in result.err
    assert file_hash(unwritable) == before


def test_the_app_opens_it_and_says_it_is_read_only(unwritable: Path, qapp: object) -> None:
    from ui.start_up.app import AppController, application

    controller = AppController(application(), unwritable)
    assert controller.open() is True
    assert controller.window is not None
    assert "is read-only" in controller.window.statusBar().currentMessage()
    controller.window.close()
    controller.release()
