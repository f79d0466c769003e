"""``python -m bot.web.channels.line richmenu``: register the LINE start menu (bot/line/richmenu.json)."""

from __future__ import annotations

import sys

from bot.web.channels.line.richmenu import main
from faq.settings import stay_offline

if __name__ == "__main__":
    stay_offline()
    sys.exit(main())
