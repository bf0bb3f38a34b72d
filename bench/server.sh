#!/usr/bin/env bash
# The server's benchmarks (issue 14), against a warm `docket serve` over the 5 GB store: submit-to-done
# latency of one-minute windows over HTTP (POST, then the job's event stream until done), and a
# query streamed back by GET /api/v1/stream against `docket query -w /dev/null` of the same query
# (a JVM started per query) and `cat` of the files it reads (the floor), the download of a ~2 GB
# result (GET /api/v1/jobs/{id}/pcap) against `cat` of the same spooled file, and the server's heap
# and threads under 200 clients at once (ServerLoadBench). Prints a Markdown report on standard
# output; progress on standard error.
#
#   bench/server.sh                    # 5 rounds
#   DOCKET_BENCH_RUNS=9 bench/server.sh
#   DOCKET_BENCH_PARTS="download load" bench/server.sh
#   DOCKET_JAVA_OPTS=-Xmx2g bench/server.sh   # the server's JVM with other options (the launcher's)
#
# Environment:
#   DOCKET_BENCH_STORE  the store, generated once when missing (default /tmp/docket-bench-store, shared
#                       with store-vs-tcpdump.sh and jobs.sh)
#   DOCKET_BENCH_RUNS   rounds (default 5)
#   DOCKET_BENCH_PORT   the loopback port to serve on (default 18414)
#   DOCKET_BENCH_MAVEN_ARGS  extra Maven arguments for the build, such as -o -Dmaven.repo.local=DIR
#   DOCKET_BENCH_PARTS  which parts to run, of latency, stream, download, load (default all)
#   DOCKET_BENCH_CLIENTS  clients at once in the load part (default 200)
#
# The download part writes a ~2 GB result into the spool and copies it to /dev/shm once per run
# (removed at once): it needs ~2 GB free on the spool's disk and in /dev/shm.
#
# Needs java, curl and Maven (it builds bench/target/benchmarks.jar); installs nothing; talks only to
# 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${DOCKET_BENCH_STORE:-/tmp/docket-bench-store}"
runs="${DOCKET_BENCH_RUNS:-5}"
port="${DOCKET_BENCH_PORT:-18414}"
parts="${DOCKET_BENCH_PARTS:-latency stream download load}"
clients="${DOCKET_BENCH_CLIENTS:-200}"
part() { [[ " $parts " == *" $1 "* ]]; }
host="10.2.153.140"

