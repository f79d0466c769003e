#!/usr/bin/env bash
# Create .venv with Python 3.10 (Rasa 3.6 needs < 3.11) and install the pinned dependency set.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  if [ -n "${PYTHON310:-}" ] && "$PYTHON310" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$PYTHON310"; return
  fi
  for candidate in python3.10 "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/"3.10*/bin/python \
                   /usr/bin/python3.10 /usr/local/bin/python3.10; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      command -v "$candidate"; return
    fi
  done
  return 1
}

if ! PY310=$(find_python310); then
  cat >&2 <<'MSG'
error: Python 3.10 was not found. Rasa 3.6 runs only on Python < 3.11.
Install it, then run the command again, e.g. one of:
  pyenv install 3.10.13            (pyenv)
  apt-get install python3.10-venv  (distributions that package it)
or point PYTHON310=/path/to/python3.10 at one you have.
MSG
  exit 1
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  echo "creating .venv with $PY310"
  rm -rf .venv
  "$PY310" -m venv .venv
fi
# This machine's pip configuration names local indexes that may be absent; hide that one harmless warning.
quiet_pip() {
  .venv/bin/python -m pip "$@" --quiet --disable-pip-version-check 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  return "${PIPESTATUS[0]}"
}
quiet_pip install "pip==26.3"
# constraints.txt pins every package (what Rasa forces included) so every install resolves the same.
quiet_pip install -c constraints.txt -e ".[dev]"
.venv/bin/python -m pip check
