#!/usr/bin/env bash
# The server's benchmarks (issue 14), against a warm `docket serve` over the 5 GB store: submit-to-done
# latency of one-minute windows over HTTP (POST, then the job's event stream until done), and a
# query streamed back by GET /api/v1/stream against `docket query -w /dev/null` of the same query
# (a JVM started per query) and `cat` of the files it reads (the floor). Prints a Markdown report on
# standard output; progress on standard error.
#
#   bench/server.sh                    # 5 rounds
#   DOCKET_BENCH_RUNS=9 bench/server.sh
#
# Environment:
#   DOCKET_BENCH_STORE  the store, generated once when missing (default /tmp/docket-bench-store, shared
#                       with store-vs-tcpdump.sh and jobs.sh)
#   DOCKET_BENCH_RUNS   rounds (default 5)
#   DOCKET_BENCH_PORT   the loopback port to serve on (default 18414)
#   DOCKET_BENCH_MAVEN_ARGS  extra Maven arguments for the build, such as -o -Dmaven.repo.local=DIR
#
# Needs java, curl and Maven (it builds bench/target/benchmarks.jar); installs nothing; talks only to
# 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${DOCKET_BENCH_STORE:-/tmp/docket-bench-store}"
runs="${DOCKET_BENCH_RUNS:-5}"
port="${DOCKET_BENCH_PORT:-18414}"
host="10.2.153.140"

say() { printf 'server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v curl >/dev/null || die "curl is missing (Debian: curl)"

say "building the benchmarks and the CLI if needed"
(cd "$root" && mvn -q -B ${DOCKET_BENCH_MAVEN_ARGS:-} -pl bench -am package -DskipTests) >&2
"$root/docket" --version >/dev/null
# shellcheck source=bench/store.sh
source "$root/bench/store.sh"
bench_store "$store"
work="$(mktemp -d "${TMPDIR:-/tmp}/docket-server-bench.XXXXXX")"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "$password" | "$root/docket" passwd --file "$work/users" bench >/dev/null
say "warming the page cache"
cat "$store"/*.pcap > /dev/null
"$root/docket" serve --store "$store" --port "$port" --users "$work/users" --spool "$work/spool" >"$work/serve.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's/^Docket is running at \(http[^ ]*\).*/\1/p' "$work/serve.log" | head -1)"
  [[ -n "$base" ]] && break
  kill -0 "$server" 2>/dev/null || die "docket serve stopped: $(cat "$work/serve.log")"
  sleep 0.2
done
[[ -n "$base" ]] || die "docket serve did not start: $(cat "$work/serve.log")"
say "serving at $base (pid $server)"

echo "### server (\`bench/server.sh\`) — $(date -u +%Y-%m-%dT%H:%MZ), $(cd "$root" && git rev-parse --short HEAD)"
echo
echo "- store $store: $(du -sh "$store" | cut -f1) in $(ls "$store"/*.pcap | wc -l) files; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo
java -cp "$root/bench/target/benchmarks.jar" dev.docket.bench.ServerBench "$base" bench "$password" "$host" "$first" "$runs"
echo

# Streamed: the minutes 30-31 (every packet) and 30-40 (host), never asked above as jobs.
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
minute() { date -u -d "$first + $1 minutes" +%Y-%m-%dT%H:%M:%SZ; }
cases=("after $(minute 30) and before $(minute 31)" "host $host and after $(minute 30) and before $(minute 40)")
files=(1 10)
echo "| query | GET /api/v1/stream, median ms | \`docket query -w /dev/null\`, median ms | \`cat\` of its files, median ms | stream bytes |"
echo "|---|---|---|---|---|"
for i in "${!cases[@]}"; do
  query="${cases[$i]}"
  encoded="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
  inputs=("$store"/*.pcap); inputs=("${inputs[@]:30:${files[$i]}}")
  s=(); q=(); c=(); bytes=0
  for _ in $(seq 1 "$runs"); do
    t=$(date +%s%N); bytes=$(curl -sf -u "bench:$password" "${base}api/v1/stream?query=$encoded" -o /dev/null -w '%{size_download}'); s+=("$(ms "$t")")
    t=$(date +%s%N); "$root/docket" query --store "$store" -w /dev/null "$query" >/dev/null 2>&1; q+=("$(ms "$t")")
    t=$(date +%s%N); cat "${inputs[@]}" > /dev/null; c+=("$(ms "$t")")
  done
  printf '| `%s` | %s | %s | %s | %s |\n' "$query" "$(printf '%s\n' "${s[@]}" | median)" "$(printf '%s\n' "${q[@]}" | median)" "$(printf '%s\n' "${c[@]}" | median)" "$bytes"
done
echo
echo "- the server after the runs: $(grep -E '^(VmRSS|VmHWM|Threads)' /proc/$server/status | tr -s ' \t' ' ' | paste -sd ';' -)"
