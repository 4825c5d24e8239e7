"""Perjanjian Kinerja: the PK screen of the Kasubag Perencanaan and the Camat, and its dialogs."""
