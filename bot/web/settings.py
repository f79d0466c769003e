"""The web service's settings: the engine's (:class:`faq.settings.Settings`) plus the web's own.

One object per process, read once from ``GOVBOT_*`` environment variables by :func:`get_settings`; the app
hands it to the FAQ service it builds, so both read the same values.
"""

from __future__ import annotations

from functools import lru_cache

from faq.settings import PROJECT_ROOT, Settings


class WebSettings(Settings):
    """Configuration of the web service: chat channel, Rasa, limits, console cookies, serving.

    Every field can be set as ``GOVBOT_<NAME>`` (e.g. ``GOVBOT_PORT``).
    """

    # Addresses of the reverse proxies whose X-Forwarded-For is believed (comma-separated, or * for any);
    # empty: the header is ignored, so a client cannot pick its own address to escape per-address limits.
    trusted_proxies: str = ""
    # Longest chat message handled; longer ones get a polite request to shorten.
    max_message_chars: int = 1000
    # Trained Rasa model served by the chat channel; empty: FAQ API only.
    rasa_model: str = str(PROJECT_ROOT / "models" / "govbot.tar.gz")
    # Where the agent calls its custom actions; empty: this app's own /actions/webhook.
    action_endpoint: str = ""
    # Secret the agent sends to the action webhook; empty: a random one per process.
    action_token: str = ""
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
    # Console pages per address (an office's staff may share one); the sign-in post has its own limit.
    rate_limit_console_per_address: str = "120/minute"
    # ふりがな requests per address: each may carry up to 8,000 characters to analyse (about 80 ms).
    rate_limit_furigana_per_address: str = "120/minute"
    # New conversations (sender ids not seen in the last minute) one address may start: each one is
    # stored, so fresh sender ids must not escape the per-conversation limit. A shelter of hundreds of
    # residents on one Wi-Fi starts fewer than this in a minute (an attacker: 10 times fewer than the
    # 3000 turns a minute the address may send).
    rate_limit_new_conversations_per_address: str = "300/minute"
    # The CPU-heavy public routes (search, ふりがな) run on this many threads of their own, each busy at
    # most heavy_work_share of the time, with at most heavy_work_queue requests waiting (more get 503 with
    # Retry-After): a flood of them from anywhere takes at most threads * share of a core from the chat.
    heavy_work_threads: int = 1
    heavy_work_queue: int = 32
    heavy_work_share: float = 0.25
    # How often each worker checks the database for entries another worker published (0: never).
    index_poll_seconds: float = 2.0
    # Web pages (scheme://host[:port], comma-separated) allowed to embed the widget from another origin.
    # Empty: only pages served by this app itself.
    allowed_origins: str = ""
    # Staff console cookies are Secure (HTTPS only; browsers also accept them on localhost). Set false
    # only behind a plain-HTTP test setup that is not localhost.
    cookie_secure: bool = True
    # Strict-Transport-Security is sent on answers to https requests, and on every answer when the
    # deployment says it is only reached over TLS (a proxy that terminates it without X-Forwarded-Proto
    # from a trusted proxy). 0 seconds: never sent.
    behind_tls: bool = False
    hsts_max_age_seconds: int = 31_536_000
    # /docs, /redoc and /openapi.json (they list every staff route) are served only when true.
    open_api_docs: bool = False
    # /metrics (Prometheus) is served only when true: open it where only the scraper can reach it.
    open_metrics: bool = False
    # Seconds a client may take between two pieces of a request body before it gets 408 (slow senders
    # hold a connection each); uvicorn closes idle keep-alive connections after keep_alive_seconds, which
    # must be longer than clients reuse an idle connection (httpx 5 s, browsers longer; nginx's own default
    # is 75 s): closing first races a resident's next turn onto a connection being closed under it.
    read_timeout_seconds: float = 10.0
    keep_alive_seconds: int = 75
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # json (one object a line, for log collectors) or text.
    log_format: str = "json"
    # LINE (bot/web/channels/line): the channel's secret and long-lived access token from the LINE
    # Developers console. Without the secret POST /webhooks/line/webhook is not served (404).
    line_channel_secret: str = ""
    line_channel_access_token: str = ""
    line_api_base: str = "https://api.line.me"
    # Key of the keyed hash that stands for a LINE userId (the id itself is stored nowhere); empty: one
    # derived from the channel secret (reissuing the secret then starts every conversation afresh).
    line_user_key_secret: str = ""

    @property
    def allowed_origin_list(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> WebSettings:
    """The web process's settings, read on first use."""
    return WebSettings()  # type: ignore[call-arg]  # every field has a default
