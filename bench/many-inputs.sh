#!/usr/bin/env bash
# Merging many small capture files: docket merge (under ulimit -n 1024, the launcher's -Xmx256m)
# against mergecap -F pcap, alternated runs, wall time and peak RSS from /usr/bin/time -v.
#   bench/many-inputs.sh [FILES] [ROUND] [PACKETS] [RUNS]     (defaults 10000 1000 3 3)
# FILES files of PACKETS packets, in rounds of ROUND files that overlap in time (see
# docket-cli/src/test/java/dev/docket/cli/ManyInputFiles.java). Needs `mvn -o -q -pl docket-cli -am
# package -DskipTests` first (docket.jar and the test classes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-10000} round=${2:-1000} packets=${3:-3} runs=${4:-3}
dir=$(mktemp -d /tmp/many-inputs.XXXXXX)
trap 'rm -rf "$dir"' EXIT
java -cp "$root/docket-cli/target/test-classes:$root/docket-cli/target/docket.jar" dev.docket.cli.ManyInputFiles "$dir" "$files" "$round" "$packets"
cd "$dir"
mapfile -t names < files.txt
measure() { # label command...
  /usr/bin/time -f "$1 %e s %M KiB" -o time.txt "${@:2}" >/dev/null
  cat time.txt
}
for run in $(seq "$runs"); do
  measure docket bash -c 'ulimit -n 1024 && exec java -Xmx256m -jar "$0" merge -w docket.pcap "$@"' "$root/docket-cli/target/docket.jar" "${names[@]}"
  measure mergecap mergecap -F pcap -w mergecap.pcap "${names[@]}"
done
cmp <(tcpdump -r docket.pcap -nn -tt -xx 2>/dev/null) <(tcpdump -r mergecap.pcap -nn -tt -xx 2>/dev/null) && echo "same packets"
