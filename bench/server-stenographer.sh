#!/usr/bin/env bash
# A real Stenographer's ~240 MB answer through a warm `docket serve` (GET /api/v1/stream) against
# curl straight to the sensor, same query, alternating runs, medians and the median of the pair
# ratios (issue 14's target: ≤ 1.05×). Each round also times the same curl into a pipe (`-o - | cat`):
# the least any program between sensor and client adds. Reports the server's CPU per stream, and
# a query that finds nothing both ways (what a query costs before its first packet). Checks once
# that both answers hold the same records. Prints a Markdown report on standard output; progress
# on standard error. To compare two builds, start one test bed and give it to each build's copy of
# this script in turn (DOCKET_BENCH_STENO).
#
#   sudo bench/server-stenographer.sh                     # 7 alternating pairs
#   sudo DOCKET_BENCH_RUNS=9 bench/server-stenographer.sh
#
# Environment:
#   DOCKET_BENCH_STENO  a running test bed's state directory (scripts/stenographer-testbed.sh start);
#                       by default the script starts one (sensor-2 fed smb_smb2.pcap, then
#                       http_206_example_b.pcap DOCKET_BENCH_LOOPS times) and stops it at the end
#   DOCKET_BENCH_LOOPS  replays of the bulk capture (default 160: ~240 MB answer to `tcp`)
#   DOCKET_BENCH_RUNS   rounds (default 7)
#   DOCKET_BENCH_WARM_MAX  the most warm-up pairs before the rounds (default 60; they stop sooner
#                       once a stream adds under 20 ms of JIT compiling)
#   DOCKET_BENCH_PORT   the loopback port to serve on (default 18415)
#   DOCKET_CORPUS       the capture corpus the test bed replays (default ../shared/corpus)
#   DOCKET_JAVA_OPTS    extra options for the server's JVM (the launcher's)
#
# Needs root (the test bed), a JDK (java, jstat), curl and the test bed's Debian packages (stenographer, tcpreplay,
# tcpdump). Only one test bed may run on a machine at a time: its addresses are fixed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
testbed="$root/scripts/stenographer-testbed.sh"
corpus="${DOCKET_CORPUS:-$root/../shared/corpus}"
runs="${DOCKET_BENCH_RUNS:-7}"
warm_max="${DOCKET_BENCH_WARM_MAX:-60}"
loops="${DOCKET_BENCH_LOOPS:-160}"
port="${DOCKET_BENCH_PORT:-18415}"
state="${DOCKET_BENCH_STENO:-}"
query="tcp"
small_query="host 192.0.2.1"

say() { printf 'server-stenographer: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v curl >/dev/null 2>&1 || die "missing: curl (Debian package curl)"

work="$(mktemp -d "${TMPDIR:-/tmp}/server-stenographer.XXXXXX")"
started_bed=""
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$started_bed" ]]; then
    "$testbed" stop "$started_bed" >/dev/null 2>&1 || say "could not stop the test bed in $started_bed"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "building the CLI if needed"
"$root/docket" --version >/dev/null
if [[ -z "$state" ]]; then
  state="$(mktemp -d "${TMPDIR:-/tmp}/docket-steno-bench.XXXXXX")"
  say "starting the test bed in $state ($loops loops of the bulk capture)"
  "$testbed" start "$state" "$corpus/zeek/http_1000-requests-one-dropped-response.pcap" \
    "$corpus/zeek/smb_smb2.pcap" "$corpus/zeek/http_206_example_b.pcap" "$loops" >&2
  started_bed="$state"
fi
read -r _ host sensor_port _ < <(awk '$1 == "sensor-2"' "$state/sensors")
[[ -n "${sensor_port:-}" ]] || die "$state/sensors names no sensor-2"
client="$state/client"
cat >"$work/docket.yaml" <<EOF
sources:
  - name: sensor-2
    type: stenographer
    host: $host
    port: $sensor_port
    cert: $client/client_cert.pem
    key: $client/client_key.pem
    ca: $client/ca_cert.pem
    verify-hostname: false
EOF
password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "$password" | "$root/docket" passwd --file "$work/users" bench >/dev/null
"$root/docket" serve --config "$work/docket.yaml" --port "$port" --users "$work/users" --spool "$work/spool" >"$work/serve.log" 2>&1 &
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

stream=(curl -sS --fail -u "bench:$password" "${base}api/v1/stream?query=$query")
direct=(curl -sS --fail --http1.1 --cacert "$client/ca_cert.pem" --cert "$client/client_cert.pem" --key "$client/client_key.pem"
  "https://$host:$sensor_port/query" --data-binary "$query")

# Warm: the server's JIT, its connection to the sensor, the sensor's page cache. Then the check.
# A few streams are not enough: the JIT kept compiling for 10-18 streams of 240 MB, up to 0.14 s of
# CPU a stream on these same 2 cores (jstat -compiler), so the rounds timed the compiler too. Warm
# until a stream adds less than 20 ms of compiling (at least 5 streams, at most warm_max).
jstat="$(dirname "$(readlink -f "/proc/$server/exe")")/jstat"
[[ -x "$jstat" ]] || jstat=jstat
jit_seconds() { "$jstat" -compiler "$server" | awk 'NR == 2 { print $4 }'; }
say "warming up (until the JIT settles) and checking the answers"
warm=0
jit_before="$(jit_seconds)"
while ((warm < warm_max)); do
  "${stream[@]}" -o /dev/null; "${direct[@]}" -o /dev/null
  warm=$((warm + 1))
  jit_now="$(jit_seconds)"
  settled="$(awk -v a="$jit_before" -v b="$jit_now" 'BEGIN { print (b - a < 0.02) }')"
  jit_before="$jit_now"
  ((warm >= 5 && settled)) && break
done
"${stream[@]}" -o "$work/stream.pcap"
"${direct[@]}" -o "$work/direct.pcap"
if cmp -s <(tail -c +25 "$work/stream.pcap") <(tail -c +25 "$work/direct.pcap"); then same="same records"; else same="records DIFFER"; fi
bytes=$(stat -c %s "$work/direct.pcap")
rm -f "$work/stream.pcap" "$work/direct.pcap"

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
jit_start="$(jit_seconds)"
# The server's CPU (user + system), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
tick_hz="$(getconf CLK_TCK)"
# The least any program between the sensor and the client adds: curl's answer through a pipe into cat.
piped() { { "${direct[@]}" -o - -w '%{stderr}%{time_total}' | cat >/dev/null; } 2>&1; }
small_stream=(curl -sS --fail -u "bench:$password" "${base}api/v1/stream?query=$(printf %s "$small_query" | sed 's/ /%20/g')")
small_direct=("${direct[@]:0:${#direct[@]}-1}" "$small_query")
s=(); d=(); p=(); r=(); rp=(); c=(); ss=(); sd=()
for i in $(seq 1 "$runs"); do
  say "run $i of $runs"
  # Rotated, so each goes first, second and third as often; curl's own clock, to the last byte.
  for j in 0 1 2; do
    case $(((i + j) % 3)) in
      0) before_ticks="$(cpu_ticks)"; a="$("${stream[@]}" -o /dev/null -w '%{time_total}')"; c+=("$(( $(cpu_ticks) - before_ticks ))") ;;
      1) b="$("${direct[@]}" -o /dev/null -w '%{time_total}')" ;;
      2) q="$(piped)" ;;
    esac
  done
  s+=("$a"); d+=("$b"); p+=("$q")
  r+=("$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"); rp+=("$(awk -v a="$q" -v b="$b" 'BEGIN { print a / b }')")
  # A query that finds nothing: what a query costs before its first packet.
  ss+=("$("${small_stream[@]}" -o /dev/null -w '%{time_total}')"); sd+=("$("${small_direct[@]}" -o /dev/null -w '%{time_total}')")
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
jit_rounds="$(awk -v a="$jit_start" -v b="$(jit_seconds)" 'BEGIN { printf "%.2f", b - a }')"

