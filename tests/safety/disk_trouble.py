"""Real full disks and read-only folders for tests: a small tmpfs, a filler file, chattr +i, a read-only bind mount.

Root ignores permission bits, so ``chmod 0500`` does not make a folder
read-only for root; ``chattr +i`` does (no entry can be added or removed, as
with a 0500 folder) and a read-only bind mount makes every write fail with
EROFS. Each helper skips the test, saying why, where the machine does not allow it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(list(command), capture_output=True, text=True, timeout=30)
    except FileNotFoundError as exc:
        return subprocess.CompletedProcess(list(command), 127, "", str(exc))


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "6m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` for the block: a disk that can really fill up."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a small tmpfs, and mounting one needs root")
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if done.returncode:
        pytest.skip(f"mounting a small tmpfs is not permitted here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the disk holding ``folder`` is full; delete it to free the space."""
    filler = folder / "filler.bin"
    block = b"\0" * 65536
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        while True:
            try:
                os.write(fd, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only_folder(folder: Path, *, with_files: bool = False) -> Iterator[Path]:
    """No file can be created in or removed from ``folder`` for the block.

    ``with_files`` also locks the files already there, so that even a program
    that opened them before (the app holding its journal) can no longer write.
    SQLite's ``-shm`` index is left alone: it is shared memory, mapped into the
    program, and the kernel answers a write to a locked mapping with SIGBUS,
    which no read-only folder ever does.
    """
    if os.geteuid() != 0:
        if with_files:
            pytest.skip("permission bits are checked when a file is opened; locking open files needs chattr (root)")
        folder.chmod(0o500)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
        return
    files = [p for p in sorted(folder.iterdir()) if not p.name.endswith("-shm")] if with_files else []
    locked = [*files, folder]
    done = _run("chattr", "+i", *map(str, locked))
    if done.returncode:
        _run("chattr", "-i", *map(str, locked))
        pytest.skip(f"root ignores chmod, and chattr +i is not available here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        _run("chattr", "-i", *map(str, locked))


@contextlib.contextmanager
def read_only_mount(folder: Path) -> Iterator[Path]:
    """``folder`` bind-mounted read-only onto itself: every write in it fails with EROFS, as on a locked drive."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    done = _run("mount", "--bind", str(folder), str(folder))
    if done.returncode:
        pytest.skip(f"bind mounts are not permitted here ({done.stderr.strip()})")
    try:
        done = _run("mount", "-o", "remount,bind,ro", str(folder))
        if done.returncode:
            pytest.skip(f"remounting read-only is not permitted here ({done.stderr.strip()})")
        yield folder
    finally:
        _run("umount", "-l", str(folder))
