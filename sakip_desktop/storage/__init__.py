"""Storage: the SQLite file, its schema versions and the SQLAlchemy models."""
