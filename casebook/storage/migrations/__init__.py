"""Alembic migrations, applied on every open (``casebook.storage.migrate``)."""
