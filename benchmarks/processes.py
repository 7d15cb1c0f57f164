"""Running a whole process and measuring it: wall-clock time and the child's own peak memory."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
ENTRY_POINT = VENV_BIN / "mutual-aid-journal"
PAINT_MARKER = "first-paint-seconds"
PEAK_MEMORY = Path(__file__).with_name("peak_memory.py")


@dataclass(frozen=True)
class ProcessRun:
    seconds: float  # from spawning to the marker line, or to exit when no marker is awaited
    peak_mib: float  # the command's own ru_maxrss
    code: int
    out: str
    err: str
    marked: bool  # the awaited marker line appeared


def run_process(
    argv: Sequence[str | Path], *, env: dict[str, str] | None = None, timeout: float = 120, marker: str | None = None
) -> ProcessRun:
    """Run ``argv`` to its end; with ``marker``, time it until a stdout line starting with the marker.

    The command is started through ``peak_memory.py`` (a few MiB, the same for
    every command measured), so that its peak memory is its own.
    """
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        run = _run([sys.executable, "-S", PEAK_MEMORY, peak_file, *argv], env, timeout, marker)
        peak_kib = int(peak_file.read_text() or 0) if peak_file.exists() else 0
    return replace(run, peak_mib=peak_kib / 1024)


def _run(argv: Sequence[str | Path], env: dict[str, str] | None, timeout: float, marker: str | None) -> ProcessRun:
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(a) for a in argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, close_fds=True
    )
    assert child.stdout is not None and child.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ, "out")
    selector.register(child.stderr, selectors.EVENT_READ, "err")
    buffers = {"out": bytearray(), "err": bytearray()}
    marked_at: float | None = None
    deadline = started + timeout
    open_streams = 2
    while open_streams:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            child.kill()
            break
        for key, _ in selector.select(remaining):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            buffers[key.data] += chunk
            awaited = marker is not None and marked_at is None and key.data == "out"
            if awaited and any(line.startswith(marker.encode()) for line in buffers["out"].splitlines()):
                marked_at = time.perf_counter()
    selector.close()
    code = child.wait()
    ended = time.perf_counter()
    child.stdout.close()
    child.stderr.close()
    return ProcessRun(
        seconds=(marked_at if marked_at is not None else ended) - started,
        peak_mib=0.0,
        code=code,
        out=buffers["out"].decode(errors="replace"),
        err=buffers["err"].decode(errors="replace"),
        marked=marked_at is not None,
    )


def why_it_failed(run: ProcessRun) -> str:
    """The exit code and the first line of what the process said, for a "not available" note."""
    lines = [line.strip() for line in (run.err or run.out).splitlines() if line.strip()]
    said = lines[0][:120] if lines else "no output"
    if run.code > 128:  # peak_memory.py exits with a signal's negative number, which reads as 256 - signal
        return f"crashed (signal {256 - run.code}): {said}"
    return f"exit {run.code}: {said}"


def bench_environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("MUTUAL_AID_JOURNAL", None)
    env.update(extra)
    return env
