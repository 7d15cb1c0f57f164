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
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from journal.report.markdown_text import escape_inline, escape_paragraphs, finalize_markdown
from journal.storage.paths import APP_NAME


def templates_folder() -> Path:
    return Path(str(resources.files("resources").joinpath("templates")))


def html_paragraphs(text: str) -> Markup:
    """Multi-line user text as HTML paragraphs: blank lines part them, single newlines are line breaks."""
    normalized = str(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", normalized) if p.strip()]
    # every line is escaped before it is joined into markup
    lines = ("<br>".join(escape(line) for line in paragraph.split("\n")) for paragraph in paragraphs)
    return Markup("\n".join(f"<p>{text}</p>" for text in lines))


class _SparingBytecodeCache(FileSystemBytecodeCache):
    """Jinja2's file cache, except that a cache it cannot read or write only means compiling again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)  # a cache cleaner may have removed it
            super().dump_bytecode(bucket)
        except OSError:
            pass


@cache
def compiled_templates_cache(environment: str) -> BytecodeCache | None:
    """Where one environment's compiled templates are kept; None (compile every time) when no folder can be had."""
    import platformdirs

    fingerprint = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = platformdirs.user_cache_path(APP_NAME) / f"templates-{fingerprint}" / environment
    try:
        for level in (folder.parent.parent, folder.parent, folder):  # the app's own folders are the user's alone
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _SparingBytecodeCache(str(folder))


def _environment(name: str, **options: object) -> Environment:
    """A report environment over the templates folder: strict, trimmed, its compilations kept apart."""
    return Environment(
        loader=FileSystemLoader(templates_folder()),
        bytecode_cache=compiled_templates_cache(name),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,  # type: ignore[arg-type]
    )


@cache
def html_environment() -> Environment:
    env = _environment("html", autoescape=True)
    env.filters["paragraphs"] = html_paragraphs
    return env


@cache
def markdown_environment() -> Environment:
    env = _environment("md", autoescape=False, finalize=finalize_markdown, keep_trailing_newline=True)
    env.filters["md"] = escape_inline
    env.filters["md_paragraphs"] = escape_paragraphs
    return env
