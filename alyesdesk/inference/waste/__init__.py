"""Waste sorting: the per-photo classification pipeline and the regional bin rules."""
