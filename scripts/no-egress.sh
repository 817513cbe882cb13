#!/usr/bin/env bash
# No egress: the browser-mode end-to-end run and the server tests (or the command given) inside an empty network
# namespace (loopback only), with every process's connections, datagrams and name lookups recorded
# (scripts/connect-recorder.c, loaded into every process there through the namespace's own /etc/ld.so.preload) and
# every DNS query answered by a recorder on loopback (scripts/dns-recorder.mjs). First a self-check makes deliberate
# attempts to outside addresses from Node, bash and the test browser and fails unless each was recorded. Then it
# fails when a test fails, when anything tried an address other than loopback, or when anything looked up a name (an
# attempt counts: the namespace only keeps it from leaving). Needs root (unshare, mount), a C compiler and iproute2.
# Usage: bash scripts/no-egress.sh [COMMAND...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d "${TMPDIR:-/tmp}/prw-egress-XXXXXX")
# PRW_EGRESS_KEEP=1 keeps the recordings for a closer look.
[ "${PRW_EGRESS_KEEP:-}" = 1 ] && echo "recordings kept in $dir" || trap 'rm -rf "$dir"' EXIT
# Both halves run, whatever the first's outcome, so that the recording covers both.
[ $# -gt 0 ] || set -- bash -c 'npx vitest run --config vitest.e2e.config.ts; e2e=$?; npx vitest run test/unit/server || exit 1; exit $e2e'
cc -shared -fPIC -O2 -o "$dir/recorder.so" scripts/connect-recorder.c -DEGRESS_LOG="\"$dir/events\"" -ldl
: > "$dir/names"

status=0
unshare -n -m bash -c '
  set -euo pipefail
  dir=$1
  shift
  ip link set lo up
  # /etc seen through an overlay of its own: the recorder in ld.so.preload and a resolv.conf naming the DNS
  # recorder, for this namespace only (the machine'"'"'s /etc is untouched). hosts is copied first: a container
  # mounts its own over /etc/hosts, which the overlay would hide.
  cp /etc/hosts "$dir/hosts"
  mkdir "$dir/upper" "$dir/work"
  mount -t overlay overlay -o "lowerdir=/etc,upperdir=$dir/upper,workdir=$dir/work" /etc
  cp "$dir/hosts" /etc/hosts
  echo "nameserver 127.0.0.1" > /etc/resolv.conf
  node scripts/dns-recorder.mjs "$dir/names" &
  recorder=$!
  echo "$dir/recorder.so" > /etc/ld.so.preload
  node --import tsx scripts/egress-self-check.ts "$dir/expected.json"
  mv "$dir/names" "$dir/self-check.names"
  mv "$dir/events" "$dir/self-check.events"
  : > "$dir/names"
  : > "$dir/events"
  status=0
  "$@" || status=$?
  kill "$recorder"
  exit "$status"
' _ "$dir" "$@" || status=$?

# Reported whatever the tests' outcome: a failing test inside the namespace may be one that wanted out.
[ -f "$dir/expected.json" ] || { echo "no-egress: the self-check did not run"; exit 1; }
node scripts/egress-report.mjs "$dir/self-check.events" "$dir/self-check.names" --expect "$dir/expected.json" || status=1
node scripts/egress-report.mjs "$dir/events" "$dir/names" || status=1
exit "$status"
