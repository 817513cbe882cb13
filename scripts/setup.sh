#!/usr/bin/env bash
# One-step set-up on a fresh Debian/Ubuntu machine: the system packages that rendering test pages and the
# browser tests need (only those missing), then the npm dependencies exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# Captured first: `fc-list | grep -q` would fail under pipefail when grep stops reading early.
fonts=$(fc-list 2>/dev/null || true)
grep -q 'Noto Sans CJK SC' <<<"$fonts" || need+=(fonts-noto-cjk)
grep -q 'OCR B' <<<"$fonts" || need+=(fonts-ocr-b)
# Foreign data pages: condensed DejaVu faces and the GNU FreeFont faces (FreeSans, FreeSerif, FreeMono).
grep -q 'DejaVu Serif Condensed' <<<"$fonts" || need+=(fonts-dejavu-extra)
grep -q 'FreeSerif' <<<"$fonts" || need+=(fonts-freefont-ttf)
# The browser tests use CHROMIUM_PATH when set (the desktop workflow points it at the runner's Chrome).
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
# The no-egress check (scripts/no-egress.sh): a C compiler builds its connection recorder, iproute2 raises loopback in
# the namespace. The document camera e2e: ffmpeg makes the fake camera's video from generated pages.
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v cc >/dev/null || need+=(gcc)
[ -e /usr/include/dlfcn.h ] || need+=(libc6-dev)
command -v ip >/dev/null || need+=(iproute2)
# Scanner tests: scanimage (with SANE's escl, pnm and test backends) and sane-airscan, Debian's eSCL clients.
command -v scanimage >/dev/null || need+=(sane-utils)
ls /usr/lib/*/sane/libsane-airscan.so.1 >/dev/null 2>&1 || need+=(sane-airscan)
# Test fixtures for the files desks have: a scanner's PDF (img2pdf), a password-protected one (qpdf) and a phone's
# HEIC (libheif's heif-enc).
command -v img2pdf >/dev/null || need+=(img2pdf)
command -v qpdf >/dev/null || need+=(qpdf)
command -v heif-enc >/dev/null || need+=(libheif-examples)
# Serial MRZ reader tests: socat's pty pair stands in for the reader's virtual COM port.
command -v socat >/dev/null || need+=(socat)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# onnxruntime-node's install script only downloads its CUDA add-on (from nuget.org, outside the npm registry); the CPU
# provider the engine uses ships in the package. package.json's allowScripts denies that script (npm >= 11.19);
# the variable, which the script itself reads, keeps the skip on an older npm.
ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
