"""Named operations (every write) and read queries over an office database.

Each write operation checks the caller's permission, writes in one transaction and appends
who/when/what/old/new to the audit trail. Reads return frozen dataclasses, never ORM objects,
so the front end never touches SQLAlchemy.
"""
