"""Channels other than the REST door: each verifies its platform's requests, hands the resident's words to
the one turn (bot/web/turn.py) and renders Rasa's REST messages its platform's way."""
