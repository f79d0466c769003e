"""One settings object per process, read once from ``GOVBOT_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Configuration of the FAQ engine and the web service.

    Every field can be set as ``GOVBOT_<NAME>`` (e.g. ``GOVBOT_DATABASE_URL``).
    """

    # SQLAlchemy URL of the FAQ store; PostgreSQL works too (postgresql+psycopg2://...).
    database_url: str = Field(f"sqlite:///{PROJECT_ROOT / 'var' / 'govbot.db'}")
    # Folder of the YAML entry files loaded into the store by `python -m faq load`.
    entries_dir: Path = PROJECT_ROOT / "faq" / "data" / "entries"
    # Folder holding the built index artefacts and their manifest.
    index_dir: Path = PROJECT_ROOT / "var" / "index"
    # Local folder of a sentence-transformers model. Empty string: lexical retrieval only.
    # The default is the encoder the project trains on its own entries (`python -m faq train-encoder`);
    # a production deployment can point this at a Japanese model such as ruri-v3-30m.
    encoder_path: str = str(PROJECT_ROOT / "var" / "models" / "faq-encoder")
    # Prefixes some models expect (multilingual-e5: "query: " / "passage: ").
    encoder_query_prefix: str = ""
    encoder_document_prefix: str = ""
    # Results returned when the caller does not say.
    default_k: int = 5
    # Largest question accepted; longer input is cut here before analysis.
    max_query_chars: int = 1000
    # Addresses of the reverse proxies whose X-Forwarded-For is believed (comma-separated, or * for any);
    # empty: the header is ignored, so a client cannot pick its own address to escape per-address limits.
    trusted_proxies: str = ""
    # Days an API token from `python -m faq staff token` stays valid unless `--days` says otherwise;
    # 0: tokens do not expire (they can still be revoked).
    token_lifetime_days: int = 90
    # Longest chat message handled; longer ones get a polite request to shorten.
    max_message_chars: int = 1000
    # Trained Rasa model served by the chat channel; empty: FAQ API only.
    rasa_model: str = str(PROJECT_ROOT / "models" / "govbot.tar.gz")
    # Where the agent calls its custom actions; empty: this app's own /actions/webhook.
    action_endpoint: str = ""
    # Secret the agent sends to the action webhook; empty: a random one per process.
    action_token: str = ""
    # SQLAlchemy URL of Rasa's SQL tracker store (conversations survive restarts and memory stays flat);
    # PostgreSQL for several workers; empty: Rasa's in-memory store (grows with every conversation).
    tracker_store_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    # Conversations (the tracker store) and residents' unanswered questions older than this are deleted
    # (hourly, and by `python -m faq retention`); 0 keeps them.
    conversation_retention_days: int = 30
    # Rasa's lock store, shared by workers: redis://host:port/db; empty: in-process locks (one worker).
    lock_store_url: str = ""
    # A chat turn that takes longer (a slow or unreachable action server) is answered with an apology
    # and the 行政相談 contacts instead.
    turn_timeout_seconds: float = 2.0
    # Rate limits (the `limits` library's notation) and where their counters live: memory:// for one
    # process, the lock store's redis://… for several workers.
    rate_limit_storage_url: str = "memory://"
    rate_limit_chat_per_conversation: str = "30/minute"
    rate_limit_chat_per_address: str = "3000/minute"  # a shelter's Wi-Fi is one address
    rate_limit_search_per_address: str = "600/minute"
    rate_limit_feedback_per_address: str = "120/minute"
    rate_limit_sign_in_per_address: str = "20/minute"
    rate_limit_staff_api_per_address: str = "600/minute"
    # New conversations (sender ids not seen in the last minute) one address may start: each one is
    # stored, so fresh sender ids must not escape the per-conversation limit. A shelter of hundreds of
    # residents on one Wi-Fi starts fewer than this in a minute (an attacker: 10 times fewer than the
    # 3000 turns a minute the address may send).
    rate_limit_new_conversations_per_address: str = "300/minute"
    # How often each worker checks the database for entries another worker published (0: never).
    index_poll_seconds: float = 2.0
    # Web pages (scheme://host[:port], comma-separated) allowed to embed the widget from another origin.
    # Empty: only pages served by this app itself.
    allowed_origins: str = ""
    # Staff console cookies are Secure (HTTPS only; browsers also accept them on localhost). Set false
    # only behind a plain-HTTP test setup that is not localhost.
    cookie_secure: bool = True
    # /docs, /redoc and /openapi.json (they list every staff route) are served only when true.
    open_api_docs: bool = False
    # /metrics (Prometheus) is served only when true: open it where only the scraper can reach it.
    open_metrics: bool = False
    # Seconds a client may take between two pieces of a request body before it gets 408 (slow senders
    # hold a connection each); uvicorn closes idle keep-alive connections after keep_alive_seconds.
    read_timeout_seconds: float = 10.0
    keep_alive_seconds: int = 5
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # json (one object a line, for log collectors) or text.
    log_format: str = "json"

    class Config:
        env_prefix = "GOVBOT_"

    @property
    def allowed_origin_list(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings()  # type: ignore[call-arg]  # every field has a default
