#!/usr/bin/env bash
# Times `docket query --store` against `tcpdump -V FILELIST` over the same rotated store: a full-range
# selective query (every file read) and a one-minute window (one file read), alternating runs, medians
# and ratios. Prints a Markdown report on standard output; progress on standard error.
#
#   bench/store-vs-tcpdump.sh                       # 5 alternating runs of each command
#   DOCKET_BENCH_RUNS=9 bench/store-vs-tcpdump.sh   # more runs on a noisy machine
#
# Environment:
#   DOCKET_BENCH_STORE  the store, generated once when missing (default /tmp/docket-bench-store:
#                       `docket generate --size 5200M --rate 1000 --rotate 60s`, 120 one-minute files)
#   DOCKET_BENCH_RUNS   timed runs of each command (default 5)
#   DOCKET_JAVA_OPTS    the docket JVM's options (default -Xmx256m)
#
# Needs java and tcpdump (Debian: tcpdump); installs nothing and uses no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docket="$root/docket"
store="${DOCKET_BENCH_STORE:-/tmp/docket-bench-store}"
runs="${DOCKET_BENCH_RUNS:-5}"
export DOCKET_JAVA_OPTS="${DOCKET_JAVA_OPTS:--Xmx256m}"
# The busiest host of the generated mix: selective (about 0.4% of the packets), present in every file.
host="10.2.153.140"
window_start="2024-06-03T10:15:00Z"
window_end="2024-06-03T10:16:00Z"

say() { printf 'store-vs-tcpdump: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v tcpdump >/dev/null 2>&1 || die "missing: tcpdump (Debian package tcpdump); install it and run again"

work="$(mktemp -d "${TMPDIR:-/tmp}/store-vs-tcpdump.XXXXXX")"
trap 'rm -rf "$work"' EXIT

say "building the CLI if needed"
"$docket" --version >/dev/null
if [[ ! -d "$store" ]] || ! compgen -G "$store/*.pcap" >/dev/null; then
  say "generating the store in $store"
  "$docket" generate --size 5200M --rate 1000 --rotate 60s -w "$store/"
fi
find "$store" -name '*.pcap' | sort >"$work/files"
window_file="$(awk -F/ '$NF == "docket-20240603101500.pcap"' "$work/files")"
[[ -n "$window_file" ]] || die "$store has no docket-20240603101500.pcap; delete it and run again to regenerate"
bytes="$(xargs stat -c %s <"$work/files" | awk '{ t += $1 } END { printf "%.0f", t }')"
say "warming the page cache and the catalog"
xargs cat <"$work/files" >/dev/null
"$docket" query --store "$store" -w /dev/null "host $host" 2>/dev/null

# timed NAME CMD...: appends "wall cpu" (seconds) to $work/NAME
timed() {
  local name="$1"
  shift
  { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>"$work/stderr"; } 2>"$work/time" || {
    cat "$work/stderr" >&2
    die "failed: $*"
  }
  read -r wall user sys <"$work/time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" >>"$work/$name"
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { awk -v f="$2" '{ print $f }' "$work/$1"; }

full=(query --store "$store" -w /dev/null "host $host")
window=(query --store "$store" -w /dev/null "host $host and after $window_start and before $window_end")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= runs; i++)); do
  say "run $i of $runs"
  timed full.docket "$docket" "${full[@]}"
  timed full.tool tcpdump -n -V "$work/files" -w /dev/null "ip host $host"
  timed window.docket "$docket" "${window[@]}"
  timed window.tool tcpdump -n -r "$window_file" -w /dev/null "ip host $host"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
stats="$("$docket" query --store "$store" --stats -w /dev/null "host $host and after $window_start and before $window_end" 2>&1 >/dev/null | tail -n 1)"
full_stats="$("$docket" query --store "$store" --stats -w /dev/null "host $host" 2>&1 >/dev/null | tail -n 1)"

row() { # LABEL KEY
  local dw tw pairs
  dw="$(field "$2.docket" 1 | median)"
  tw="$(field "$2.tool" 1 | median)"
  # The ratio of each alternated pair, then their median: steadier than the ratio of the medians
  # when a neighbour's load comes and goes.
  pairs="$(paste -d' ' <(field "$2.docket" 1) <(field "$2.tool" 1) | awk '{ print $1 / $2 }' | median)"
  printf '| %s | %s | %s | **%.2f** | %.2f | %s | %s |\n' "$1" "$dw" "$tw" "$(awk -v a="$dw" -v b="$tw" 'BEGIN { print a / b }')" \
    "$pairs" "$(field "$2.docket" 2 | median)" "$(field "$2.tool" 2 | median)"
}
echo "### docket query --store vs tcpdump — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" rev-parse --short HEAD)"
echo
echo "- store: $store, $(wc -l <"$work/files") files, $bytes bytes, in the page cache; catalog current"
echo "- $runs alternating runs each; medians; load average before $load_before, after $load_after; DOCKET_JAVA_OPTS=$DOCKET_JAVA_OPTS"
echo "- full range: $full_stats"
echo "- one-minute window: $stats"
echo
echo "| command pair | docket wall s | tcpdump wall s | wall ratio | median of pair ratios | docket CPU s | tcpdump CPU s |"
echo "|---|---|---|---|---|---|---|"
row "full range: \`docket query --store S 'host $host'\` vs \`tcpdump -V FILES 'ip host $host'\`" full
row "one minute: \`... 'host $host and after $window_start and before $window_end'\` vs \`tcpdump -r\` of its one file" window
echo
echo '<details><summary>every run: wall s, CPU s</summary>'
echo
echo '```'
for key in full.docket full.tool window.docket window.tool; do
  printf '%-14s %s\n' "$key" "$(paste -sd';' "$work/$key")"
done
echo '```'
echo
echo '</details>'
