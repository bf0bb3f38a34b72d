#!/usr/bin/env bash
# Times `docket merge` against `mergecap -F pcap` (and `cat`, the floor) on eight captures
# interleaved in time, for two packet mixes and two total sizes, writing to the disk and to a tmpfs.
# Prints a Markdown report on standard output (progress on standard error) and keeps a copy in
# $DOCKET_BENCH_DIR.
#
#   bench/merge-vs-mergecap.sh                                  # everything, 5 rounds each
#   DOCKET_BENCH_SIZES=1G DOCKET_BENCH_MIXES=small bench/merge-vs-mergecap.sh
#   DOCKET_BENCH_BEFORE=/path/to/other/worktree/docket bench/merge-vs-mergecap.sh   # a build against another
#
# Environment:
#   DOCKET_BENCH_DIR     where the inputs are generated once and kept, and the disk output is written
#                        (default /tmp/docket-bench/merge)
#   DOCKET_BENCH_TMPFS   the tmpfs output directory (default /dev/shm)
#   DOCKET_BENCH_RUNS    rounds per case (default 5); each round runs every command once, in an
#                        order that rotates from round to round
#   DOCKET_BENCH_SIZES   total input sizes (default "1G 4G"; each of the 8 files is an eighth)
#   DOCKET_BENCH_MIXES   "default" (the generator's mix, ~750-byte packets) and/or "small"
#                        (`generate --max-length 128`: TCP ACKs and handshakes, DNS, ~67 bytes)
#   DOCKET_BENCH_OUTS    "disk" and/or "tmpfs" (default both)
#   DOCKET_BENCH_CHECK   1 (default) checks once per input set that docket's output holds the same
#                        packets as mergecap's; 0 skips it
#   DOCKET_BENCH_BEFORE  another ./docket launcher to time in the same rounds (a build before a change)
#   DOCKET_JAVA_OPTS     extra JVM options for docket (the launcher's own come first)
#
# Needs java, mergecap, capinfos (Debian: wireshark-common) and GNU time at /usr/bin/time (Debian:
# time). Disk: the inputs (2 GB per mix at "1G 4G" ... 10 GB for both) plus twice the largest total
# while outputs are checked. Installs nothing and uses no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docket="$root/docket"
dir="${DOCKET_BENCH_DIR:-/tmp/docket-bench/merge}"
tmpfs="${DOCKET_BENCH_TMPFS:-/dev/shm}"
runs="${DOCKET_BENCH_RUNS:-5}"
sizes="${DOCKET_BENCH_SIZES:-1G 4G}"
mixes="${DOCKET_BENCH_MIXES:-default small}"
outs="${DOCKET_BENCH_OUTS:-disk tmpfs}"
check="${DOCKET_BENCH_CHECK:-1}"
before="${DOCKET_BENCH_BEFORE:-}"
seeds=(11 12 13 14 15 16 17 18)

say() { printf 'merge-vs-mergecap: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
for tool in java mergecap capinfos; do
  command -v "$tool" >/dev/null 2>&1 || die "missing $tool (Debian: openjdk-17-jre-headless, wireshark-common); install it and run again"
done
/usr/bin/time -f '%e' -o /dev/null true 2>/dev/null || die "missing GNU time at /usr/bin/time (Debian package 'time')"
[[ -z "$before" || -x "$before" ]] || die "DOCKET_BENCH_BEFORE=$before is not an executable ./docket launcher"
for out in $outs; do
  [[ "$out" == disk || "$out" == tmpfs ]] || die "DOCKET_BENCH_OUTS takes disk and tmpfs, not '$out'"
done

mkdir -p "$dir"
work="$(mktemp -d "${TMPDIR:-/tmp}/merge-vs-mergecap.XXXXXX")"
cleanup() {
  rm -rf "$work"
  rm -f "$dir/merged.pcap" "$tmpfs/docket-bench-merged.pcap" "$dir/check-docket.pcap" "$dir/check-mergecap.pcap"
  rm -f "$dir"/.merged.pcap.*.partial "$tmpfs"/.docket-bench-merged.pcap.*.partial "$dir"/.check-docket.pcap.*.partial
}
trap cleanup EXIT

say "building the CLI if needed"
"$docket" --version >/dev/null
[[ -z "$before" ]] || "$before" --version >/dev/null

# ---- inputs: eight files from different seeds starting at the same instant, so they interleave ----
part_size() { # TOTAL -> an eighth of it, in M
  local total="$1" n="${1%[GgMm]}"
  case "$total" in
    *[Gg]) echo "$((n * 1024 / 8))M" ;;
    *[Mm]) echo "$((n / 8))M" ;;
    *) die "DOCKET_BENCH_SIZES takes sizes such as 1G or 512M, not '$total'" ;;
  esac
}
inputs() { # MIX TOTAL -> the input files, one a line; generated when missing
  local mix="$1" total="$2" part seed file
  part="$(part_size "$total")"
  mkdir -p "$dir/$mix-$total"
  for seed in "${seeds[@]}"; do
    file="$dir/$mix-$total/part-seed$seed.pcap"
    if [[ ! -s "$file" ]]; then
      say "generating $file"
      case "$mix" in
        default) "$docket" generate --size "$part" --seed "$seed" -w "$file" ;;
        small) "$docket" generate --max-length 128 --size "$part" --seed "$seed" -w "$file" ;;
        *) die "DOCKET_BENCH_MIXES takes default and small, not '$mix'" ;;
      esac
    fi
    echo "$file"
  done
}

