#!/usr/bin/env bash
# Times whole `docket filter` / `docket merge` commands against tcpdump and mergecap on big synthetic
# captures, and checks once per pair that they select the same packets. Prints a Markdown report on
# standard output (progress goes to standard error) and keeps a copy in $DOCKET_BENCH_DIR.
#
#   bench/compare-tools.sh                      # 5 alternating runs of each command
#   DOCKET_BENCH_RUNS=9 bench/compare-tools.sh  # more runs on a noisy machine
#
# Environment:
#   DOCKET_BENCH_DIR    where the captures are generated once and kept (default /tmp/docket-bench);
#                       the outputs are written there too, so they are on the same disk as the inputs
#   DOCKET_BENCH_RUNS   timed runs of each command (default 5)
#   DOCKET_BENCH_CHECK  1 (default) compares the commands' outputs once per pair; 0 skips that
#   DOCKET_BENCH_OUT_DIR
#                       where the merge writes its 4.3 GB output (default DOCKET_BENCH_DIR; /dev/shm, a
#                       tmpfs, takes the disk's writeback out of the comparison)
#   DOCKET_BENCH_SIZE, DOCKET_BENCH_PART_SIZE
#                       the filtered capture's and each merged file's size (default 4G and 500M;
#                       smaller ones only to try the script out)
#   DOCKET_JAVA_OPTS    the docket JVM's options (default -Xmx256m)
#
# Needs: java, tcpdump, mergecap and capinfos (Debian: tcpdump, wireshark-common), about 9 GB for
# the inputs plus 9 GB while outputs are compared, and GNU time (Debian: time) for peak RSS, which
# is left out without it. Installs nothing and uses no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docket="$root/docket"
dir="${DOCKET_BENCH_DIR:-/tmp/docket-bench}"
runs="${DOCKET_BENCH_RUNS:-5}"
check="${DOCKET_BENCH_CHECK:-1}"
export DOCKET_JAVA_OPTS="${DOCKET_JAVA_OPTS:--Xmx256m}"

big_size="${DOCKET_BENCH_SIZE:-4G}"
big_seed=1
part_size="${DOCKET_BENCH_PART_SIZE:-500M}"
part_seeds=(11 12 13 14 15 16 17 18)

