#!/usr/bin/env bash
# Times `docket query --config` against curl fetching the same query straight from the same real
# Stenographer, for answers of three sizes (a few MB, ~150 MB, ~1 GB), alternating runs, medians and
# ratios, and checks that both got the same packets. Prints a Markdown report on standard output;
# progress on standard error.
#
#   bench/stenographer-vs-curl.sh                       # 5 alternating runs of each pair
#   DOCKET_BENCH_RUNS=9 bench/stenographer-vs-curl.sh   # more runs on a noisy machine
#
# Environment:
#   DOCKET_BENCH_STENO  a running test bed's state directory (scripts/stenographer-testbed.sh start);
#                       by default the script starts one in a temporary directory (~1 minute: sensor-2
#                       is fed smb_smb2.pcap, then http_206_example_b.pcap DOCKET_BENCH_LOOPS times)
#                       and stops it at the end
#   DOCKET_BENCH_LOOPS  how often the bulk capture is replayed into sensor-2 (default 640: ~955 MB)
#   DOCKET_BENCH_RUNS   timed runs of each command (default 5)
#   DOCKET_CORPUS       the capture corpus the test bed replays (default ../shared/corpus)
#   DOCKET_JAVA_OPTS    extra options for docket's JVM (default none: what a user gets)
#
# Needs root, java, curl and the Debian packages stenographer, tcpreplay and tcpdump (the test bed's
# needs); the traffic stays in the test bed's network namespace.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docket="$root/docket"
testbed="$root/scripts/stenographer-testbed.sh"
corpus="${DOCKET_CORPUS:-$root/../shared/corpus}"
runs="${DOCKET_BENCH_RUNS:-5}"
loops="${DOCKET_BENCH_LOOPS:-640}"
state="${DOCKET_BENCH_STENO:-}"
# Sensor-2's answers: the SMB conversation (fed once), one HTTP server of the looped capture (~15% of
# its bytes), and everything.
queries=("port 445" "host 65.54.95.14" "tcp")

say() { printf 'stenographer-vs-curl: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
[[ "$loops" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_LOOPS must be a positive number, not '$loops'"
command -v curl >/dev/null 2>&1 || die "missing: curl (Debian package curl); install it and run again"

work="$(mktemp -d "${TMPDIR:-/tmp}/stenographer-vs-curl.XXXXXX")"
started_bed=""
cleanup() {
  if [[ -n "$started_bed" ]]; then
    "$testbed" stop "$started_bed" >/dev/null 2>&1 || say "could not stop the test bed in $started_bed"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "building the CLI if needed"
"$docket" --version >/dev/null
if [[ -z "$state" ]]; then
  # A directory of its own, not under $work: the sensors run as the stenographer user, who must
  # reach it (the test bed opens its state directory to them; mktemp's parents stay private).
  state="$(mktemp -d "${TMPDIR:-/tmp}/docket-steno-bench.XXXXXX")"
  say "starting the test bed in $state ($loops loops of the bulk capture)"
  "$testbed" start "$state" "$corpus/zeek/http_1000-requests-one-dropped-response.pcap" \
    "$corpus/zeek/smb_smb2.pcap" "$corpus/zeek/http_206_example_b.pcap" "$loops" >&2
  started_bed="$state"
fi
read -r _ host port _ < <(awk '$1 == "sensor-2"' "$state/sensors")
[[ -n "${port:-}" ]] || die "$state/sensors names no sensor-2; is $state a test bed's state directory?"
client="$state/client"
cat >"$work/docket.yaml" <<EOF
sources:
  - name: sensor-2
    type: stenographer
    host: $host
    port: $port
    cert: $client/client_cert.pem
    key: $client/client_key.pem
    ca: $client/ca_cert.pem
    verify-hostname: false
EOF

# timed NAME CMD...: appends "wall cpu peak-rss-KiB" to $work/NAME
timed() {
  local name="$1"
  shift
  /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$@" >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    die "failed: $*"
  }
  read -r wall user sys rss <"$work/time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss" >>"$work/$name"
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { awk -v f="$2" '{ print $f }' "$work/$1"; }
[[ -x /usr/bin/time ]] || die "missing: /usr/bin/time (Debian package time); install it and run again"

# Each takes the query as its last argument.
docket_cmd=("$docket" query --config "$work/docket.yaml" -w "$work/docket.pcap")
curl_cmd=(curl -sS --fail --http1.1 --cacert "$client/ca_cert.pem" --cert "$client/client_cert.pem"
  --key "$client/client_key.pem" -o "$work/curl.pcap" "https://$host:$port/query" --data-binary)

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((q = 0; q < ${#queries[@]}; q++)); do
  query="${queries[$q]}"
  say "query '$query': a first pair, checked"
  "${docket_cmd[@]}" "$query" 2>/dev/null
  "${curl_cmd[@]}" "$query"
  # The same packets: every record after the 24-byte file header (whose snapshot length differs).
  if cmp -s <(tail -c +25 "$work/docket.pcap") <(tail -c +25 "$work/curl.pcap"); then
    same="same records"
  else
    same="records DIFFER"
  fi
  echo "$(stat -c %s "$work/curl.pcap") $same" >"$work/answer.$q"
  for ((i = 1; i <= runs; i++)); do
    say "query '$query': run $i of $runs"
    timed "docket.$q" "${docket_cmd[@]}" "$query"
    timed "curl.$q" "${curl_cmd[@]}" "$query"
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "### docket query --config vs curl, one Stenographer — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" rev-parse --short HEAD)"
echo
echo "- test bed: scripts/stenographer-testbed.sh, sensor-2 ($loops loops of the bulk capture); client and sensor share this machine's $(nproc) cores"
echo "- $runs alternating runs of each pair (docket first); medians; load average before $load_before, after $load_after; DOCKET_JAVA_OPTS=${DOCKET_JAVA_OPTS:-}"
echo "- curl: \`curl --http1.1 --cacert ... --cert ... --key ... --data-binary QUERY -o FILE https://SENSOR/query\`"
echo
echo "| query | answer bytes | same packets | docket wall s | curl wall s | **median of pair ratios** | docket CPU s | curl CPU s | docket peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|"
for ((q = 0; q < ${#queries[@]}; q++)); do
  read -r bytes same <"$work/answer.$q"
  # The ratio of each alternated pair, then their median: steadier than the ratio of the medians
  # when a neighbour's load comes and goes.
  pairs="$(paste -d' ' <(field "docket.$q" 1) <(field "curl.$q" 1) | awk '{ print $1 / $2 }' | median)"
  printf '| `%s` | %s | %s | %s | %s | **%s** | %s | %s | %s |\n' "${queries[$q]}" "$bytes" "$same" \
    "$(field "docket.$q" 1 | median)" "$(field "curl.$q" 1 | median)" "$pairs" \
    "$(field "docket.$q" 2 | median)" "$(field "curl.$q" 2 | median)" \
    "$(field "docket.$q" 3 | median | awk '{ printf "%.0f", $1 / 1024 }')"
done
echo
echo '<details><summary>every run: wall s, CPU s, peak RSS KiB</summary>'
echo
echo '```'
for ((q = 0; q < ${#queries[@]}; q++)); do
  printf '%-20s docket %s\n' "${queries[$q]}" "$(paste -sd';' "$work/docket.$q")"
  printf '%-20s curl   %s\n' "" "$(paste -sd';' "$work/curl.$q")"
done
echo '```'
echo
echo '</details>'
