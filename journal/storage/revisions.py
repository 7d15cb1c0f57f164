"""The journal's schema revisions: the migrations folder, the newest revision, and every one this version knows.

Both opening a journal (storage) and restoring a backup (backups) ask which
revisions this version can read; here, so neither has to import the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest schema revision, which this version writes. A journal already at it
# opens without Alembic, whose import and script reading cost a noticeable part of
# every start; a test checks that this names Alembic's head.
SCHEMA_HEAD = "0007"


def alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every schema revision this version of the app knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    return known_revisions()[-1]
