"""The Jinja2 environments of the report: HTML with autoescape, Markdown with its own escaping.

Templates live in ``resources/templates``. In both environments user text is
escaped by default (autoescape for HTML, a finalize hook for Markdown), so a
template that forgets a filter still prints a ``<script>`` title as text.

Compiled templates are kept in the user's cache folder between runs, as Python
keeps its .pyc files: compiling the report's templates took longer than
rendering them. Jinja2 checks each against its template's source; the folder's
name also changes with this file and Jinja2's version, so a change to the
environments' options never meets an old compilation.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from journal.paths import APP_NAME
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
def compiled_templates_cache() -> BytecodeCache | None:
    """Where compiled templates are kept; None (compile every time) when that folder cannot be made."""
    import platformdirs

    fingerprint = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = platformdirs.user_cache_path(APP_NAME) / f"templates-{fingerprint}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@cache
def html_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_folder()),
        bytecode_cache=compiled_templates_cache(),
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
        bytecode_cache=compiled_templates_cache(),
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
