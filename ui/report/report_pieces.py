"""Cutting a very long report into parts that Qt's text layout can each hold.

Qt lays a document out in one coordinate space that ends some 2,500 A4 pages
down (see pdf_report.LAYOUT_LIMIT), and a layout that long also holds the
whole report in memory at once. The report's HTML marks the places it may be
cut (``<!--piece-->`` before a week, ``<!--piece HEADING-->`` before a later
activity or reflection of a week, HEADING being what the new part opens with).
Parts are filled up to a budget of estimated lines, so a report of an ordinary
term stays one part and prints exactly as before; each further part starts a
new page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PIECE_MARK = re.compile(r"<!--piece(?: ([^<>]*?))?-->")
# A pessimistic count of printed lines: a line holds at least this many characters (wide glyphs,
# large headings), every block starts a line, and a picture is as many lines as it is tall.
CHARACTERS_PER_LINE = 40
BLOCK_START = re.compile(r"<(?:p|br|h[1-6]|li|tr|div|table)\b", re.IGNORECASE)
IMAGE_HEIGHT = re.compile(r"<img\b[^>]*?\bheight=\"(\d+)\"", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
LINE_PIXELS = 16  # one line of body text in CSS pixels
PIECE_LINES = 20_000  # estimated lines per part: a few hundred pages, a fraction of what the layout holds


@dataclass(frozen=True)
class ReportPiece:
    html: str
    estimated_lines: int


def estimated_lines(html: str) -> int:
    """At least as many lines as ``html`` prints (on any page width the report uses)."""
    text = TAG.sub("", html)
    pictures = sum(int(height) for height in IMAGE_HEIGHT.findall(html)) // LINE_PIXELS
    return len(text) // CHARACTERS_PER_LINE + len(BLOCK_START.findall(html)) + pictures


def report_pieces(html: str, budget: int = PIECE_LINES) -> list[ReportPiece]:
    """The report as whole HTML documents, in order; one when it is within ``budget`` lines."""
    start, end = _body_bounds(html)
    head, body, tail = html[:start], html[start:end], html[end:]
    cuts = list(PIECE_MARK.finditer(body))
    segments: list[tuple[str, str]] = []  # (heading a part starting here opens with, HTML)
    previous, heading = 0, ""
    for cut in cuts:
        segments.append((heading, body[previous : cut.start()]))
        previous, heading = cut.end(), cut.group(1) or ""
    segments.append((heading, body[previous:]))

    pieces: list[ReportPiece] = []
    parts: list[str] = []
    lines = 0
    for segment_heading, segment in segments:
        segment_lines = estimated_lines(segment)
        if parts and lines + segment_lines > budget:
            pieces.append(ReportPiece(head + "".join(parts) + tail, lines))
            parts, lines = [], 0
            if segment_heading:
                parts.append(f"<h3>{segment_heading}</h3>\n")
                lines += 1
        parts.append(segment)
        lines += segment_lines
    pieces.append(ReportPiece(head + "".join(parts) + tail, lines))
    return pieces


def _body_bounds(html: str) -> tuple[int, int]:
    """Where the body's content starts and ends; the whole text when it has no body tags."""
    opening = re.search(r"<body\b[^>]*>", html, re.IGNORECASE)
    closing = html.lower().rfind("</body>")
    start = opening.end() if opening else 0
    return start, closing if closing >= start else len(html)
