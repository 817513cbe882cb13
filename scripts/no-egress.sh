#!/usr/bin/env bash
# No egress: the browser-mode end-to-end run and the server tests, inside an empty network namespace (loopback only),
# with every process's connect/sendto/sendmsg recorded by strace and every name lookup by a DNS recorder on loopback.
# Fails when a test fails, when anything tried to reach an address other than this machine's loopback, or when
# anything looked up a name (an attempt counts: the namespace only keeps it from leaving). Needs root (unshare),
# strace and iproute2; prints the connections and lookups it saw, by program.
set -euo pipefail
cd "$(dirname "$0")/.."
trace_dir=$(mktemp -d "${TMPDIR:-/tmp}/prw-egress-XXXXXX")
# PRW_EGRESS_KEEP=1 keeps the trace for a closer look.
[ "${PRW_EGRESS_KEEP:-}" = 1 ] && echo "trace kept in $trace_dir" || trap 'rm -rf "$trace_dir"' EXIT

unshare -n -m bash -c '
  set -euo pipefail
  ip link set lo up
  # Name lookups go to a recorder on loopback (its own mount namespace: the machine'"'"'s resolv.conf is untouched).
  echo "nameserver 127.0.0.1" > "$1/resolv.conf"
  mount --bind "$1/resolv.conf" /etc/resolv.conf
  : > "$1/dns"
  node scripts/dns-recorder.mjs "$1/dns" &
  recorder=$!
  status=0
  strace -f -qq --seccomp-bpf -s 256 -e trace=socket,connect,sendto,sendmsg,execve,clone,clone3,fork,vfork -e signal=none \
    -o "$1/trace" bash -c "npx vitest run --config vitest.e2e.config.ts && npx vitest run test/unit/server" || status=$?
  kill "$recorder"
  exit "$status"
' _ "$trace_dir"

node scripts/egress-report.mjs "$trace_dir/trace" "$trace_dir/dns"
