"""LINE: the webhook door (``webhook.py``), the event handling (``channel.py``), rendering for LINE
(``render.py``), a small Messaging API client on aiohttp (``client.py``), the dedupe and sender tables
(``store.py``) and the rich menu command (``richmenu.py``, ``python -m bot.web.channels.line``)."""