echo "### \`docket serve\` stream vs curl, one Stenographer (\`bench/server-stenographer.sh\`) — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" rev-parse --short HEAD)"
echo
echo "- test bed: scripts/stenographer-testbed.sh, sensor-2 ($loops loops of the bulk capture); server, curl and sensor share this machine's $(nproc) cores; load average before $load_before, after $load_after"
echo "- stream: \`curl -u ... '${base}api/v1/stream?query=$query' -o /dev/null\` (a warm server: $warm warm-up pairs first, until a stream added under 20 ms of JIT compiling; $jit_rounds s of compiling during all the rounds); direct: \`curl --http1.1 --cacert ... --cert ... --key ... --data-binary '$query' https://SENSOR/query -o /dev/null\`"
echo
echo "| query | answer bytes | same records | stream median s | direct median s | **stream ÷ direct, median of rounds** | min–max | direct into \`| cat\`, median s | **piped ÷ direct** | min–max |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '| `%s` | %s | %s | %s | %s | **%s** | %s–%s | %s | **%s** | %s–%s |\n' "$query" "$bytes" "$same" "$(printf '%s\n' "${s[@]}" | median)" \
  "$(printf '%s\n' "${d[@]}" | median)" "$(printf '%s\n' "${r[@]}" | median)" \
  "$(printf '%s\n' "${r[@]}" | sort -g | head -1)" "$(printf '%s\n' "${r[@]}" | sort -g | tail -1)" \
  "$(printf '%s\n' "${p[@]}" | median)" "$(printf '%s\n' "${rp[@]}" | median)" \
  "$(printf '%s\n' "${rp[@]}" | sort -g | head -1)" "$(printf '%s\n' "${rp[@]}" | sort -g | tail -1)"
echo
echo "- piped: the direct curl with \`-o - | cat >/dev/null\`: the least any program between the sensor and the client adds (a pipe, no TLS, no HTTP), on the same cores"
echo "- the server's CPU per stream (user + system, /proc/PID/stat): median $(printf '%s\n' "${c[@]}" | median | awk -v hz="$tick_hz" '{ printf "%.2f", $1 / hz }') s (every stream, ticks of 1/$tick_hz s: ${c[*]})"
echo "- a query that finds nothing (\`$small_query\`), median s: through the server $(printf '%s\n' "${ss[@]}" | median), straight to the sensor $(printf '%s\n' "${sd[@]}" | median)"
echo "- every round, stream/direct/piped s: $(paste -d/ <(printf '%s\n' "${s[@]}") <(printf '%s\n' "${d[@]}") <(printf '%s\n' "${p[@]}") | paste -sd' ' -)"
echo "- the server after the runs: $(grep -E '^(VmRSS|VmHWM|Threads)' /proc/$server/status | tr -s ' \t' ' ' | paste -sd ';' -)"
