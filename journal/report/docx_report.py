"""The report as a Word document (python-docx): real headings, tables and the chart, so an instructor can comment.

Word's own styles are used (Title, Heading 1-3, List Bullet, Quote, Caption) so
the navigation pane shows the report's outline and the instructor's template
restyles it cleanly. Text goes into runs, never parsed, so user text prints as typed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from journal.report.chart_image import ChartImage
from journal.report.report_data import ReportActivity, ReportData, ReportWeek

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
GREY = RGBColor(0x5B, 0x64, 0x70)
ACCENT = RGBColor(0x2D, 0x4F, 0x6C)
MODEL_COLOURS = {
    "charity": RGBColor(0x8A, 0x45, 0x00),
    "contributory": RGBColor(0x1F, 0x4E, 0x79),
    "radical": RGBColor(0x1D, 0x5E, 0x33),
}
# The ids of the styles used, in python-docx's default template (a test checks them against it).
STYLE_IDS = {
    "Title": "Title",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Heading 3": "Heading3",
    "Caption": "Caption",
    "Quote": "Quote",
    "List Bullet": "ListBullet",
    "List Number": "ListNumber",
}
# Characters XML 1.0 cannot hold; a stray one in user text would make Word refuse the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


class _Body:
    """The document as the report writes it: paragraphs and tables appended to its end.

    python-docx's own ``add_paragraph`` and ``add_table`` find the end of the body
    by looking for its section properties from the first paragraph on, so each
    costs as much as the body is long and a report of many activities cost the
    square of their number. Here each new block goes straight in front of them.
    The elements made are the ones python-docx makes.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles = document.styles
        self.sections = document.sections
        self._container = document._body
        body = document.element.body
        end = body.sectPr
        self._append = end.addprevious if end is not None else body.append

    def add_paragraph(self, text: str = "") -> Any:
        paragraph = Paragraph(OxmlElement("w:p"), self._container)
        self._append(paragraph._p)
        if text:
            _add_run(paragraph, text)
        return paragraph

    def add_table(self, rows: int, cols: int) -> Any:
        tbl = CT_Tbl.new_tbl(rows, cols, self.document._block_width)
        self._append(tbl)
        table = Table(tbl, self._container)
        table.style = None
        return table

    def add_picture(self, stream: io.BytesIO, width: Any) -> tuple[Any, Any]:
        """The picture in a paragraph of its own: the shape and that paragraph."""
        paragraph = self.add_paragraph()
        return paragraph.add_run().add_picture(stream, width), paragraph


