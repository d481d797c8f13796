"""Alembic migrations of the client replica (see sync.migrate)."""
