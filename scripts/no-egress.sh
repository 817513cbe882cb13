#!/usr/bin/env bash
# No egress: the browser-mode end-to-end run and the server tests, inside an empty network namespace (loopback only),
# with every process's connect/sendto/sendmsg recorded by strace. Fails when a test fails or when anything tried to
# reach an address other than this machine's loopback (a refused attempt counts: the namespace only hides it).
# Needs root (unshare -n), strace and iproute2; prints the connections it saw.
set -euo pipefail
cd "$(dirname "$0")/.."
trace_dir=$(mktemp -d "${TMPDIR:-/tmp}/prw-egress-XXXXXX")
trap 'rm -rf "$trace_dir"' EXIT

unshare -n bash -c '
  set -euo pipefail
  ip link set lo up
  exec strace -f -qq --seccomp-bpf -e trace=connect,sendto,sendmsg -e signal=none -o "$1/trace" \
    bash -c "npx vitest run --config vitest.e2e.config.ts && npx vitest run test/unit/server"
' _ "$trace_dir"

node scripts/egress-report.mjs "$trace_dir/trace"
