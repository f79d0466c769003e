"""FastAPI service: FAQ search API and health check (the chat channel and widget mount here too)."""
