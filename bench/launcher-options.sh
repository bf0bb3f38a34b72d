#!/usr/bin/env bash
# Measures JVM options for the ./docket launcher, each by leaving it out of the set, on each JDK
# given: the class-data archive the launcher uses, and the serial collector and -Xmx256m it used to
# set (no faster on JDK 17 or 25). Three commands: `parse`, a `filter` of a ~200 MB generated
# capture to stdout, and a `query --store` of a small generated store. The variants run in turn,
# rotated each round, so that a busy moment of the machine is shared among them; it prints the
# medians of wall time, CPU time (user + system) and peak RSS.
#
#   bench/launcher-options.sh [java ...]     (default: java on PATH and Temurin 25 if present)
#   DOCKET_BENCH_RUNS=9                      (rounds; default 7)
#
# It runs the launcher once on each JDK first, so that the jar and that JDK's archive exist.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/docket-cli/target/docket.jar"
runs="${DOCKET_BENCH_RUNS:-7}"
data="${DOCKET_BENCH_DIR:-/tmp/docket-launcher-bench}"
javas=("$@")
if [[ ${#javas[@]} -eq 0 ]]; then
  javas=(java)
  [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && javas+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
fi

mkdir -p "$data"
if [[ ! -f "$data/big.pcap" ]]; then
  "$root/docket" generate --size 200M -w "$data/big.pcap"
fi
if [[ ! -d "$data/store" ]]; then
  "$root/docket" generate --size 40M --rate 200 --rotate 60s -w "$data/store/"
fi

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

for java in "${javas[@]}"; do
  jdk="$(readlink -f "$(command -v "$java")")"
  JAVA_HOME="${jdk%/bin/java}" "$root/docket" --version >/dev/null # builds the jar and this JDK's archive
  archive="$(ls -t "$root"/docket-cli/target/docket-*.jsa | while read -r a; do
    if "$jdk" -Xshare:on -XX:SharedArchiveFile="$a" -cp "$jar" -version >/dev/null 2>&1; then echo "$a"; break; fi
  done)"
  version="$("$jdk" -version 2>&1 | head -1)"
  declare -A variants=(
    [all]="-XX:+UseSerialGC -Xmx256m -XX:SharedArchiveFile=$archive"
    [no-serial]="-Xmx256m -XX:SharedArchiveFile=$archive"
    [no-xmx]="-XX:+UseSerialGC -XX:SharedArchiveFile=$archive"
    [no-cds]="-XX:+UseSerialGC -Xmx256m"
    [none]=""
  )
  names=(all no-serial no-xmx no-cds none)
  for command in parse filter query; do
    case "$command" in
      parse) args=(parse 'host 1.2.3.4') ;;
      filter) args=(filter 'host 10.1.9.106' "$data/big.pcap") ;;
      query) args=(query --store "$data/store" -w - 'host 10.1.9.106') ;;
    esac
    results="$(mktemp)"
    for ((round = 0; round < runs; round++)); do
      for ((i = 0; i < ${#names[@]}; i++)); do
        name="${names[$(((i + round) % ${#names[@]}))]}"
        # shellcheck disable=SC2086 # the options are words
        /usr/bin/time -f "$name %e %U %S %M" -a -o "$results" "$jdk" ${variants[$name]} -jar "$jar" "${args[@]}" >/dev/null
      done
    done
    echo "## $version: $command ($runs rounds)"
    echo "| variant | wall s | CPU s | peak RSS MiB |"
    echo "|---|---|---|---|"
    for name in "${names[@]}"; do
      wall="$(awk -v n="$name" '$1 == n {print $2}' "$results" | median)"
      cpu="$(awk -v n="$name" '$1 == n {print $3 + $4}' "$results" | median)"
      rss="$(awk -v n="$name" '$1 == n {print $5 / 1024}' "$results" | median)"
      printf '| %s | %.3f | %.3f | %.0f |\n' "$name" "$wall" "$cpu" "$rss"
    done
    echo "raw (variant wall user sys rss-KiB):"
    sed 's/^/    /' "$results"
    rm -f "$results"
  done
done
