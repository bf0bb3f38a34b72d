#!/usr/bin/env bash
# A test bed of two real Stenographer sensors, each fed a capture with tcpreplay. Installs nothing:
# it needs root and the Debian packages stenographer, tcpreplay, tcpdump (and openssl, curl).
#
#   stenographer-testbed.sh start STATE_DIR FEED_1 FEED_2 [BULK_FEED BULK_LOOPS [FEED_4]]
#   stenographer-testbed.sh stop STATE_DIR
#
# start: one network namespace, joined to this one by a veth pair (10.213.7.1 here, 10.213.7.2
# inside); sensor-1 listens on 10.213.7.2:19123 with a server certificate whose subjectAltName is
# that address, sensor-2 on 10.213.7.2:19124 with one without subjectAltName (as stenokeys makes).
# Each captures its own veth; FEED_1 is replayed into sensor-1, FEED_2 (then BULK_FEED, BULK_LOOPS
# times) into sensor-2, FEED_4 (when given) into sensor-4, on 10.213.7.2:19126 with a subjectAltName
# (sensor-3 is the one that is down: nothing listens on 19125). It returns once each sensor answers with every packet it will store, and
# writes STATE_DIR/sensors ("name host port certdir" lines) and STATE_DIR/client/ (ca_cert.pem,
# client_cert.pem, client_key.pem) plus STATE_DIR/rogue/ (a client certificate from another CA).
# stop: kills each sensor's process group by PID, deletes the namespace and STATE_DIR. On any
# failure start stops what it started.
set -euo pipefail

readonly INSIDE=10.213.7.2 OUTSIDE=10.213.7.1 PORT_1=19123 PORT_2=19124 PORT_4=19126
readonly MARKER=.docket-stenographer-testbed
readonly WAIT_SECONDS=${STENO_TESTBED_WAIT_SECONDS:-180}

log() { echo "testbed: $*" >&2; }

stop() {
  local state=$1
  [[ -f $state/$MARKER ]] || { log "$state is not a test bed state directory"; return 1; }
  if [[ -f $state/pids ]]; then
    while read -r pid; do
      # setsid made each sensor a process-group leader: the group holds stenographer and stenotype.
      kill -KILL -- "-$pid" 2>/dev/null || true
    done <"$state/pids"
    for _ in $(seq 50); do
      local alive=0
      while read -r pid; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done <"$state/pids"
      ((alive)) || break
      sleep 0.1
    done
  fi
  if [[ -f $state/ns ]]; then
    ip netns del "$(cat "$state/ns")" 2>/dev/null || true
  fi
  if [[ -f $state/outside-link ]]; then
    ip link del "$(cat "$state/outside-link")" 2>/dev/null || true
  fi
  rm -rf -- "$state"
}

certificate() { # certificate DIR NAME CA_DIR SUBJECT_ALT_NAME|""
  local dir=$1 name=$2 ca=$3 san=$4
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/${name}_key.pem" \
    -out "$dir/$name.csr" -subj "/CN=$INSIDE" 2>/dev/null
  if [[ -n $san ]]; then
    openssl x509 -req -in "$dir/$name.csr" -CA "$ca/ca_cert.pem" -CAkey "$ca/ca_key.pem" -CAcreateserial \
      -days 2 -out "$dir/${name}_cert.pem" -extfile <(printf 'subjectAltName=%s\n' "$san") 2>/dev/null
  else
    openssl x509 -req -in "$dir/$name.csr" -CA "$ca/ca_cert.pem" -CAkey "$ca/ca_key.pem" -CAcreateserial \
      -days 2 -out "$dir/${name}_cert.pem" 2>/dev/null
  fi
  rm -f "$dir/$name.csr"
}

authority() { # authority DIR
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1/ca_key.pem" \
    -out "$1/ca_cert.pem" -days 2 -subj "/CN=docket test CA $(basename "$1")" 2>/dev/null
}

sensor() { # sensor STATE N PORT SAN
  local state=$1 n=$2 port=$3 san=$4 ns dir
  ns=$(cat "$state/ns")
  dir=$state/sensor-$n
  mkdir -p "$dir/pkt" "$dir/idx" "$dir/certs" "$dir/tmp"
  cp "$state/client/ca_cert.pem" "$dir/certs/"
  certificate "$dir/certs" server "$state/client" "$san"
  ip netns exec "$ns" ip link add "cap${n}a" type veth peer name "cap${n}b"
  ip netns exec "$ns" ip link set "cap${n}a" up
  ip netns exec "$ns" ip link set "cap${n}b" up
  cat >"$dir/config" <<JSON
{"Threads":[{"PacketsDirectory":"$dir/pkt","IndexDirectory":"$dir/idx","DiskFreePercentage":1}],
 "StenotypePath":"/usr/sbin/stenotype","Interface":"cap${n}b","Port":$port,"Host":"$INSIDE",
 "Flags":["--fileage_sec=2","--blockage_sec=1","--blocks=64","--aiops=16","--filesize_mb=16","--no_promisc","--no_watchdogs"],
 "CertPath":"$dir/certs"}
JSON
  chown -R stenographer:stenographer "$dir"
  # TMPDIR keeps the folder stenographer leaves behind inside the state directory.
  ip netns exec "$ns" setsid runuser -u stenographer -- env TMPDIR="$dir/tmp" \
    /usr/sbin/stenographer --config="$dir/config" --syslog=false >"$state/sensor-$n.log" 2>&1 &
  echo $! >>"$state/pids"
  echo "sensor-$n $INSIDE $port $dir/certs" >>"$state/sensors"
}