def _add_run(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)``, without its character-by-character walk when nothing needs one.

    python-docx turns each tab and line break into an element of its own, so
    text holding one still goes its way.
    """
    if "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    r = paragraph._p.add_r()
    if text:
        r.add_t(text)
    return Run(r, paragraph)


def docx_bytes(report: ReportData, chart: ChartImage | None, *, page: str = "A4") -> bytes:
    document = _Body(Document())
    _set_up_page(document, page)
    _set_up_styles(document)
    _running_header_and_footer(document, report)
    _title_block(document, report)
    _summary(document, report, chart)
    _shares_and_criteria(document, report)
    _weeks(document, report)
    _closing(document, report)
    _appendix(document, report)
    buffer = io.BytesIO()
    document.document.save(buffer)
    return buffer.getvalue()


def _add(document: Any, text: str = "", style: str | None = None) -> Any:
    """A paragraph in one of python-docx's built-in styles, set by id.

    python-docx resolves a style name by scanning every style, which made a
    200-activity report take seconds; the ids of its template are fixed.
    """
    paragraph = document.add_paragraph(clean(text))
    if style is not None:
        paragraph._p.style = STYLE_IDS[style]
    return paragraph


def _heading(document: Any, text: str, level: int) -> Any:
    return _add(document, text, "Title" if level == 0 else f"Heading {level}")


def _set_up_page(document: Any, page: str) -> None:
    width, height = PAGE_SIZES_MM.get(page, PAGE_SIZES_MM["A4"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def _set_up_styles(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].paragraph_format.keep_with_next = True


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    run = paragraph.add_run()
    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _page_number(paragraph: Any) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size, run.font.color.rgb = Pt(8), GREY


def _running_header_and_footer(document: Any, report: ReportData) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    usable = section.page_width - section.left_margin - section.right_margin
    header.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    student = dict(report.title.fields).get("Student", "")
    run = header.add_run(clean(f"{report.title.title} · {report.title.term_name}\t{student}"))
    run.font.size, run.font.color.rgb = Pt(8), GREY
    _page_number(section.footer.paragraphs[0])
    _page_number(section.first_page_footer.paragraphs[0])


def _note(document: Any, text: str) -> None:
    run = _add_run(document.add_paragraph(), clean(text))
    run.italic, run.font.color.rgb = True, GREY


def _small(document: Any, text: str, *, italic: bool = False) -> Any:
    paragraph = document.add_paragraph()
    run = _add_run(paragraph, clean(text))
    run.font.size, run.font.color.rgb, run.italic = Pt(9), GREY, italic
    return paragraph


def _paragraphs(document: Any, text: str, style: str | None = None) -> None:
    """Blank lines part paragraphs; single newlines stay line breaks inside one."""
    for block in re.split(r"\n\s*\n", clean(text).replace("\r\n", "\n")):
        if block.strip():
            _add(document, block.strip(), style)


def _table(document: Any, headers: Sequence[str] | None, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
    """A table in Word's own style; ``headers`` None for a label/value table (labels in bold)."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = document.styles["Light List Accent 1" if headers else "Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if headers:
        header = table.add_row()
        for cell, text in zip(header.cells, headers):
            cell.text = text
        _repeat_as_header(header)
    for values in rows:
        row = table.add_row()
        _row_property(row, "w:cantSplit")  # a row stays on one page
        for cell, text in zip(row.cells, values):
            cell.text = clean(text)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return table


def _repeat_as_header(row: Any) -> None:
    _row_property(row, "w:tblHeader")


def _row_property(row: Any, name: str) -> None:
    marker = OxmlElement(name)
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _title_block(document: Any, report: ReportData) -> None:
    kicker = _add_run(document.add_paragraph(), report.title.title.upper())
    kicker.bold, kicker.font.size, kicker.font.color.rgb = True, Pt(10), ACCENT
    _heading(document, clean(report.title.term_name), level=0)
    table = document.add_table(rows=0, cols=2)
    for label, value in report.title.fields:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(4), Cm(13)
        label_run = cells[0].paragraphs[0].add_run(label)
        label_run.bold, label_run.font.color.rgb = True, GREY
        cells[1].text = clean(value)


def _summary(document: Any, report: ReportData, chart: ChartImage | None) -> None:
    _heading(document, "Summary", level=1)
    if report.summary.empty_note:
        _note(document, report.summary.empty_note)
    facts = _table(document, None, report.summary.facts, (5, 12))
    for row in facts.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True
    if report.summary.level_meaning:
        _note(document, report.summary.level_meaning)
    if not report.has_chart:
        return
    _heading(document, "The spectrum, week by week", level=1)
    if chart is not None and chart.png:
        shape, picture = document.add_picture(io.BytesIO(chart.png), Cm(17))
        shape._inline.docPr.set("descr", clean(report.chart_description))  # the alt text screen readers read
        picture.paragraph_format.keep_with_next = True
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add(document, report.chart_caption, "Caption")
    _heading(document, "Weeks at a glance", level=1)
    rows = [
        (str(r.number), r.dates, str(r.activities), r.hours, r.position, r.level, r.reflected) for r in report.glance
    ]
    headers = ("Week", "Dates", "Activities", "Hours", "Position", "Level", "Reflection")
    _table(document, headers, rows, (1.4, 4.2, 2.2, 1.6, 2.0, 3.0, 2.6))


