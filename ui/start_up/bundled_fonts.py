"""The fonts shipped in resources/fonts, so every student's script prints, whatever the system has.

A fresh Linux machine may have only DejaVu, which has no Thai, Devanagari,
Hangul or emoji: those characters printed as empty boxes or black bars. The
shipped faces are registered with Qt's font database and named after the main
faces in every font list the report uses, so Qt picks, character by character,
the first face in the list that has a glyph.

Qt also writes a note to stderr for every font it tries and finds without
the shaping tables for a script ("OpenType support missing for ..."), about 150
lines for one report. ``quiet_font_chatter`` turns off those font categories
only; every other warning still shows.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFontDatabase

import resources

FONT_FOLDER = Path(resources.__file__).parent / "fonts"

# After the main text face, in this order: the scripts first, emoji last, so a character that a
# script face and the emoji face both have (digits, punctuation) takes the script face's shape.
FALLBACK_FAMILIES = (
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "Noto Sans Arabic",
    "Noto Sans CJK KR Hangul",
    "Noto Emoji",
)

# Qt's categories for font lookup and shaping. "OpenType support missing" is an info message of
# qt.text.font.db; both levels are notes about the system's fonts, never about the document.
FONT_CHATTER_RULES = (
    "qt.text.font.*.info=false",
    "qt.text.font.*.warning=false",
    "qt.qpa.fonts.info=false",
    "qt.qpa.fonts.warning=false",
)

_registered: dict[Path, int] = {}  # a font file, once added, stays in Qt's database for the process


def register_bundled_fonts() -> tuple[str, ...]:
    """Add every shipped font to Qt's database (once per process); the families they bring.

    Needs a QGuiApplication. A file Qt cannot read is skipped: the report then
    falls back to the system's fonts, as before, rather than failing.
    """
    families: list[str] = []
    for path in sorted(FONT_FOLDER.glob("*.[ot]tf")):
        font_id = _registered.get(path)
        if font_id is None:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                continue
            _registered[path] = font_id
        families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return tuple(families)


def with_fallbacks(*families: str) -> list[str]:
    """A font list for QFont.setFamilies: the faces asked for, then the shipped ones for other scripts."""
    return [*families, *(f for f in FALLBACK_FAMILIES if f not in families)]


def quiet_font_chatter() -> None:
    """Turn off Qt's font notes and warnings in this process; QT_LOGGING_RULES still wins, to debug fonts."""
    rules = list(FONT_CHATTER_RULES)
    # Rules set here would override the environment's; repeating those after ours keeps them in force.
    rules.extend(rule.strip() for rule in os.environ.get("QT_LOGGING_RULES", "").split(";") if rule.strip())
    QLoggingCategory.setFilterRules("\n".join(rules))


def prepare_fonts() -> tuple[str, ...]:
    """Everything a process that draws text needs: the chatter off, the shipped fonts in."""
    quiet_font_chatter()
    return register_bundled_fonts()
