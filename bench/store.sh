# Sourced by the benchmarks over the shared 5 GB store (jobs.sh, server.sh); needs $root and say().
#
# bench_store DIR: generates the store in DIR when it holds no capture (`docket generate --size 5200M
# --rate 1000 --rotate 60s`, 120 one-minute files), then sets $first to its first whole minute, read
# from the first file's name (docket-YYYYMMDDhhmmss.pcap).
bench_store() {
  local store="$1" files stamp
  if [[ ! -d "$store" ]] || ! compgen -G "$store/*.pcap" >/dev/null; then
    say "generating the store in $store"
    "$root/docket" generate --size 5200M --rate 1000 --rotate 60s -w "$store/"
  fi
  # A glob, not ls | head: under pipefail, head closing the pipe early can fail ls with SIGPIPE.
  files=("$store"/*.pcap)
  stamp="$(basename "${files[0]}" .pcap)"; stamp="${stamp##*-}"
  first="${stamp:0:4}-${stamp:4:2}-${stamp:6:2}T${stamp:8:2}:${stamp:10:2}:00Z"
}