def _shares_and_criteria(document: Any, report: ReportData) -> None:
    _heading(document, "Model shares", level=1)
    document.add_paragraph(report.shares_note)
    if report.has_ticks:
        rows = [(s.name, str(s.ticks), s.share) for s in report.shares]
        _table(document, ("Model", "Criteria ticked", "Share"), rows, (7, 5, 5))
    _heading(document, "Criteria ticked most often", level=1)
    if not report.top_criteria:
        _note(document, "No criteria were ticked in this term.")
        return
    rows = [(str(c.count), c.model_name, c.statement) for c in report.top_criteria]
    _table(document, ("Times", "Model", "Statement"), rows, (1.6, 3.0, 12.4))


def _weeks(document: Any, report: ReportData) -> None:
    heading = _heading(document, "Week by week", level=1)
    heading.paragraph_format.page_break_before = not report.empty
    if not report.weeks:
        _note(document, report.quiet_weeks)
    for week in report.weeks:
        _week(document, week)
    if report.weeks and report.quiet_weeks:
        _note(document, report.quiet_weeks)


def _week(document: Any, week: ReportWeek) -> None:
    _heading(document, clean(f"Week {week.number} · {week.dates}"), level=2)
    _small(document, week.facts, italic=True)
    for activity in week.activities:
        _activity(document, activity)
    if not week.activities:
        _note(document, "No activity logged this week.")
    if not week.reflection:
        _note(document, "No weekly reflection was written for this week.")
        return
    title = _add_run(_add(document, "", "Quote"), "Weekly reflection")
    title.bold = True
    for answer in week.reflection:
        label = _add(document, "", "Quote")
        label.paragraph_format.keep_with_next = True
        _add_run(label, answer.label).bold = True
        _paragraphs(document, answer.text, style="Quote")


def _activity(document: Any, activity: ReportActivity) -> None:
    heading = _heading(document, clean(activity.title), level=3)
    if activity.private:
        for run in heading.runs:
            run.italic = True
    _small(document, activity.plain_details).paragraph_format.keep_with_next = True
    if activity.description:
        _paragraphs(document, activity.description)
    for line in activity.criteria:
        item = _add(document, "", "List Bullet")
        model = _add_run(item, f"{line.model_name}: ")
        model.bold, model.font.color.rgb = True, MODEL_COLOURS.get(line.model_id, GREY)
        _add_run(item, clean(line.statement))
    tags = f" · Tags: {', '.join(activity.tags)}" if activity.tags else ""
    _small(document, activity.placement + tags, italic=True)


def _closing(document: Any, report: ReportData) -> None:
    heading = _heading(document, "Closing reflection", level=1)
    heading.paragraph_format.page_break_before = not report.empty
    if report.closing.essay:
        _paragraphs(document, report.closing.essay)
    else:
        _note(document, "The closing reflection has not been written yet.")
    paragraph = document.add_paragraph()
    _add_run(paragraph, "Intended direction on the spectrum: ").bold = True
    _add_run(paragraph, report.closing.direction)


def _appendix(document: Any, report: ReportData) -> None:
    appendix = report.appendix
    heading = _heading(document, "Appendix", level=1)
    heading.paragraph_format.page_break_before = True
    _heading(document, "A. The framework", level=2)
    document.add_paragraph(
        "The three models of mutual aid described by Mould, Cole, Badger and Brown (2022), "
        "and the criteria ticked to describe each activity."
    )
    for model in appendix.models:
        _heading(document, f"{model.name} · position {model.position} on the spectrum", level=3)
        document.add_paragraph(model.summary)
        if model.criteria:
            rows = [
                (c.statement + (" (added by the student)" if c.custom else ""), c.source or "—") for c in model.criteria
            ]
            _table(document, ("Criterion", "Source"), rows, (10, 7))
    _heading(document, "B. How the numbers are made", level=2)
    for paragraph in appendix.scoring:
        document.add_paragraph(paragraph)
    _heading(document, "C. Sources", level=2)
    for source in appendix.sources:
        _add(document, source, "List Number")
