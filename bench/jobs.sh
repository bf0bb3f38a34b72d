#!/usr/bin/env bash
# The job service's benchmarks (issue 13), in one warm JVM over a 5 GB store: submit-to-done latency
# of one-minute windows, fifty jobs by five users at once (fairness, heap, threads), and the result
# summary's cost. Prints a Markdown report on standard output; progress on standard error.
#
#   bench/jobs.sh                      # 5 rounds where rounds apply
#   DOCKET_BENCH_RUNS=9 bench/jobs.sh
#
# Environment:
#   DOCKET_BENCH_STORE  the store, generated once when missing (default /tmp/docket-bench-store:
#                       `docket generate --size 5200M --rate 1000 --rotate 60s`, 120 one-minute files,
#                       shared with store-vs-tcpdump.sh)
#   DOCKET_BENCH_RUNS   rounds (default 5)
#   DOCKET_BENCH_HEAP   the benchmark JVM's heap (default 256m, the issue's bound)
#
# Needs java and Maven (it builds bench/target/benchmarks.jar); installs nothing, uses no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${DOCKET_BENCH_STORE:-/tmp/docket-bench-store}"
runs="${DOCKET_BENCH_RUNS:-5}"
heap="${DOCKET_BENCH_HEAP:-256m}"
# The busiest host of the generated mix: selective (about 0.4% of the packets), in every file.
host="10.2.153.140"

say() { printf 'jobs: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"

say "building the benchmarks and the CLI if needed"
(cd "$root" && mvn -q -B -pl bench -am package -DskipTests) >&2
"$root/docket" --version >/dev/null
# shellcheck source=bench/store.sh
source "$root/bench/store.sh"
bench_store "$store"
spools="$(mktemp -d "${TMPDIR:-/tmp}/docket-jobs-bench.XXXXXX")"
trap 'rm -rf "$spools"' EXIT

say "warming the page cache and the catalog"
cat "$store"/*.pcap > /dev/null
"$root/docket" query --store "$store" -w /dev/null "host $host and after $first and before $first" >/dev/null 2>&1 || true

say "running (heap $heap, $runs rounds)"
java -Xmx"$heap" -cp "$root/bench/target/benchmarks.jar" dev.docket.bench.JobsBench "$store" "$spools" "$host" "$first" "$runs"
