"""Markdown escaping: whatever a student types renders as exactly those characters, and never as markup."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.report.markdown_text import escape_inline, escape_paragraphs

RENDERER = MarkdownIt("commonmark").enable("table")


def rendered_paragraph(markdown: str) -> str:
    out = RENDERER.render(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    return html.unescape(out[3:-4])


def test_each_markup_character_prints_as_itself() -> None:
    for text in ("*a*", "_a_", "**b**", "`c`", "[l](u)", "![i](u)", "<b>x</b>", "a | b", "~~s~~", "&amp;", "a\\b"):
        assert rendered_paragraph(escape_inline(text)) == text


def test_block_starts_stay_text() -> None:
    for text in ("# h", "## h", "- item", "+ item", "* item", "1. one", "3) three", "> quote", "=====", "---", "***"):
        assert rendered_paragraph(escape_inline(text)) == text


def test_newlines_in_inline_text_become_spaces() -> None:
    assert escape_inline("one\ntwo\r\nthree") == "one two three"


def test_paragraphs_keep_breaks_and_stay_inside_a_quote() -> None:
    text = "first line\nsecond *line*\n\n# new paragraph"
    out = RENDERER.render(escape_paragraphs(text))
    assert out == "<p>first line<br />\nsecond *line*</p>\n<p># new paragraph</p>\n"
    quoted = RENDERER.render("> **What?**\n>\n" + str(escape_paragraphs(text, "> ")))
    assert quoted.startswith("<blockquote>") and quoted.rstrip().endswith("</blockquote>")
    assert quoted.count("<blockquote>") == 1 and "# new paragraph" in quoted


def test_a_table_cell_keeps_its_pipe() -> None:
    table = f"| a | b |\n|--|--|\n| {escape_inline('x | y')} | z |\n"
    out = RENDERER.render(table)
    assert "<td>x | y</td>" in out and out.count("<td>") == 2


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_line_renders_as_its_own_text(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    markdown = escape_inline(text)
    out = RENDERER.render(markdown).strip()
    assert "<" not in html.unescape(out.removeprefix("<p>").removesuffix("</p>")) or "<" in expected
    assert html.unescape(out.removeprefix("<p>").removesuffix("</p>")) == expected
