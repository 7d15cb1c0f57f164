"""The four report files, read back: what they hold, what they must never hold, and an empty term."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from journal.records.framework import load_framework
from journal.records.reflections import closing_reflection, weekly_reflections
from journal.records.terms import TermInfo
from journal.scoring.explain import SCORING_IN_WORDS
from journal.storage.journal_file import Journal
from tests.report.report_samples import (
    MARKUP_ORGANISATION,
    PRIVATE,
    PRIVATE_WORDS,
    SCRIPT_TITLE,
    Exports,
    normalise,
)

DEMO_TITLES = ("Sorting cans at the food bank", "Coat drive at the student union", "Rent strike vote")


def public_titles(journal: Journal, term: TermInfo) -> list[str]:
    from journal.search.activity_query import ActivityQuery, find_activities

    records = find_activities(journal, ActivityQuery(start=term.start, end=term.end))
    return [r.title for r in records if not r.private]


def reflection_texts(journal: Journal, term: TermInfo) -> list[str]:
    texts = [t for w in weekly_reflections(journal, term).values() for t in (w.what, w.so_what, w.now_what) if t]
    return [*texts, *closing_reflection(journal, term).essay.split("\n\n")]


def appendix_texts() -> list[str]:
    framework = load_framework()
    return [
        "Appendix",
        "A. The framework",
        "B. How the numbers are made",
        "C. Sources",
        SCORING_IN_WORDS,
        *(c.statement for c in framework.criteria),
        *(m.summary for m in framework.models),
        *framework.sources,
    ]


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_holds_the_title_block_titles_reflections_and_appendix(
    sensitive: tuple[Journal, TermInfo, Exports],
) -> None:
    journal, term, exports = sensitive
    text = exports.pdf
    for expected in ("Semester reflection report", term.name, "Sam Rivera", "SOC 215: Mutual Aid and Social Justice",
                     "Dr. A. Okafor", "Report made"):  # fmt: skip
        assert expected in text
    for title in public_titles(journal, term):
        assert normalise(title) in text, title
    for reflection in reflection_texts(journal, term):
        assert normalise(reflection) in text, reflection
    for expected in appendix_texts():
        assert normalise(expected) in text, expected
    assert "Intended direction on the spectrum: Toward radical solidarity" in text


def test_pdf_pages_are_numbered_with_a_running_header(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, term, exports = sensitive
    pages = PdfReader(exports.folder / "report.pdf").pages
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        text = normalise(page.extract_text())
        assert f"Page {number} of {len(pages)}" in text
        assert (f"Semester reflection report · {term.name}" in text) == (number > 1)
    assert PdfReader(exports.folder / "report.pdf").metadata.title == f"Semester reflection report: {term.name}"


def test_pdf_paper_follows_the_choice(tmp_path: Path, sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    from PySide6.QtGui import QPageSize

    from ui.report.report_export import export_report

    journal, term, _ = sensitive
    export_report(journal, term, "pdf", tmp_path / "letter.pdf", page_size=QPageSize.PageSizeId.Letter)
    box = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = PdfReader(sensitive[2].folder / "report.pdf").pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) in {(595, 842), (612, 792)}


# --- HTML ------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def test_html_is_one_self_contained_file_without_script(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    journal, term, exports = sensitive
    page = parse(exports.html)
    assert "script" not in page.tags
    assert not {"link", "iframe", "object", "embed", "base", "form"} & set(page.tags)
    assert not any(name.startswith("on") for name, _ in page.attributes)
    references = [value for name, value in page.attributes if name in {"src", "href", "srcset", "action", "data"}]
    assert references and all(value.startswith("data:image/") for value in references)
    without_data = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", exports.html)
    for marker in ("http:", "https:", "//", "url(", "@import"):
        assert marker not in without_data, marker
    text = normalise(" ".join(page.text))
    for title in public_titles(journal, term):
        assert normalise(title) in text
    for reflection in reflection_texts(journal, term):
        assert normalise(reflection) in text


def test_html_prints_user_markup_as_text(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, _, exports = sensitive
    page = parse(exports.html)
    text = " ".join(page.text)
    assert SCRIPT_TITLE in text
    assert MARKUP_ORGANISATION in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in exports.html
    assert "<b>x</b>" not in exports.html and "<b>role</b>" not in exports.html


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_links_its_chart_beside_it(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, _, exports = sensitive
    links = re.findall(r"!\[[^\n]*?\]\(([^)]+)\)", exports.md)
    assert links == ["report-chart.svg"]
    chart = ET.parse(exports.folder / links[0]).getroot()
    assert chart.tag == "{http://www.w3.org/2000/svg}svg"
    assert any(e.get("class") == "weekly-point" for e in chart.iter()), "the chart with its weekly points"


def test_markdown_renders_user_text_as_text(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    journal, term, exports = sensitive
    rendered = MarkdownIt("commonmark").enable("table").render(exports.md)
    assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "*Bold* _org_ | pipe # [link](x) &lt;b&gt;x&lt;/b&gt; &amp; co" in rendered
    assert rendered.count("<img") == 1  # the chart; the description's ![img](y) stays text
    headings = re.findall(r"<h(\d)>(.*?)</h\1>", rendered)
    assert ("4", "&lt;script&gt;alert(1)&lt;/script&gt;") in headings
    assert not any("Not a heading" in h for _, h in headings)
    text = normalise(re.sub(r"<[^>]+>", " ", rendered).replace("&quot;", '"').replace("&amp;", "&"))
    for title in public_titles(journal, term):
        assert normalise(title.replace("<", "&lt;").replace(">", "&gt;")) in text
    for reflection in reflection_texts(journal, term):
        assert normalise(reflection) in text


def test_markdown_tables_keep_their_columns(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, _, exports = sensitive
    rendered = MarkdownIt("commonmark").enable("table").render(exports.md)
    for table in re.findall(r"<table>.*?</table>", rendered, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
        assert len(widths) == 1, table[:200]


# --- DOCX ------------------------------------------------------------------------------------


def test_docx_has_headings_tables_the_chart_and_the_same_text(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    journal, term, exports = sensitive
    document = docx.Document(str(exports.folder / "report.docx"))
    assert len(document.inline_shapes) == 1
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= styles
    assert len(document.tables) >= 5
    text = exports.docx
    for title in public_titles(journal, term):
        assert normalise(title) in text
    for reflection in reflection_texts(journal, term):
        assert normalise(reflection) in text
    for expected in appendix_texts():
        assert normalise(expected) in text, expected
    assert SCRIPT_TITLE in text


def test_docx_style_ids_match_the_template() -> None:
    from journal.report.docx_report import STYLE_IDS

    template = docx.Document()
    for name, style_id in STYLE_IDS.items():
        assert template.styles[name].style_id == style_id


# --- every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_private_activity_leaks_nothing(fmt: str, sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, _, exports = sensitive
    text = exports.all_formats()[fmt]
    for word in PRIVATE_WORDS:
        assert word not in text
    assert PRIVATE["title"] not in text
    assert "Private activity" in text
    if fmt == "md":
        assert not any(word.encode() in (exports.folder / "report-chart.svg").read_bytes() for word in PRIVATE_WORDS)
    if fmt == "html":  # the chart is inlined as base64: look inside it too
        svg = base64.b64decode(re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", text)[0]).decode()
        assert "<svg" in svg and not any(word in svg for word in PRIVATE_WORDS)


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_script_title_prints_as_characters(fmt: str, sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, _, exports = sensitive
    text = exports.all_formats()[fmt]
    if fmt == "html":
        text = " ".join(parse(text).text)
    elif fmt == "md":
        text = MarkdownIt("commonmark").render(text).replace("&lt;", "<").replace("&gt;", ">")
    assert SCRIPT_TITLE in text


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_an_empty_term_gives_a_report_that_says_so(fmt: str, empty: tuple[Journal, TermInfo, Exports]) -> None:
    _, term, exports = empty
    text = exports.all_formats()[fmt]
    if fmt == "html":
        text = normalise(" ".join(parse(text).text))
    elif fmt == "md":
        text = normalise(re.sub(r"<[^>]+>", " ", MarkdownIt("commonmark").render(text)).replace("&amp;", "&"))
    assert term.name in text
    assert "No activities were logged in this term" in text
    assert "Nothing was logged and no reflection was written in any week of this term." in text
    assert "The closing reflection has not been written yet." in text
    assert "Mould, O., Cole, J., Badger, A. & Brown, P. (2022)" in text
    assert not (exports.folder / "report-chart.svg").exists()
    assert "<img" not in exports.html
    assert len(docx.Document(str(exports.folder / "report.docx")).inline_shapes) == 0


def test_reports_are_written_in_place_with_no_temporary_files_left(
    sensitive: tuple[Journal, TermInfo, Exports],
) -> None:
    _, _, exports = sensitive
    names = sorted(p.name for p in exports.folder.iterdir())
    assert names == ["report-chart.svg", "report.docx", "report.html", "report.md", "report.pdf"]


def test_paper_follows_the_locale() -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from ui.report.page_size import page_size_for_locale

    assert page_size_for_locale(QLocale("en_US")) == QPageSize.PageSizeId.Letter
    assert page_size_for_locale(QLocale("en_CA")) == QPageSize.PageSizeId.Letter
    assert page_size_for_locale(QLocale("en_GB")) == QPageSize.PageSizeId.A4
    assert page_size_for_locale(QLocale("de_DE")) == QPageSize.PageSizeId.A4


def test_no_line_is_printed_twice_at_a_page_break(sensitive: tuple[Journal, TermInfo, Exports]) -> None:
    _, term, exports = sensitive
    furniture = re.compile(rf"^(Page \d+ of \d+|Semester reflection report · {re.escape(term.name)}|Sam Rivera)$")
    pages = [
        [line for line in (normalise(x) for x in page.extract_text().split("\n")) if line and not furniture.match(line)]
        for page in PdfReader(exports.folder / "report.pdf").pages
    ]
    for before, after in pairwise(pages):
        assert before[-1] not in after[:3], before[-1]
