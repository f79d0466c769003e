#!/usr/bin/env bash
# var/tools: a venv of its own for schemathesis and pip-audit, whose dependencies conflict with Rasa's
# pins. They only talk to the project over HTTP (schemathesis) or read constraints.txt (pip-audit).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${TOOLS_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null; then
      PYTHON="$(command -v "$candidate")"; break
    fi
  done
fi
[ -n "$PYTHON" ] || { echo "error: the test tools need Python 3.10 or newer" >&2; exit 1; }
if [ ! -x var/tools/bin/python ]; then
  "$PYTHON" -m venv var/tools
fi
var/tools/bin/python -m pip install --quiet --disable-pip-version-check -c tools-constraints.txt \
  schemathesis pip-audit 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
exit "${PIPESTATUS[0]}"
