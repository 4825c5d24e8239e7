"""Perencanaan: the Kasubag Perencanaan's Renstra tree, indicators and targets, and the qualitative scales."""
