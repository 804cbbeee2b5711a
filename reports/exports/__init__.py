"""Exported documents of report snapshots: the PDF strategy report, the XLSX workbook and CSV
files, built by a task after each snapshot and downloaded from the exports page.

See ``docs/exports.md``.
"""
