"""The cyclic garbage collector held off while the app starts, and back on once it has.

Start-up builds many long-lived objects (SQLAlchemy's and Qt's types), which the
collector would scan again and again for nothing; holding it off until the first
paint or the start of a command is worth some 60 ms of a start.
"""

from __future__ import annotations

import gc


def hold_off() -> None:
    gc.disable()


def resume() -> None:
    """Keep what start-up made out of future collections, then let the collector run as usual (once)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
