"""The Documents tab: drop scans or PDFs, see the signatures found and the verdict per document."""
