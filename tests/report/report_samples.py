"""Journals for the report tests, and each export read back as plain text.

The "sensitive" journal is the demo semester plus a private activity whose
every field is a word that appears nowhere else, and an activity whose title is
a script tag and whose organisation is full of Markdown and HTML markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from journal.demo import fill_demo_journal
from journal.records.activities import add_activity
from journal.records.terms import TermInfo, add_term
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal

SCRIPT_TITLE = "<script>alert(1)</script>"
MARKUP_ORGANISATION = "*Bold* _org_ | pipe # [link](x) <b>x</b> & co"
MARKUP_DESCRIPTION = "# Not a heading\n- not a list\n1. not numbered\n> not a quote\n`code` ![img](y) <i>tag</i>"
PRIVATE = {
    "title": "Zebulon kitchen confidences",
    "organization": "Quillfeather Shelter",
    "role": "Confidant Xanthe",
    "description": "Wilhelmina told me about the eviction notice.",
    "tags": "hushhush",
}
PRIVATE_WORDS = ("Zebulon", "Quillfeather", "Xanthe", "Wilhelmina", "hushhush")


def add(journal: Journal, **fields: object) -> None:
    add_activity(journal, check_activity(dict(fields), journal.framework))


def make_sensitive_journal(path: Path) -> tuple[Journal, TermInfo]:
    journal = Journal.open(path)
    term = fill_demo_journal(journal)
    week_three = term.start + timedelta(days=15)
    add(journal, date=week_three.isoformat(), hours="2", criteria="radical.reciprocal-roles;charity.dependency",
        private=True, **PRIVATE)  # fmt: skip
    add(journal, date=week_three.isoformat(), title=SCRIPT_TITLE, organization=MARKUP_ORGANISATION,
        role="<b>role</b>", hours="1.25", description=MARKUP_DESCRIPTION, tags="markup",
        criteria="contributory.skills")  # fmt: skip
    return journal, term


def make_empty_term(journal: Journal) -> TermInfo:
    from datetime import date

    return add_term(journal, "Empty spring", date(2031, 1, 6), date(2031, 4, 27))


def normalise(text: str) -> str:
    """NFKC (the PDF's ligatures back to letters) and every run of whitespace as one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path, running_header: str) -> str:
    """The PDF's text without its page furniture (running header, page numbers), which a page
    break would otherwise drop into the middle of a paragraph."""
    from pypdf import PdfReader

    text = normalise(" ".join(page.extract_text() for page in PdfReader(path).pages))
    return re.sub(rf"(?:{re.escape(running_header)} ?)?Page \d+ of \d+ ?", "", text).strip()


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return normalise("\n".join(parts))


def running_header(journal: Journal, term: TermInfo) -> str:
    from journal.records.profile import get_profile

    return normalise(f"Semester reflection report · {term.name} {get_profile(journal).student_name}")


@dataclass
class Exports:
    folder: Path
    pdf: str
    html: str
    md: str
    docx: str

    def all_formats(self) -> dict[str, str]:
        return {"pdf": self.pdf, "html": self.html, "md": self.md, "docx": self.docx}


def export_all(journal: Journal, term: TermInfo, folder: Path) -> Exports:
    from ui.report.report_export import export_report

    folder.mkdir(parents=True, exist_ok=True)
    for fmt in ("pdf", "html", "md", "docx"):
        export_report(journal, term, fmt, folder / f"report.{fmt}")
    return Exports(
        folder,
        pdf=pdf_text(folder / "report.pdf", running_header(journal, term)),
        html=(folder / "report.html").read_text(encoding="utf-8"),
        md=(folder / "report.md").read_text(encoding="utf-8"),
        docx=docx_text(folder / "report.docx"),
    )


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page, read by PDFium (pypdf takes about ten seconds over a hundred pages)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