say() { printf 'compare-tools: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"

# ---- tools: check, never install ---------------------------------------------------------------
missing=()
for tool in java tcpdump mergecap capinfos; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  die "missing: ${missing[*]} (Debian packages: java: openjdk-17-jre-headless, tcpdump: tcpdump, mergecap and capinfos: wireshark-common); install them and run again"
fi
have_rss=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  have_rss=1
else
  say "no GNU time at /usr/bin/time (Debian package 'time'): peak RSS is not recorded"
fi

mkdir -p "$dir"
work="$(mktemp -d "${TMPDIR:-/tmp}/compare-tools.XXXXXX")"
out_dir="${DOCKET_BENCH_OUT_DIR:-$dir}"
out="$out_dir/merged.pcap"
cleanup() {
  rm -rf "$work"
  rm -f "$out" "$dir/check-docket.pcap" "$dir/check-tool.pcap"
  rm -f "$out_dir"/.merged.pcap.*.partial "$dir"/.check-docket.pcap.*.partial
}
trap cleanup EXIT

# ---- inputs: generated once, kept in $dir (docket writes beside the name and renames when done) --
say "building the CLI if needed"
"$docket" --version >/dev/null
big="$dir/capture-$big_size-seed$big_seed.pcap"
parts=()
for seed in "${part_seeds[@]}"; do
  parts+=("$dir/part-$part_size-seed$seed.pcap")
done
generate() { # SIZE SEED FILE
  if [[ ! -s "$3" ]]; then
    say "generating $3 (--size $1 --seed $2)"
    "$docket" generate --size "$1" --seed "$2" -w "$3"
  fi
}
generate "$big_size" "$big_seed" "$big"
for i in "${!part_seeds[@]}"; do
  generate "$part_size" "${part_seeds[$i]}" "${parts[$i]}"
done

size_of() { stat -c %s "$@" | awk '{ total += $1 } END { printf "%.0f\n", total }'; }
big_bytes="$(size_of "$big")"
parts_bytes="$(size_of "${parts[@]}")"

avail_kib="$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')"
need_kib=$(((big_bytes + 2 * parts_bytes) / 1024))
if ((avail_kib < need_kib)); then
  say "warning: $((avail_kib / 1048576)) GiB free in $dir; the merge comparison needs about $((need_kib / 1048576)) GiB"
fi

# ---- warm the page cache -----------------------------------------------------------------------
say "warming the page cache ($(((big_bytes + parts_bytes) / 1000000)) MB)"
cat "$big" "${parts[@]}" >/dev/null
start_ns="$(date +%s%N)"
cat "$big" "${parts[@]}" >/dev/null
cached_read_s="$(awk -v ns="$(($(date +%s%N) - start_ns))" 'BEGIN { printf "%.2f", ns / 1e9 }')"
cache_note="re-reading all inputs with cat took ${cached_read_s} s"
if command -v fincore >/dev/null 2>&1; then
  resident="$(fincore -b -n -o RES "$big" "${parts[@]}" | awk '{ total += $1 } END { printf "%.0f\n", total }')"
  cache_note="$cache_note; $((resident * 100 / (big_bytes + parts_bytes)))% of the input bytes are in the page cache (fincore)"
fi

# ---- the busy host: the most frequent IPv4 address in the first 100k packets --------------------
host="$(tcpdump -nn -t -q -r "$big" -c 100000 2>/dev/null \
  | grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')"
[[ -n "$host" ]] || die "found no IPv4 address in the first packets of $big"
say "busy host: $host"

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"

# ---- timing --------------------------------------------------------------------------------------
# timed NAME CMD...: runs CMD once with its output discarded; appends "wall cpu rss_kib" to
# $work/NAME (seconds, seconds, KiB or -). The wall and CPU times are bash's, to the millisecond.
timed() {
  local name="$1" timing status=0
  shift
  local -a wrap=()
  if ((have_rss)); then
    wrap=(/usr/bin/time -f '%M' -o "$work/rss")
  fi
  rm -f "$work/rss"
  {
    TIMEFORMAT='%3R %3U %3S'
    time "${wrap[@]}" "$@" >/dev/null 2>"$work/stderr" || status=$?
  } 2>"$work/time"
  if ((status != 0)); then
    say "failed (exit $status): $*"
    cat "$work/stderr" >&2
    exit 1
  fi
  read -r wall user sys <"$work/time"
  rss="-"
  if ((have_rss)); then
    rss="$(tail -n 1 "$work/rss")"
  fi
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') $rss" >>"$work/$name"
}

# field NAME N: the N-th numbers of NAME's runs, one a line
field() { awk -v f="$2" '{ print $f }' "$work/$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }

# pair KEY DOCKET_CMD -- TOOL_CMD: alternating runs, docket first
pair() {
  local key="$1" i
  shift
  local -a docket_cmd=() tool_cmd=()
  while [[ "$1" != "--" ]]; do docket_cmd+=("$1"); shift; done
  shift
  tool_cmd=("$@")
  rm -f "$work/$key.docket" "$work/$key.tool"
  for ((i = 1; i <= runs; i++)); do
    say "$key: run $i of $runs"
    rm -f "$out"; sync
    timed "$key.docket" "${docket_cmd[@]}"
    rm -f "$out"; sync
    timed "$key.tool" "${tool_cmd[@]}"
  done
  rm -f "$out"
}

bpf_host="$("$docket" parse --bpf "host $host")"
bpf_tcp="$("$docket" parse --bpf tcp)"

pair host "$docket" filter -w /dev/null "host $host" "$big" -- tcpdump -r "$big" -w /dev/null "$bpf_host"
pair tcp "$docket" filter -w /dev/null tcp "$big" -- tcpdump -r "$big" -w /dev/null "$bpf_tcp"
pair merge "$docket" merge -w "$out" "${parts[@]}" -- mergecap -F pcap -w "$out" "${parts[@]}"

# docket's start-up alone, for reading the small differences; and the floor under any merge: the
# kernel copying the inputs' bytes into the output file, with no records to read or order
for ((i = 1; i <= runs; i++)); do
  timed startup "$docket" --version
  rm -f "$out"; sync
  timed floor sh -c 'cat "$@" >"$0"' "$out" "${parts[@]}"
done
rm -f "$out"

# ---- output checks ---------------------------------------------------------------------------
packets() { capinfos -T -r -c -M "$1" | awk -F '\t' '{ print $2 }'; }
group() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<<"$1"; } # 1234567 -> 1,234,567
# tool_count EXPR: packets tcpdump selects from the big capture with EXPR
tool_count() {
  tcpdump -r "$big" -w "$dir/check-tool.pcap" "$1" 2>/dev/null
  packets "$dir/check-tool.pcap"
  rm -f "$dir/check-tool.pcap"
}
# check_filter KEY QUERY BPF: one row of the counts table
check_filter() {
  local key="$1" query="$2" bpf="$3" ours plain vlan qinq mpls mpls2 through verdict
  say "$key: comparing outputs"
  "$docket" filter -w "$dir/check-docket.pcap" "$query" "$big"
  ours="$(packets "$dir/check-docket.pcap")"
  rm -f "$dir/check-docket.pcap"
  # libpcap sees through a tag or label only when the filter says so, for the rest of the filter:
  # these five filters are disjoint and cover untagged, 802.1Q, QinQ and one- and two-label MPLS.
  plain="$(tool_count "$bpf")"
  vlan="$(tool_count "vlan and ($bpf)")"
  qinq="$(tool_count "vlan and vlan and ($bpf)")"
  mpls="$(tool_count "mpls and ($bpf)")"
  mpls2="$(tool_count "mpls and mpls and ($bpf)")"
  through=$((plain + vlan + qinq + mpls + mpls2))
  if ((ours == through)); then
    verdict="same packets once tcpdump looks through tags and labels; plain \`$bpf\` misses $(group $((ours - plain))) behind VLAN/MPLS"
  else
    verdict="**DIFFERENT**: docket $(group "$ours") vs tcpdump with look-through $(group "$through")"
  fi
  echo "| \`docket filter '$query'\` vs \`tcpdump '$bpf'\` | $(group "$ours") | $(group "$plain") | $(group "$through") = $(group "$plain") + $(group "$vlan") 802.1Q + $(group "$qinq") QinQ + $(group "$mpls") MPLS + $(group "$mpls2") MPLS×2 | $verdict |" >>"$work/counts"
}
check_merge() {
  local inputs ours theirs verdict
  say "merge: comparing outputs"
  inputs="$(capinfos -T -r -c -M "${parts[@]}" | awk -F '\t' '{ total += $2 } END { printf "%.0f\n", total }')"
  "$docket" merge -w "$dir/check-docket.pcap" "${parts[@]}"
  # mergecap breaks timestamp ties toward the later input, docket toward the earlier one, and the
  # inputs all start at the same instant: given the inputs in reverse order, mergecap should
  # write the very same bytes.
  local -a reversed=()
  for ((i = ${#parts[@]} - 1; i >= 0; i--)); do reversed+=("${parts[$i]}"); done
  mergecap -F pcap -w "$dir/check-tool.pcap" "${reversed[@]}"
  ours="$(packets "$dir/check-docket.pcap")"
  theirs="$(packets "$dir/check-tool.pcap")"
  if cmp -s "$dir/check-docket.pcap" "$dir/check-tool.pcap"; then
    verdict="byte-identical to mergecap's output for the inputs in reverse order (ties: mergecap puts the later input first, docket the earlier)"
  else
    verdict="**bytes differ** from mergecap's output for the inputs in reverse order"
  fi
  if ((ours != inputs || theirs != inputs)); then
    verdict="**COUNTS DIFFER** (inputs hold $(group "$inputs")); $verdict"
  fi
  rm -f "$dir/check-docket.pcap" "$dir/check-tool.pcap"
  echo "| \`docket merge\` vs \`mergecap -F pcap\`, 8 files | $(group "$ours") | $(group "$theirs") | — | $verdict |" >>"$work/counts"
}
if [[ "$check" == 1 ]]; then
  : >"$work/counts"
  check_filter host "host $host" "$bpf_host"
  check_filter tcp tcp "$bpf_tcp"
  check_merge
fi

# ---- report ------------------------------------------------------------------------------------
mib() { [[ "$1" == "-" ]] && echo "-" || awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v bytes="$1" -v s="$2" 'BEGIN { printf "%.0f", bytes / s / 1e6 }'; } # MB/s, 10^6
row() { # KEY LABEL INPUT_BYTES
  local key="$1" label="$2" bytes="$3" dw tw dc tc dr tr
  dw="$(field "$key.docket" 1 | median)"
  tw="$(field "$key.tool" 1 | median)"
  dc="$(field "$key.docket" 2 | median)"
  tc="$(field "$key.tool" 2 | median)"
  dr="$(field "$key.docket" 3 | median)"
  tr="$(field "$key.tool" 3 | median)"
  if ((!have_rss)); then dr="-"; tr="-"; fi
  echo "| $label | $dw ($(field "$key.docket" 1 | spread)) | $tw ($(field "$key.tool" 1 | spread)) | **$(ratio "$dw" "$tw")** | $dc | $tc | $(ratio "$dc" "$tc") | $(mib "$dr") | $(mib "$tr") | $(rate "$bytes" "$dw") | $(rate "$bytes" "$tw") |"
}

{
  echo "### docket vs tcpdump / mergecap — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average before the runs $load_before, after $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -n 1), DOCKET_JAVA_OPTS=$DOCKET_JAVA_OPTS; $(tcpdump --version 2>&1 | head -n 1) ($(tcpdump --version 2>&1 | sed -n 2p)); $(mergecap -v 2>&1 | head -n 1 | cut -d ' ' -f 1-3)"
  echo "- inputs: $(basename "$big") ($(group "$big_bytes") bytes) for the filters; 8 × $part_size, seeds ${part_seeds[*]} ($(group "$parts_bytes") bytes) for the merge; in $dir"
  echo "- page cache warmed: $cache_note"
  echo "- $runs runs of each command, alternating docket, tool, docket, tool...; medians, (min–max); CPU = user + sys; merge output in $out_dir ($(df --output=fstype "$out_dir" | tail -n 1)), removed between runs"
  echo "- docket start-up alone (\`./docket --version\`): median $(field startup 1 | median) s wall, $(field startup 2 | median) s CPU"
  echo "- the floor under any merge, \`cat\` of the 8 inputs into the output file: median $(field floor 1 | median) s wall, $(field floor 2 | median) s CPU"
  echo
  echo "| command pair | docket wall s | tool wall s | wall ratio docket/tool | docket CPU s | tool CPU s | CPU ratio | docket peak RSS MiB | tool peak RSS MiB | docket MB/s | tool MB/s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  row host "\`docket filter -w /dev/null 'host $host'\` vs \`tcpdump -r F -w /dev/null '$bpf_host'\`" "$big_bytes"
  row tcp "\`docket filter -w /dev/null 'tcp'\` vs \`tcpdump -r F -w /dev/null '$bpf_tcp'\`" "$big_bytes"
  row merge "\`docket merge -w OUT\` vs \`mergecap -F pcap -w OUT\`, 8 files" "$parts_bytes"
  echo
  echo "MB/s = input bytes / median wall time (10^6 bytes)."
  if [[ -s "$work/counts" ]]; then
    echo
    echo "| output check | docket packets | tool packets | tcpdump, looking through VLAN/QinQ/MPLS | verdict |"
    echo "|---|---|---|---|---|"
    cat "$work/counts"
  fi
  echo
  echo "<details><summary>every run: wall s, CPU s, peak RSS KiB</summary>"
  echo
  echo '```'
  for name in host.docket host.tool tcp.docket tcp.tool merge.docket merge.tool startup floor; do
    printf '%-13s %s\n' "$name" "$(tr '\n' ';' <"$work/$name" | sed 's/;$//; s/;/; /g')"
  done
  echo '```'
  echo
  echo "</details>"
} >"$work/report.md"

report="$dir/results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$work/report.md" "$report"
cat "$work/report.md"
say "report kept in $report"
