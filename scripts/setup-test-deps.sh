#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium (for the
# Playwright specs and the report PDFs), poppler-utils (pdftotext/pdftoppm, to
# check those PDFs) and the Go-built kube-apiserver + etcd (for the cluster
# tests, cached under ~/.cache/podplan/cluster). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium (Playwright cannot download browsers here)…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
echo "setup: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing')"

# The report tests read the PDFs Chromium prints: pdftotext for the figures, pdftoppm for page images.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "setup: installing Debian's poppler-utils (pdftotext, pdftoppm) for the report tests…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq poppler-utils >/dev/null
fi
echo "setup: $(pdftotext -v 2>&1 | head -n 1 || echo 'pdftotext missing')"

if [ -f test/cluster/build.sh ]; then
  if command -v go >/dev/null 2>&1; then
    bash test/cluster/build.sh
  else
    echo "setup: Go not found; the cluster tests will be skipped (they need a Go-built kube-apiserver)"
  fi
fi
