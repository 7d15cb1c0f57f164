"""The semester reflection report (SPEC 5): one description, rendered as HTML, Markdown and DOCX.

``report_data.build_report`` gathers everything the report says; the renderers
only lay it out. The chart arrives as bytes from the caller, so nothing here
draws with Qt.
"""
