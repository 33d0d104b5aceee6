#!/usr/bin/env bash
# "Unduh PDF" renders with WeasyPrint, which needs Debian's Pango; install it where missing.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0" && ldconfig -p | grep -q "libpangoft2-1.0.so.0"; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Pango for the PDF reports…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null
else
  echo "Pango is missing: install libpango-1.0-0 and libpangoft2-1.0-0 (the PDF report needs them)." >&2
fi