stored_packets() { # stored_packets STATE PORT
  curl -s -k --max-time 60 --cert "$1/client/client_cert.pem" --key "$1/client/client_key.pem" \
    --data-binary 'after 3h ago' "https://$INSIDE:$2/query" | tcpdump -r - -n 2>/dev/null | wc -l
}

replay() { # replay STATE N FILE [tcpreplay options]
  local state=$1 n=$2 file=$3
  shift 3
  ip netns exec "$(cat "$state/ns")" tcpreplay -q "$@" -i "cap${n}a" "$file" 2>&1 |
    sed -n 's/.*Successful packets: *\([0-9]*\).*/\1/p' | tail -1
}

await() { # await STATE PORT EXPECTED: until the sensor returns EXPECTED packets, or the same count twice 20 s apart
  local state=$1 port=$2 expected=$3 deadline=$((SECONDS + WAIT_SECONDS)) count last=-1 stable_since=$SECONDS
  while ((SECONDS < deadline)); do
    count=$(stored_packets "$state" "$port" || echo 0)
    if ((count >= expected)); then log "port $port: $count packets stored"; return 0; fi
    if ((count != last)); then last=$count; stable_since=$SECONDS
    elif ((count > 0 && SECONDS - stable_since >= 20)); then
      log "port $port: $count of $expected packets stored (the rest dropped)"; return 0
    fi
    sleep 2
  done
  log "port $port: only $count of $expected packets stored after ${WAIT_SECONDS}s; see $state/*.log"
  return 1
}

start() {
  local state=$1 feed1=$2 feed2=$3 bulk=${4:-} loops=${5:-0} feed4=${6:-}
  [[ $(id -u) -eq 0 ]] || { log "must run as root"; return 1; }
  mkdir -p "$state"
  touch "$state/$MARKER"
  trap 'log "start failed; stopping"; stop "$state"' ERR
  chmod 755 "$state"
  local id=$$ ns
  ns=docket-steno-$id
  echo "$ns" >"$state/ns"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  echo "dkt$id" >"$state/outside-link"
  ip link add "dkt$id" type veth peer name "dkt${id}i"
  ip link set "dkt${id}i" netns "$ns"
  ip addr add "$OUTSIDE/30" dev "dkt$id"
  ip link set "dkt$id" up
  ip netns exec "$ns" ip addr add "$INSIDE/30" dev "dkt${id}i"
  ip netns exec "$ns" ip link set "dkt${id}i" up

  mkdir -p "$state/client" "$state/rogue"
  authority "$state/client"
  certificate "$state/client" client "$state/client" ""
  authority "$state/rogue"
  certificate "$state/rogue" client "$state/rogue" ""

  sensor "$state" 1 $PORT_1 "IP:$INSIDE"
  sensor "$state" 2 $PORT_2 ""
  local ports=("$PORT_1" "$PORT_2")
  if [[ -n $feed4 ]]; then
    sensor "$state" 4 $PORT_4 "IP:$INSIDE"
    ports+=("$PORT_4")
  fi
  for port in "${ports[@]}"; do
    local deadline=$((SECONDS + 30))
    until curl -s -k -o /dev/null --max-time 2 --cert "$state/client/client_cert.pem" \
      --key "$state/client/client_key.pem" "https://$INSIDE:$port/debug/stats"; do
      ((SECONDS < deadline)) || { log "sensor on port $port did not start; see $state/*.log"; false; }
      sleep 0.5
    done
  done
  sleep 2 # stenotype opens its capture socket just after the server starts

  # Both feeds at once, paced so that each spans a few seconds (several files) of replay time.
  replay "$state" 1 "$feed1" --pps=1000 >"$state/sent-1" &
  local replay1=$! replay4=
  if [[ -n $feed4 ]]; then
    replay "$state" 4 "$feed4" --pps=1000 >"$state/sent-4" &
    replay4=$!
  fi
  replay "$state" 2 "$feed2" --pps=400 >"$state/sent-2"
  if [[ -n $bulk ]]; then
    replay "$state" 2 "$bulk" --mbps=800 --loop="$loops" >"$state/sent-bulk"
  fi
  wait $replay1
  [[ -z $replay4 ]] || wait "$replay4"
  await "$state" $PORT_1 "$(cat "$state/sent-1")"
  await "$state" $PORT_2 "$(($(cat "$state/sent-2") + $(cat "$state/sent-bulk" 2>/dev/null || echo 0)))"
  [[ -z $feed4 ]] || await "$state" $PORT_4 "$(cat "$state/sent-4")"
  trap - ERR
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start STATE_DIR FEED_1 FEED_2 [BULK_FEED BULK_LOOPS [FEED_4]] | stop STATE_DIR" >&2; exit 2 ;;
esac