# ---- timing ----------------------------------------------------------------------------------
# timed NAME CMD...: one run, output discarded; appends "wall user sys rss_kib" to $work/NAME
timed() {
  local name="$1" status=0
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || status=$?
  if ((status != 0)); then
    say "failed (exit $status): $*"
    cat "$work/stderr" "$work/time" >&2
    exit 1
  fi
  tail -n 1 "$work/time" >>"$work/$name"
}
field() { awk -v f="$2" '{ print $f }' "$work/$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# pair_ratios A B: the ratio of A's to B's wall time in each round, one a line
pair_ratios() { paste -d ' ' <(field "$1" 1) <(field "$2" 1) | awk '{ printf "%.3f\n", $1 / $2 }'; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }'; }

: >"$work/rows"
for mix in $mixes; do
  for total in $sizes; do
    mapfile -t files < <(inputs "$mix" "$total")
    bytes="$(stat -c %s "${files[@]}" | awk '{ t += $1 } END { printf "%.0f", t }')"
    packets="$(capinfos -T -r -c -M "${files[@]}" | awk -F '\t' '{ t += $2 } END { printf "%.0f", t }')"
    say "$mix $total: $((bytes / 1000000)) MB, $packets packets, $((bytes / packets)) bytes a record; warming the page cache"
    cat "${files[@]}" >/dev/null
    cat "${files[@]}" >/dev/null
    for where in $outs; do
      if [[ "$where" == disk ]]; then out="$dir/merged.pcap"; else out="$tmpfs/docket-bench-merged.pcap"; fi
      key="$mix-$total-$where"
      names=(docket mergecap cat)
      [[ -z "$before" ]] || names=(docket before mergecap cat)
      for ((i = 0; i < runs; i++)); do
        say "$key: round $((i + 1)) of $runs (load $(cut -d ' ' -f 1 /proc/loadavg))"
        for ((j = 0; j < ${#names[@]}; j++)); do
          name="${names[$(((i + j) % ${#names[@]}))]}"
          rm -f "$out"
          sync
          case "$name" in
            docket) timed "$key.docket" "$docket" merge -w "$out" "${files[@]}" ;;
            before) timed "$key.before" "$before" merge -w "$out" "${files[@]}" ;;
            mergecap) timed "$key.mergecap" mergecap -F pcap -w "$out" "${files[@]}" ;;
            cat) timed "$key.cat" sh -c 'cat "$@" >"$0"' "$out" "${files[@]}" ;;
          esac
        done
      done
      rm -f "$out"
      for name in "${names[@]}"; do
        r="-"
        [[ "$name" == mergecap ]] || r="$(pair_ratios "$key.$name" "$key.mergecap" | median) ($(pair_ratios "$key.$name" "$key.mergecap" | spread))"
        echo "| $mix, $((bytes / packets)) B | $total | $where | \`$name\` | $(field "$key.$name" 1 | median) ($(field "$key.$name" 1 | spread)) | **$r** | $(field "$key.$name" 2 | median) | $(field "$key.$name" 3 | median) | $(awk -v k="$(field "$key.$name" 4 | median)" 'BEGIN { printf "%.0f", k / 1024 }') |" >>"$work/rows"
      done
    done
    if [[ "$check" == 1 ]]; then
      say "$mix $total: comparing outputs"
      "$docket" merge -w "$dir/check-docket.pcap" "${files[@]}"
      # mergecap puts equal timestamps from the later input first, docket from the earlier one:
      # given the inputs in reverse order, mergecap should write the same bytes.
      reversed=()
      for ((k = ${#files[@]} - 1; k >= 0; k--)); do reversed+=("${files[$k]}"); done
      mergecap -F pcap -w "$dir/check-mergecap.pcap" "${reversed[@]}"
      ours="$(capinfos -T -r -c -M "$dir/check-docket.pcap" | cut -f 2)"
      if cmp -s "$dir/check-docket.pcap" "$dir/check-mergecap.pcap"; then
        verdict="byte-identical to mergecap's (inputs reversed)"
      else
        verdict="**BYTES DIFFER** from mergecap's (inputs reversed)"
      fi
      ((ours == packets)) || verdict="**$ours packets of $packets**; $verdict"
      echo "- $mix $total: $packets packets in, $ours out; $verdict" >>"$work/checks"
      rm -f "$dir/check-docket.pcap" "$dir/check-mergecap.pcap"
    fi
  done
done

{
  echo "### docket merge vs mergecap — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at the end $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -n 1); DOCKET_JAVA_OPTS=${DOCKET_JAVA_OPTS:-}; $(mergecap -v 2>&1 | head -n 1 | cut -d ' ' -f 1-3)"
  echo "- 8 files a case (seeds ${seeds[*]}, same start), page cache warm; $runs rounds, the order rotating; disk = $dir ($(df --output=fstype "$dir" | tail -n 1)), tmpfs = $tmpfs; output removed and \`sync\` before each run"
  [[ -z "$before" ]] || echo "- \`before\`: $before ($(git -C "$(dirname "$before")" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "- ratio = median over rounds of (wall / mergecap's wall in the same round), with min–max"
  echo
  echo "| mix, bytes a record | total | output | command | wall s (min–max) | ratio to mergecap | user s | sys s | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$work/rows"
  if [[ -s "$work/checks" ]]; then
    echo
    cat "$work/checks"
  fi
} >"$work/report.md"
report="$dir/results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$work/report.md" "$report"
cat "$work/report.md"
say "report kept in $report"
