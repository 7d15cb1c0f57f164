"""The semester reflection report (SPEC 5): one description, rendered as HTML, Markdown and DOCX,
and the spectrum chart drawn as SVG. Nothing here draws with Qt.
"""
