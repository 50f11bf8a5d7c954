"""Reports (issue 8): queries that aggregate in SQL and return typed rows with totals
(`app.domain.report_model.ReportResult`), and exporters to PDF, XLSX, CSV and JSON.

`catalog.run_report(store, name, filter, **options)` runs any report by name; each report
module is also usable on its own. See docs/reports.md for the definitions of the figures.
"""
