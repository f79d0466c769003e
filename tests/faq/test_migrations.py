"""The alembic migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import faq.content.versions  # noqa: F401
import faq.places.disasters  # noqa: F401 - each import registers its tables on Base
import faq.residents.feedback  # noqa: F401
import faq.residents.handoff  # noqa: F401
import faq.residents.learning  # noqa: F401
import faq.residents.question_counts  # noqa: F401
import faq.staff  # noqa: F401
from faq.content.store import Base, FaqStore

pytestmark = pytest.mark.unit


def test_migrations_match_the_models(tmp_path) -> None:
    store = FaqStore(f"sqlite:///{tmp_path / 'schema.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
