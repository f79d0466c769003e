"""The assistant (Rasa domain and data) and the web service (FastAPI)."""
