#!/usr/bin/env bash
# Installs what the report tests (tests/Life.Reports.Tests) need: Debian's Chromium, driven headless
# to render a report and prove it fetches nothing, and the DejaVu fonts (with fontconfig) that the
# PNG copies of the plots are drawn with. Safe to run again: nothing is installed twice.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  echo "report tests: chromium and fonts present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "report tests need ${missing[*]}: run as root, or apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v chromium >/dev/null 2>&1
