#!/usr/bin/env bash
# How long `./docket demo` takes to be ready (issue 16: "within a minute on two cores, after the
# build"): from the start of the command to its "password:" line, the moment the server answers.
# A first run makes the whole three-hour store in an empty directory; a cached run finds the store
# of an earlier run and only brings it up to now (here: the minutes since the previous run). Runs
# alternate first, cached, first, ...; the table gives the median and range of each, and each
# run's first query (GET /api/v1/stream of 'after 5m ago', which catalogs the store) as well.
# Prints a Markdown report on standard output; progress on standard error.
#
#   bench/demo-start.sh                   # 5 rounds
#   DOCKET_BENCH_RUNS=9 bench/demo-start.sh
#
# Needs java, curl and bc; builds the CLI through ./docket if needed; talks only to 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${DOCKET_BENCH_RUNS:-5}"
say() { printf 'demo-start: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v curl >/dev/null || die "curl is missing (Debian: curl)"
"$root/docket" --version >/dev/null # builds first, so no run below pays for a build

work="$(mktemp -d "${TMPDIR:-/tmp}/docket-demo-bench.XXXXXX")"
demo=""
cleanup() {
  if [[ -n "$demo" ]]; then kill -TERM "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }

# run DIR: starts the demo over DIR, prints "ready-seconds first-query-seconds", stops it.
run() {
  local dir="$1" start ready line url user password query_start query_end
  start="$(now)"
  "$root/docket" demo --port 0 --dir "$dir" >"$work/out" 2>"$work/err" &
  demo=$!
  for _ in $(seq 1 1200); do
    grep -q '^password: ' "$work/out" 2>/dev/null && break
    kill -0 "$demo" 2>/dev/null || die "docket demo stopped: $(cat "$work/err")"
    sleep 0.05
  done
  ready="$(now)"
  grep -q '^password: ' "$work/out" || die "docket demo was not ready after a minute: $(cat "$work/err")"
  url="$(sed -n 's|^Docket is running at \(http://[^/]*/\).*|\1|p' "$work/out")"
  user="$(sed -n 's/^user: //p' "$work/out")"
  password="$(sed -n 's/^password: //p' "$work/out")"
  query_start="$(now)"
  curl -sf -u "$user:$password" "${url}api/v1/stream?query=after%205m%20ago" -o "$work/answer.pcap"
  query_end="$(now)"
  [[ "$(stat -c %s "$work/answer.pcap")" -gt 24 ]] || die "'after 5m ago' returned no packets"
  kill -TERM "$demo"
  wait "$demo" 2>/dev/null || true
  demo=""
  echo "$(echo "$ready - $start" | bc) $(echo "$query_end - $query_start" | bc)"
}

median() { sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f (%.2f-%.2f)", m, a[1], a[NR]}'; }

: >"$work/first"; : >"$work/cached"
for round in $(seq 1 "$runs"); do
  say "round $round of $runs: first run"
  rm -rf "$work/fresh"
  run "$work/fresh" >>"$work/first"
  say "round $round of $runs: cached run"
  run "$work/fresh" >>"$work/cached"
done

echo "### docket demo: ready, and its first query ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $runs alternated rounds)"
echo
echo "| run | ready (s), median (range) | first 'after 5m ago' (s), median (range) |"
echo "|---|---|---|"
echo "| first (empty directory: the three-hour store made) | $(cut -d' ' -f1 "$work/first" | median) | $(cut -d' ' -f2 "$work/first" | median) |"
echo "| cached (the store of the run before) | $(cut -d' ' -f1 "$work/cached" | median) | $(cut -d' ' -f2 "$work/cached" | median) |"
