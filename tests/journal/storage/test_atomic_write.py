"""Files the app writes replace the old one whole, or not at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from journal.storage.atomic_write import WriteFailed, write_bytes_atomically, write_text_atomically


def test_write_replaces_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_text_atomically(path, "first")
    write_text_atomically(path, "second \u00e9")
    assert path.read_text(encoding="utf-8") == "second \u00e9"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    (tmp_path / "dir-in-the-way").mkdir()
    with pytest.raises(WriteFailed, match="could not be written"):
        write_bytes_atomically(tmp_path / "dir-in-the-way", b"new")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir-in-the-way", "out.txt"]


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(WriteFailed):
        write_text_atomically(tmp_path / "file" / "out.txt", "x")
