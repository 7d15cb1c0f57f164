"""Loaded at start-up when this folder is on PYTHONPATH: every connection is written down and refused.

tests/safety/test_privacy.py runs the command line and the app with it; the
file named by NO_NETWORK_LOG must then hold only the line saying this module
was loaded.
"""

from __future__ import annotations

import os
import socket

_LOG = os.environ.get("NO_NETWORK_LOG", "")


def _record(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(what + "\n")


def _refuse(kind: str, address: object) -> OSError:
    _record(f"{kind} {address!r}")
    return OSError(f"network connections are refused in this test ({kind} to {address!r})")


_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


def _connect(self: socket.socket, address: object) -> None:
    raise _refuse("connect", address)


def _connect_ex(self: socket.socket, address: object) -> int:
    raise _refuse("connect_ex", address)


def _create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
    raise _refuse("create_connection", address)


socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
socket.create_connection = _create_connection  # type: ignore[assignment]
_record("loaded")
