"""Escaping user text for Markdown, so that what a student typed prints as typed.

Markdown has no autoescape, so every character that could start markup is
backslash-escaped: emphasis, links, images, code, raw HTML (``<``), tables
(``|``), headings, lists and block quotes. CommonMark renders ``\\X`` as X for
any ASCII punctuation X, so the escapes never show in the rendered page.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Characters that can open markup anywhere in a line.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&#])")
# What can open a block at the start of a line ('#' and '>' are escaped everywhere already):
# a bullet ("- ", "+ "), a setext underline or thematic break (a line of only '-' or '='),
# an ordered-list number ("1. ", "3)"). "+68.9" or "73.5" open nothing and stay as they are.
_BULLET = re.compile(r"^([-+])(?=\s|$)")
_RULE = re.compile(r"^([-=])(?=[-=\s]*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_line(text: str) -> str:
    """One line of user text, safe anywhere inline in Markdown (leading spaces would make code)."""
    line = _ANYWHERE.sub(r"\\\1", text.strip())
    line = _BULLET.sub(r"\\\1", line)
    line = _RULE.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def escape_inline(text: str) -> Markup:
    """User text on one line (a title, a table cell): newlines become spaces."""
    return Markup(escape_line(" ".join(str(text).split())))


def escape_paragraphs(text: str, prefix: str = "") -> Markup:
    """Multi-line user text as Markdown paragraphs: blank lines part them, single newlines stay line breaks.

    ``prefix`` is put before every line, e.g. "> " to keep the text inside a block quote.
    """
    normalized = str(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", normalized) if p.strip()]
    blocks = []
    for paragraph in paragraphs:
        lines = [escape_line(line) for line in paragraph.split("\n") if line.strip()]
        # A trailing backslash is CommonMark's hard line break; editors keep it, unlike two spaces.
        blocks.append("\\\n".join(prefix + line for line in lines))
    separator = "\n" + prefix.rstrip() + "\n"
    return Markup(separator.join(blocks))


def finalize_markdown(value: object) -> object:
    """Jinja's finalize hook: any plain string printed by a template is escaped unless already Markup."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_inline(value)
    return value
