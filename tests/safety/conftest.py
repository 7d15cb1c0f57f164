"""Prints what the safety tests did: kills run and what the checks after them found, hostile inputs tried."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.safety.crash_harness import TALLY
    from tests.safety.figures import FIGURES

    if FIGURES:
        terminalreporter.section("hostile inputs")
        for kind, number in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{kind}: {number} tried")
        terminalreporter.write_line(f"total: {sum(FIGURES.values())} hostile inputs tried")
    if not TALLY:
        return
    terminalreporter.section("crash kills")
    for name, record in TALLY.items():
        terminalreporter.write_line(
            f"{name}: {record.kills} kills in {record.trials} trials, {record.with_acks} after an acknowledged "
            f"write, {record.acks} acknowledgements checked, {len(record.problems)} problem(s) found"
        )
    kills = sum(r.kills for r in TALLY.values())
    found = sum(len(r.problems) for r in TALLY.values())
    terminalreporter.write_line(f"total: {kills} kills, {found} problem(s) found")
