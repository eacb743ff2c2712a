"""The Waste tab: drop photos, see the material and the bin, correct it."""
