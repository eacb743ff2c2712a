"""The History tab: every stored result, searchable."""
