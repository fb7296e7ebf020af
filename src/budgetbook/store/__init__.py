"""Storage of books in SQLite (embedded default) or PostgreSQL, through SQLAlchemy 2."""
