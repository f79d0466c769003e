#!/usr/bin/env bash
# Debian's chromium for the widget's browser tests, and Japanese fonts so its screenshots are legible.
# axe-core (npm, pinned in tests/widget/package-lock.json) for the accessibility checks.
# Installs only what is missing; needs root or sudo the first time for the Debian packages.
set -euo pipefail

widget_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/widget"
install_axe() {
  [ -f "$widget_tests/node_modules/axe-core/axe.min.js" ] && return 0
  command -v npm >/dev/null || { echo "error: the browser tests need npm for axe-core: apt-get install npm" >&2; exit 1; }
  echo "installing axe-core for the browser tests (npm ci in tests/widget)"
  (cd "$widget_tests" && npm ci --no-audit --no-fund --silent)
}

have_chromium() { [ -x "${GOVBOT_CHROMIUM:-/usr/bin/chromium}" ]; }
have_japanese_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=ja 2>/dev/null)" ]; }

if have_chromium && have_japanese_font; then
  install_axe
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "error: the browser tests need Debian's chromium: apt-get install chromium fonts-noto-cjk (as root)" >&2
  exit 1
fi
echo "installing Debian's chromium and fonts-noto-cjk for the browser tests"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
  chromium fonts-noto-cjk >/dev/null
have_chromium
install_axe
