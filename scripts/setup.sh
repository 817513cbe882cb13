#!/usr/bin/env bash
# One-step set-up on a fresh Debian/Ubuntu machine: the system packages that rendering test pages and the
# browser tests need (only those missing), then the npm dependencies exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
fc-list 2>/dev/null | grep -q 'Noto Sans CJK SC' || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q 'OCR B' || need+=(fonts-ocr-b)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

npm ci --no-audit --no-fund
