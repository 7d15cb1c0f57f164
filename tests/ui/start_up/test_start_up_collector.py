"""The garbage collector held off during start-up is back on after the launcher returns, whatever happened."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ui.launcher import main


@pytest.mark.parametrize(
    "args",
    [
        ["term", "list"],  # a command that runs
        ["no-such-command"],  # a usage error
        ["--help"],
    ],
)
def test_the_collector_runs_again_after_the_launcher_returns(tmp_path: Path, args: list[str]) -> None:
    assert gc.isenabled()
    main(["--journal", str(tmp_path / "j.sqlite3"), *args])
    assert gc.isenabled()
