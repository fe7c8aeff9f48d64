#!/usr/bin/env bash
# Start two gba-dash replicas and nginx in front of them, all on 127.0.0.1.
#   deploy/run.sh [PORT]      (default 8600; replicas on PORT+1 and PORT+2)
# Prints the URL, then waits; Ctrl-C (or SIGTERM) stops everything.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
port="${1:-8600}"
r1=$((port + 1))
r2=$((port + 2))
prefix="$(mktemp -d "${TMPDIR:-/tmp}/gba-deploy.XXXXXX")"
pids=()
cleanup() {
  [ -f "$prefix/nginx.pid" ] && kill "$(cat "$prefix/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for rp in "$r1" "$r2"; do
  (cd "$root" && exec python3 -m gba_dash.ui.launch run app.py --server.headless true --server.address 127.0.0.1 \
      --server.port "$rp" --browser.gatherUsageStats false --server.fileWatcherType none) \
      >"$prefix/replica-$rp.log" 2>&1 &
  pids+=($!)
done
echo "replica pids: ${pids[*]}" >&2

# Poll each replica's health instead of sleeping.
for rp in "$r1" "$r2"; do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$rp/_stcore/health" >/dev/null && break
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:$rp/_stcore/health" >/dev/null || { echo "replica $rp did not start" >&2; exit 1; }
done

sed -e "s|@PORT@|$port|g" -e "s|@REPLICA1@|$r1|g" -e "s|@REPLICA2@|$r2|g" -e "s|@PREFIX@|$prefix|g" \
    "$here/nginx.conf.template" >"$prefix/nginx.conf"
nginx -c "$prefix/nginx.conf" -p "$prefix" -g "daemon off;" &
pids+=($!)
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/_stcore/health" >/dev/null && break
  sleep 0.1
done
echo "http://127.0.0.1:$port"
echo "pids: ${pids[*]}" >&2
wait
