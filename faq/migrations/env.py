"""Alembic environment: runs on the connection FaqStore.migrate() hands over."""

from __future__ import annotations

from alembic import context

from faq.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the CLI path always passes a connection
    raise RuntimeError("run migrations through FaqStore.migrate()")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
