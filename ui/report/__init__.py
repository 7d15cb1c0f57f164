"""The Report view and the export behind it: the closing reflection, the live preview,
and the PDF laid out page by page with Qt.
"""
