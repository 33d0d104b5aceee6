#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright; install it where it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "chromium is missing: install Debian's chromium package (apt-get install chromium)." >&2
  exit 1
fi
