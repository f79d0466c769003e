"""The alembic migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from faq.content.store import FaqStore
from faq.tables import Base  # every table, in one module

pytestmark = pytest.mark.unit


def test_migrations_match_the_models(tmp_path) -> None:
    store = FaqStore(f"sqlite:///{tmp_path / 'schema.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
