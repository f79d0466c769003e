"""The engine's settings, read once from ``GOVBOT_*`` environment variables.

Only what the FAQ engine and its back office need (database, entry files, index, encoder, retention). The
web service's settings (ports, limits, Rasa, cookies) extend these in ``bot/web/settings.py``; a web
process reads that one object and hands it to the engine.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LABELLED_QUERIES = PROJECT_ROOT / "tests" / "data" / "faq_queries.jsonl"


class Settings(BaseSettings):
    """Configuration of the FAQ engine (search, store, retention).

    Every field can be set as ``GOVBOT_<NAME>`` (e.g. ``GOVBOT_DATABASE_URL``).
    """

    # SQLAlchemy URL of the FAQ store; PostgreSQL works too (postgresql+psycopg2://...).
    database_url: str = Field(f"sqlite:///{PROJECT_ROOT / 'var' / 'govbot.db'}")
    # Folder of the YAML entry files loaded into the store by `python -m faq load`.
    entries_dir: Path = PROJECT_ROOT / "faq" / "data" / "entries"
    # Folder of *.yml files with municipalities' local supplements to national entries.
    supplements_dir: Path = PROJECT_ROOT / "faq" / "data" / "supplements"
    # Folder holding the built index artefacts and their manifest.
    index_dir: Path = PROJECT_ROOT / "var" / "index"
    # Local folder of a sentence-transformers model. Empty string: lexical retrieval only.
    # The default is the encoder the project trains on its own entries (`python -m faq train-encoder`);
    # a production deployment can point this at a Japanese model such as ruri-v3-30m.
    encoder_path: str = str(PROJECT_ROOT / "var" / "models" / "faq-encoder")
    # Prefixes some models expect (multilingual-e5: "query: " / "passage: ").
    encoder_query_prefix: str = ""
    encoder_document_prefix: str = ""
    # Labelled resident questions the index build tunes fusion weights and the calibrator on (their `dev`
    # half) and `python -m faq eval` measures. The project keeps its labelled sets with the tests; a
    # deployment with its own residents' questions points this at them.
    labelled_queries: Path = DEFAULT_LABELLED_QUERIES
    # Results returned when the caller does not say.
    default_k: int = 5
    # Largest question accepted; longer input is cut here before analysis.
    max_query_chars: int = 1000
    # Days an API token from `python -m faq staff token` stays valid unless `--days` says otherwise;
    # 0: tokens do not expire (they can still be revoked).
    token_lifetime_days: int = 90
    # SQLAlchemy URL of Rasa's SQL tracker store (conversations survive restarts and memory stays flat);
    # PostgreSQL for several workers; empty: Rasa's in-memory store (grows with every conversation).
    tracker_store_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    # Conversations (the tracker store) and residents' unanswered questions older than this are deleted
    # (hourly, and by `python -m faq retention`); 0 keeps them.
    conversation_retention_days: int = 30

    class Config:
        env_prefix = "GOVBOT_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings()  # type: ignore[call-arg]  # every field has a default


def stay_offline() -> None:
    """Tell Hugging Face libraries not to reach a model hub: none is reachable, and no resident's text may
    leave the machine. Called once by each process's entry point, never at import (encoders are loaded
    with ``local_files_only=True`` in any case)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
