#!/usr/bin/env bash
# `docket jobs` (issue 16) against curl, on a warm `docket serve` over the shared 5 GB store: one job's
# result (ten one-minute files, every packet) downloaded by `docket jobs get ID -w FILE` (a JVM started
# per run, as a script would) and by `curl -o FILE` of the same /pcap route, alternated; and the
# submit-to-downloaded time of `docket jobs submit --wait -w FILE` for a one-minute host query. Wall
# time and CPU time (user + system, of the client alone: on shared cores the steadier measure), medians
# of alternated runs. Prints a Markdown report on standard output; progress on standard error.
#
#   bench/jobs-client.sh                     # 5 rounds
#   DOCKET_BENCH_RUNS=9 bench/jobs-client.sh
#
# Environment:
#   DOCKET_BENCH_STORE  the store, generated once when missing (default /tmp/docket-bench-store, shared
#                       with store-vs-tcpdump.sh, jobs.sh and server.sh)
#   DOCKET_BENCH_RUNS   rounds (default 5)
#   DOCKET_BENCH_PORT   the loopback port to serve on (default 18416)
#
# Needs java, curl and a built CLI (./docket builds it when missing); installs nothing; talks only to
# 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${DOCKET_BENCH_STORE:-/tmp/docket-bench-store}"
runs="${DOCKET_BENCH_RUNS:-5}"
port="${DOCKET_BENCH_PORT:-18416}"
host="10.2.153.140"

say() { printf 'jobs-client: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v curl >/dev/null || die "curl is missing (Debian: curl)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian: time)"

"$root/docket" --version >/dev/null
# shellcheck source=bench/store.sh
source "$root/bench/store.sh"
bench_store "$store"
work="$(mktemp -d "${TMPDIR:-/tmp}/docket-jobs-client-bench.XXXXXX")"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "$password" | "$root/docket" passwd --file "$work/users" bench >/dev/null
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
export DOCKET_SERVER="$base" DOCKET_USER=bench DOCKET_PASSWORD="$password"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
minute() { date -u -d "$first + $1 minutes" +%Y-%m-%dT%H:%M:%SZ; }

say "running the job whose result is downloaded"
id="$("$root/docket" jobs submit --wait "after $(minute 20) and before $(minute 30)")"
size="$(curl -sf -u "bench:$password" "${base}api/v1/jobs/$id" | python3 -c 'import json, sys; print(json.load(sys.stdin)["result-bytes"])')"
cat "$work/spool"/results/* >/dev/null 2>&1 || true # warm: both read it from the page cache

echo "### jobs client (\`bench/jobs-client.sh\`) — $(date -u +%Y-%m-%dT%H:%MZ), $(cd "$root" && git rev-parse --short HEAD)"
echo
echo "- store $store: $(du -sh "$store" | cut -f1); load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs rounds, alternated"
echo
# timed NAME COMMAND...: runs COMMAND, appending its wall ms to NAME_wall and its CPU ms to NAME_cpu.
timed() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null
  read -r wall user system < "$work/time"
  eval "${name}_wall+=(\"$(awk -v w="$wall" 'BEGIN {printf "%d", w * 1000}')\")"
  eval "${name}_cpu+=(\"$(awk -v u="$user" -v s="$system" 'BEGIN {printf "%d", (u + s) * 1000}')\")"
}
get_wall=(); get_cpu=(); curl_wall=(); curl_cpu=(); submit_wall=(); submit_cpu=()
for round in $(seq 1 "$runs"); do
  say "round $round of $runs"
  timed get "$root/docket" jobs get "$id" -w "$work/get.pcap"
  timed curl curl -sf -u "bench:$password" -o "$work/curl.pcap" "${base}api/v1/jobs/$id/pcap"
  cmp -s "$work/get.pcap" "$work/curl.pcap" || die "docket jobs get and curl downloaded different bytes"
  rm -f "$work/get.pcap" "$work/curl.pcap"
  # A new one-minute window each round, so that no round finds the job of another (the server's dedupe).
  timed submit "$root/docket" jobs submit --wait -w "$work/submitted.pcap" \
    "host $host and after $(minute $((40 + round))) and before $(minute $((41 + round)))"
  rm -f "$work/submitted.pcap"
done
m() { printf '%s\n' "$@" | median; }
echo "| what | wall, median ms | CPU, median ms | wall runs, ms |"
echo "|---|---|---|---|"
echo "| \`docket jobs get ID -w FILE\`, $size bytes | $(m "${get_wall[@]}") | $(m "${get_cpu[@]}") | ${get_wall[*]} |"
echo "| \`curl -o FILE\` of \`/api/v1/jobs/ID/pcap\`, the same bytes | $(m "${curl_wall[@]}") | $(m "${curl_cpu[@]}") | ${curl_wall[*]} |"
echo "| \`docket jobs submit --wait -w FILE\`, a one-minute host query | $(m "${submit_wall[@]}") | $(m "${submit_cpu[@]}") | ${submit_wall[*]} |"
echo
ratios() { local -n a="$1" b="$2"; for i in "${!a[@]}"; do awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN {printf "%.3f\n", x / y}'; done | median; }
echo "- docket jobs get / curl, the median of the rounds' ratios: wall $(printf '%.2f' "$(ratios get_wall curl_wall)"), CPU $(printf '%.2f' "$(ratios get_cpu curl_cpu)") (docket's times include the JVM's start)"
