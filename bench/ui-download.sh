#!/usr/bin/env bash
# Issue 15's last measure: from loading the query page to a downloaded result, for a one-minute query
# over the demo store, in a real browser (headless Chromium driven by Debian's chromedriver, as
# docket-web's WebUiBrowserTest). Starts `./docket demo` on a free loopback port over a store of its
# own, runs dev.docket.bench.UiDownloadBench (a first run, then DOCKET_BENCH_RUNS more, each another
# minute), prints its median line on standard output, and stops the demo.
#
#   bench/ui-download.sh                  # 7 runs after the first
#   DOCKET_BENCH_RUNS=11 bench/ui-download.sh
#   DOCKET_BENCH_MAVEN_ARGS="-o -Dmaven.repo.local=DIR" bench/ui-download.sh
#
# Needs java, Maven (it builds bench/target/benchmarks.jar), chromium and chromium-driver (Debian).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${DOCKET_BENCH_RUNS:-7}"
say() { printf 'ui-download: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "chromium and chromedriver are missing (Debian: chromium chromium-driver)"

say "building the benchmarks and the CLI if needed"
(cd "$root" && mvn -q -B ${DOCKET_BENCH_MAVEN_ARGS:-} -pl bench,docket-cli -am package -DskipTests) >&2
"$root/docket" --version >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/docket-ui-bench.XXXXXX")"
demo=""
cleanup() {
  if [[ -n "$demo" ]]; then kill -TERM "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$root/docket" demo --port 0 --dir "$work/demo" >"$work/out" 2>"$work/err" &
demo=$!
for _ in $(seq 1 1200); do
  grep -q '^password: ' "$work/out" 2>/dev/null && break
  kill -0 "$demo" 2>/dev/null || die "docket demo stopped: $(cat "$work/err")"
  sleep 0.05
done
grep -q '^password: ' "$work/out" || die "docket demo was not ready after a minute: $(cat "$work/err")"
url="$(sed -n 's|^Docket is running at \(http://[^/]*/\).*|\1|p' "$work/out")"
user="$(sed -n 's/^user: //p' "$work/out")"
password="$(sed -n 's/^password: //p' "$work/out")"
say "demo at $url; $runs runs after a first"
SE_OFFLINE=true java -cp "$root/bench/target/benchmarks.jar" dev.docket.bench.UiDownloadBench "$url" "$user" "$password" "$runs"
echo "($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d" " -f1 /proc/loadavg) at the end)"
