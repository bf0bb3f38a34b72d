#!/usr/bin/env bash
# Times `docket filter -w /dev/null 'bpf "EXPR"' FILE` against `tcpdump -r FILE -w /dev/null EXPR` (issue
# 17: libpcap compiles, Docket's own BPF machine runs), alternating runs, medians and the median of
# pair ratios, on two packet mixes. Prints a Markdown report on standard output; progress on stderr.
#
#   bench/bpf-vs-tcpdump.sh
#   DOCKET_BENCH_RUNS=7 DOCKET_BENCH_EXPR='tcp[13] & 2 != 0' bench/bpf-vs-tcpdump.sh
#
# Environment:
#   DOCKET_BENCH_DIR    where the captures are generated once and kept (default /tmp/docket-bench/bpf)
#   DOCKET_BENCH_RUNS   alternated runs of each command per case (default 5)
#   DOCKET_BENCH_EXPR   the tcpdump expression (default 'tcp[13] & 2 != 0', SYN set)
#   DOCKET_BENCH_CASES  "default:4G small:1G" (mix:size; small = --max-length 128, ~83-byte records)
#
# Needs java, tcpdump and GNU time at /usr/bin/time; installs nothing and uses no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docket="$root/docket"
dir="${DOCKET_BENCH_DIR:-/tmp/docket-bench/bpf}"
runs="${DOCKET_BENCH_RUNS:-5}"
expr="${DOCKET_BENCH_EXPR:-tcp[13] & 2 != 0}"
cases="${DOCKET_BENCH_CASES:-default:4G small:1G}"

say() { printf 'bpf-vs-tcpdump: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v tcpdump >/dev/null 2>&1 || die "missing tcpdump (Debian: tcpdump); install it and run again"
/usr/bin/time -f '%e' -o /dev/null true 2>/dev/null || die "missing GNU time at /usr/bin/time (Debian package 'time')"

mkdir -p "$dir"
work="$(mktemp -d "${TMPDIR:-/tmp}/bpf-vs-tcpdump.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say "building the CLI if needed"
"$docket" --version >/dev/null
escaped="${expr//\\/\\\\}"; escaped="${escaped//\"/\\\"}"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }

echo "### bpf vs tcpdump (\`bpf-vs-tcpdump.sh\`) — $(date -u +%Y-%m-%dT%H:%MZ), $(cd "$root" && git rev-parse --short HEAD)"
echo
echo "- machine: $(nproc) cores, load average at the start $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(tcpdump --version 2>&1 | head -2 | tr '\n' ' ')"
echo "- expression: \`$expr\`; page cache warm; $runs alternated rounds; output /dev/null"
echo
echo "| mix | size | command | wall s (min–max) | ratio to tcpdump | user s | sys s | packets kept |"
echo "|---|---|---|---|---|---|---|---|"
for case in $cases; do
  mix="${case%%:*}"; size="${case##*:}"
  file="$dir/$mix-$size.pcap"
  if [[ ! -s "$file" ]]; then
    say "generating $file"
    if [[ "$mix" == small ]]; then
      "$docket" generate --size "$size" --max-length 128 -w "$file" >&2
    else
      "$docket" generate --size "$size" -w "$file" >&2
    fi
  fi
  cat "$file" > /dev/null; cat "$file" > /dev/null
  kept_docket="$("$docket" filter "bpf \"$escaped\"" "$file" | tcpdump -r - -w /dev/null --count 2>/dev/null | awk '{ print $1 }' || true)"
  kept_tcpdump="$(tcpdump -r "$file" --count "$expr" 2>/dev/null | awk '{ print $1 }')"
  [[ "$kept_docket" == "$kept_tcpdump" ]] || die "$mix $size: docket kept $kept_docket packets, tcpdump $kept_tcpdump"
  : > "$work/docket"; : > "$work/tcpdump"; : > "$work/ratios"
  for ((i = 1; i <= runs; i++)); do
    say "$mix $size: round $i of $runs (load $(cut -d' ' -f1 /proc/loadavg))"
    /usr/bin/time -f '%e %U %S' -o "$work/t" "$docket" filter -w /dev/null "bpf \"$escaped\"" "$file"; d="$(cat "$work/t")"
    /usr/bin/time -f '%e %U %S' -o "$work/t" tcpdump -r "$file" -w /dev/null "$expr" 2>/dev/null; t="$(cat "$work/t")"
    echo "$d" >> "$work/docket"; echo "$t" >> "$work/tcpdump"
    awk -v d="${d%% *}" -v t="${t%% *}" 'BEGIN { printf "%.3f\n", d / t }' >> "$work/ratios"
  done
  for command in docket tcpdump; do
    wall="$(awk '{ print $1 }' "$work/$command" | median)"; spread="$(awk '{ print $1 }' "$work/$command" | range)"
    user="$(awk '{ print $2 }' "$work/$command" | median)"; sys="$(awk '{ print $3 }' "$work/$command" | median)"
    ratio="-"; [[ "$command" == docket ]] && ratio="**$(median < "$work/ratios") ($(range < "$work/ratios"))**"
    echo "| $mix | $size | \`$command\` | $wall ($spread) | $ratio | $user | $sys | $kept_tcpdump |"
  done
done
