"""Plain-Python domain rules: no database, no screen."""