say() { printf 'server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "DOCKET_BENCH_RUNS must be a positive number, not '$runs'"
command -v curl >/dev/null || die "curl is missing (Debian: curl)"

say "building the benchmarks and the CLI if needed"
(cd "$root" && mvn -q -B ${DOCKET_BENCH_MAVEN_ARGS:-} -pl bench -am package -DskipTests) >&2
"$root/docket" --version >/dev/null
# shellcheck source=bench/store.sh
source "$root/bench/store.sh"
bench_store "$store"
work="$(mktemp -d "${TMPDIR:-/tmp}/docket-server-bench.XXXXXX")"
server=""
sampler=""
cleanup() {
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; fi
  if [[ -n "$server" ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work" /dev/shm/docket-server-bench.$$.*
}
trap cleanup EXIT

password="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "$password" | "$root/docket" passwd --file "$work/users" bench >/dev/null
say "warming the page cache"
cat "$store"/*.pcap > /dev/null
"$root/docket" serve --store "$store" --port "$port" --users "$work/users" --spool "$work/spool" >"$work/serve.log" 2>&1 &
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

echo "### server (\`bench/server.sh\`) — $(date -u +%Y-%m-%dT%H:%MZ), $(cd "$root" && git rev-parse --short HEAD)"
echo
echo "- store $store: $(du -sh "$store" | cut -f1) in $(ls "$store"/*.pcap | wc -l) files; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "- the server's JVM: $(tr '\0' ' ' </proc/$server/cmdline | sed 's/ -jar .*//'); max heap $(jcmd "$server" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' | awk '{printf "%d MiB", $1/1048576}')"
echo
if part latency; then
java -cp "$root/bench/target/benchmarks.jar" dev.docket.bench.ServerBench "$base" bench "$password" "$host" "$first" "$runs"
echo
fi

# Streamed: the minutes 30-31 (every packet) and 30-40 (host), never asked above as jobs.
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
minute() { date -u -d "$first + $1 minutes" +%Y-%m-%dT%H:%M:%SZ; }
if part stream; then
cases=("after $(minute 30) and before $(minute 31)" "host $host and after $(minute 30) and before $(minute 40)")
files=(1 10)
echo "| query | GET /api/v1/stream, median ms | \`docket query -w /dev/null\`, median ms | \`cat\` of its files, median ms | stream bytes |"
echo "|---|---|---|---|---|"
for i in "${!cases[@]}"; do
  query="${cases[$i]}"
  encoded="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
  inputs=("$store"/*.pcap); inputs=("${inputs[@]:30:${files[$i]}}")
  s=(); q=(); c=(); bytes=0
  for _ in $(seq 1 "$runs"); do
    t=$(date +%s%N); bytes=$(curl -sf -u "bench:$password" "${base}api/v1/stream?query=$encoded" -o /dev/null -w '%{size_download}'); s+=("$(ms "$t")")
    t=$(date +%s%N); "$root/docket" query --store "$store" -w /dev/null "$query" >/dev/null 2>&1; q+=("$(ms "$t")")
    t=$(date +%s%N); cat "${inputs[@]}" > /dev/null; c+=("$(ms "$t")")
  done
  printf '| `%s` | %s | %s | %s | %s |\n' "$query" "$(printf '%s\n' "${s[@]}" | median)" "$(printf '%s\n' "${q[@]}" | median)" "$(printf '%s\n' "${c[@]}" | median)" "$bytes"
done
echo
fi

# Heap (young + survivors + old in use, from jstat every 100 ms) and live threads (/proc, every
# 100 ms) of the server while a part runs: sampled from outside, so the clients' own are not counted.
sample_start() {
  : >"$work/samples"
  (while kill -0 "$server" 2>/dev/null; do
    threads=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$server/status)
    echo "threads $threads" >>"$work/samples"
    sleep 0.1
  done) &
  sampler=$!
  jstat -gc "$server" 100 >"$work/jstat" 2>/dev/null &
  jstat_pid=$!
}
sample_stop() {
  kill "$sampler" "$jstat_pid" 2>/dev/null || true
  wait "$sampler" "$jstat_pid" 2>/dev/null || true
  sampler=""
  # S0U S1U EU OU are columns 3, 4, 6, 8 (KiB); S0C S1C EC OC 1, 2, 5, 7.
  heap_used=$(awk '$1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > m) m = u } END { printf "%d", m / 1024 }' "$work/jstat")
  heap_committed=$(awk '$1 ~ /^[0-9.]+$/ { c = $1 + $2 + $5 + $7; if (c > m) m = c } END { printf "%d", m / 1024 }' "$work/jstat")
  threads_most=$(awk '$1 == "threads" && $2 > m { m = $2 } END { print m + 0 }' "$work/samples")
}
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$server/status | awk '{printf "%d", $1 / 1024}'; }

if part download; then
  # About 2 GB: the first 45 minutes of every packet, one job, waited for by polling.
  query="after $(minute 0) and before $(minute 45)"
  say "download: a job of '$query'"
  answer="$(curl -sf -u "bench:$password" -H 'Content-Type: application/json' "${base}api/v1/jobs" \
    -d "{\"query\": \"$query\", \"accept-large\": true}")"
  id="$(sed -n 's/.*"id":"\([0-9a-f]\{32\}\)".*/\1/p' <<<"$answer")"
  [[ -n "$id" ]] || die "the download job was not submitted: $answer"
  for _ in $(seq 1 600); do
    state="$(curl -sf -u "bench:$password" "${base}api/v1/jobs/$id" | grep -o '"state":"[a-z]*"' | head -1 | cut -d'"' -f4)"
    [[ "$state" == done ]] && break
    [[ "$state" == failed || "$state" == partial || "$state" == cancelled ]] && die "the download job ended $state"
    sleep 1
  done
  [[ "$state" == done ]] || die "the download job did not end in 10 minutes"
  result="$(find "$work/spool" -type f -name "*$id*" -size +100M | head -1)"
  [[ -n "$result" ]] || die "no result file of job $id in $work/spool"
  size=$(stat -c %s "$result")
  shm="/dev/shm/docket-server-bench.$$.pcap"
  cat "$result" >/dev/null
  # The ceiling of HTTP over loopback into curl: the kernel's own sendfile(2) of the same file
  # behind a minimal HTTP/1.1 answer (Python), no server work at all.
  python3 - "$result" "$((port + 1))" >"$work/sendfile.log" 2>&1 <<'PY' &
import os, socket, sys
path, port = sys.argv[1], int(sys.argv[2])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(8)
print("ready", flush=True)
while True:
    client, _ = server.accept()
    client.recv(65536)
    size = os.path.getsize(path)
    client.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size)
    with open(path, "rb") as f:
        sent = 0
        while sent < size:
            sent += os.sendfile(client.fileno(), f.fileno(), sent, size - sent)
    client.close()
PY
  sendfile=$!
  for _ in $(seq 1 50); do grep -q ready "$work/sendfile.log" 2>/dev/null && break; sleep 0.1; done
  d=(); c=(); dt=(); ct=(); k=()
  sample_start
  for i in $(seq 1 "$runs"); do
    say "download: run $i of $runs"
    # Alternated, to /dev/null and to tmpfs; curl's own clock (time to the last byte).
    d+=("$(curl -sf -u "bench:$password" "${base}api/v1/jobs/$id/pcap" -o /dev/null -w '%{time_total}')")
    t=$(date +%s%N); cat "$result" >/dev/null; c+=("$(( $(date +%s%N) - t ))")
    dt+=("$(curl -sf -u "bench:$password" "${base}api/v1/jobs/$id/pcap" -o "$shm" -w '%{time_total}')"); rm -f "$shm"
    t=$(date +%s%N); cat "$result" >"$shm"; ct+=("$(( $(date +%s%N) - t ))"); rm -f "$shm"
    k+=("$(curl -sf "http://127.0.0.1:$((port + 1))/" -o /dev/null -w '%{time_total}')")
  done
  kill "$sendfile" 2>/dev/null || true
  sample_stop
  mbs() { awk -v b="$size" -v s="$1" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
  dm=$(printf '%s\n' "${d[@]}" | median); cm=$(printf '%s\n' "${c[@]}" | median | awk '{print $1 / 1e9}')
  dtm=$(printf '%s\n' "${dt[@]}" | median); ctm=$(printf '%s\n' "${ct[@]}" | median | awk '{print $1 / 1e9}')
  echo "| ${size} bytes, warm page cache | GET .../pcap (curl), median s | MB/s | \`cat\` of the spooled file, median s | MB/s | download ÷ cat throughput |"
  echo "|---|---|---|---|---|---|"
  printf '| to /dev/null | %.3f | %s | %.3f | %s | %.2f |\n' "$dm" "$(mbs "$dm")" "$cm" "$(mbs "$cm")" "$(awk -v a="$cm" -v b="$dm" 'BEGIN { print a / b }')"
  printf '| to a file in /dev/shm | %.3f | %s | %.3f | %s | %.2f |\n' "$dtm" "$(mbs "$dtm")" "$ctm" "$(mbs "$ctm")" "$(awk -v a="$ctm" -v b="$dtm" 'BEGIN { print a / b }')"
  km=$(printf '%s\n' "${k[@]}" | median)
  printf '| the ceiling: sendfile(2) behind a minimal HTTP answer (Python) to curl, to /dev/null | %.3f | %s | %.3f | %s | %.2f |\n' "$km" "$(mbs "$km")" "$cm" "$(mbs "$cm")" "$(awk -v a="$cm" -v b="$km" 'BEGIN { print a / b }')"
  echo
  echo "- GET .../pcap ÷ the sendfile ceiling, to /dev/null: $(awk -v a="$km" -v b="$dm" 'BEGIN { printf "%.2f", a / b }')"
  echo "- all runs, download / cat s, to /dev/null: ${d[*]} / $(printf '%s\n' "${c[@]}" | awk '{printf "%.3f ", $1 / 1e9}'); to /dev/shm: ${dt[*]} / $(printf '%s\n' "${ct[@]}" | awk '{printf "%.3f ", $1 / 1e9}')"
  echo "- the server while downloading: heap used at most $heap_used MiB (committed $heap_committed MiB), $threads_most threads at most, RSS $(rss) MiB after"
  echo
fi

if part load; then
  echo "| $clients clients at once (submit, follow, download) | seconds | jobs done | errors | server heap used at most, MiB | heap committed at most, MiB | live threads at most | RSS after, MiB |"
  echo "|---|---|---|---|---|---|---|---|"
  threads_idle=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$server/status)
  for i in $(seq 1 "$runs"); do
    say "load: run $i of $runs"
    sample_start
    line="$(java -cp "$root/bench/target/benchmarks.jar" dev.docket.bench.ServerLoadBench "$base" bench "$password" "$host" "$first" "$clients" "$i")"
    sample_stop
    seconds=$(sed -n 's/.*seconds \([0-9.]*\),.*/\1/p' <<<"$line")
    finished=$(sed -n 's/.*done \([0-9]*\),.*/\1/p' <<<"$line")
    errors=$(sed -n 's/.*errors \([0-9]*\).*/\1/p' <<<"$line")
    echo "| run $i | $seconds | $finished | $errors | $heap_used | $heap_committed | $threads_most | $(rss) |"
  done
  echo
  echo "- live threads before the load: $threads_idle"
  echo
fi
echo "- the server after the runs: $(grep -E '^(VmRSS|VmHWM|Threads)' /proc/$server/status | tr -s ' \t' ' ' | paste -sd ';' -); $(jcmd "$server" GC.heap_info 2>/dev/null | sed -n 2p | tr -s ' ')"
