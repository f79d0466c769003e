"""The alembic migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import faq.disasters  # noqa: F401 - each import registers its tables on Base
import faq.feedback  # noqa: F401
import faq.handoff  # noqa: F401
import faq.learning  # noqa: F401
import faq.staff  # noqa: F401
import faq.versions  # noqa: F401
from faq.store import Base, FaqStore

pytestmark = pytest.mark.unit


def test_migrations_match_the_models(tmp_path) -> None:
    store = FaqStore(f"sqlite:///{tmp_path / 'schema.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
