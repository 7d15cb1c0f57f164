"""The Report view and the PDF writer behind the semester report."""
