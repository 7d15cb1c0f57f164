"""The Jinja2 environments of the report: HTML with autoescape, Markdown with its own escaping.

Templates live in ``resources/templates``. In both environments user text is
escaped by default (autoescape for HTML, a finalize hook for Markdown), so a
template that forgets a filter still prints a ``<script>`` title as text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from journal.report.markdown_text import escape_inline, escape_paragraphs, finalize_markdown


def templates_folder() -> Path:
    return Path(str(resources.files("resources").joinpath("templates")))


def html_paragraphs(text: str) -> Markup:
    """Multi-line user text as HTML paragraphs: blank lines part them, single newlines are line breaks."""
    normalized = str(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", normalized) if p.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in paragraph.split("\n")))
        for paragraph in paragraphs
    )


@cache
def html_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_folder()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = html_paragraphs
    return env


@cache
def markdown_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_folder()),
        autoescape=False,
        finalize=finalize_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_inline
    env.filters["md_paragraphs"] = escape_paragraphs
    return env
