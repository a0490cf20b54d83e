#!/usr/bin/env bash
# gochat-java dev environment: one command to build, run, stop and test the whole system.
#
#   ./run.sh                 build if needed, start etcd, redis and every module in one process
#                            (--module=all, the single-machine layout); Ctrl-C stops them
#   ./run.sh start -d        the same, but return once everything is ready (detached)
#   ./run.sh --split         one process per module instead (the scaled-out layout, on one machine)
#   ./run.sh stop            stop everything this script started (and nothing else)
#   ./run.sh status          what runs, with pids, ports and logs
#   ./run.sh test            install what the tests need if missing (and start PostgreSQL and MariaDB
#                            if they do not answer), then run the whole test suite
#   ./run.sh docker          the same system with docker compose, one container (needs a Docker engine);
#                            ./run.sh docker --split: one container per module; --scaled: the same with
#                            two logic servers sharing PostgreSQL, two tasks, Redis behind three Sentinels
#
# Options for start: --split, and with it --connect-ws=N --connect-tcp=N --logic=N --task=N (default 1 each;
# any of them implies --split).
# Environment: GOCHAT_ETCD_ENDPOINTS / GOCHAT_REDIS_URL use an etcd / Redis you run yourself instead of
# starting one; GOCHAT_DB_URL a database instead of run/data/gochat.db (e.g. jdbc:postgresql://…);
# RUN_ETCD_PORT (2379) and RUN_REDIS_PORT (6380, so a Redis already on 6379 is left alone);
# RUN_WS_PORT (7000) and RUN_TCP_PORT (7001) for the first connect servers; RUN_JAR runs that im.jar instead
# of the build (e.g. an older one, for a comparison); RUN_JAVA_OPTS replaces the JVM flags (default
# "-Xms32m -Xmx384m -XX:+UseSerialGC" all-in-one, -Xmx256m per process with --split). Each process keeps a
# class-data-sharing archive in the run dir (written at its first stop, used from the next start).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/run}"
JAR_SRC="${RUN_JAR:-$ROOT/gochat-launcher/target/im.jar}"
ETCD_PORT="${RUN_ETCD_PORT:-2379}"
REDIS_PORT="${RUN_REDIS_PORT:-6380}"
API_PORT="${GOCHAT_API_PORT:-7070}"
SITE_PORT="${GOCHAT_SITE_PORT:-8080}"
WS_BASE_PORT="${RUN_WS_PORT:-7000}"
TCP_BASE_PORT="${RUN_TCP_PORT:-7001}"
# Serial GC: its bookkeeping is a few MB where G1's is tens (RSS), and young collections of these small
# heaps take milliseconds; all-in-one holds every module, so it gets the bigger heap.
JAVA_OPTS_ALL="${RUN_JAVA_OPTS:--Xms32m -Xmx384m -XX:+UseSerialGC}"
JAVA_OPTS_SPLIT="${RUN_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC}"
JAVA_OPTS=$JAVA_OPTS_ALL
DB_URL="${GOCHAT_DB_URL:-jdbc:sqlite:$RUN_DIR/data/gochat.db}"
# each process's admin port (metrics, health): 9100, 9101, ...; 0 = none. Off by default for RUN_JAR,
# which may be an im.jar from before admin.port existed
if [ -n "${RUN_JAR:-}" ]; then ADMIN_BASE_PORT="${RUN_ADMIN_PORT:-0}"; else ADMIN_BASE_PORT="${RUN_ADMIN_PORT:-9100}"; fi
ADMIN_NEXT=0
ADMIN_PORTS=()

log() { printf '%s\n' "run.sh: $*"; }
die() { printf '%s\n' "run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- dependencies
have() { command -v "$1" >/dev/null 2>&1; }

apt_install() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif have sudo; then SUDO="sudo"; else
    die "missing Debian packages: ${missing[*]} (install them, or run as root)"; fi
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

binary() {  # binary NAME: path of an installed server binary (Debian puts some in /usr/sbin)
  local name=$1
  if have "$name"; then command -v "$name"; return; fi
  for d in /usr/bin /usr/sbin /usr/local/bin; do [ -x "$d/$name" ] && { echo "$d/$name"; return; }; done
  return 1
}

ensure_build_tools() {
  local pkgs=()
  have java || pkgs+=(openjdk-17-jdk-headless)
  have mvn || pkgs+=(maven)
  apt_install "${pkgs[@]}"
}

ensure_servers() {
  local pkgs=()
  binary etcd >/dev/null || pkgs+=(etcd-server)
  binary redis-server >/dev/null || pkgs+=(redis-server)
  apt_install "${pkgs[@]}"
}

# The storage tests run on PostgreSQL (127.0.0.1:5432, trust, user postgres) and MariaDB (127.0.0.1:3306,
# root without a password) too: install them if missing (and then let the tests in as above), start them
# if they do not answer. Each test makes its own database and drops it; nothing else is touched.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif have sudo; then sudo "$@"; else die "need root for: $*"; fi; }

await_port() {  # await_port PORT WHAT
  for _ in $(seq 1 60); do port_busy "$1" && return 0; sleep 0.5; done
  die "$2 did not start listening on port $1 within 30 s"
}

ensure_databases() {
  local fresh_pg=0 fresh_maria=0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fresh_pg=1; fi
  if ! binary mariadbd >/dev/null; then apt_install mariadb-server; fresh_maria=1; fi
  local pg_version pg_conf
  pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_conf="/etc/postgresql/$pg_version/main"
  if [ "$fresh_pg" -eq 1 ]; then   # a new cluster asks for passwords on TCP: let local tests in as postgres
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$pg_conf/pg_hba.conf"
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main restart >/dev/null 2>&1 || true
  fi
  if ! port_busy 5432; then
    log "starting PostgreSQL $pg_version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start || true   # "already running" is fine
    await_port 5432 PostgreSQL
  fi
  if ! port_busy 3306; then
    log "starting MariaDB"
    as_root install -d -o mysql -g mysql /run/mysqld
    as_root start-stop-daemon --start --oknodo --background --exec "$(binary mariadbd)"
    await_port 3306 MariaDB
  fi
  if [ "$fresh_maria" -eq 1 ]; then   # a new server lets root in through its socket only
    as_root mariadb -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
  fi
}

ensure_browser() {
  local pkgs=()
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
  { have node && have npm; } || pkgs+=(nodejs npm)
  apt_install "${pkgs[@]}"
}

# the terminal client's test (TerminalClientIT) types into it through tmux
ensure_terminal() {
  have tmux || apt_install tmux
}

# ---------------------------------------------------------------- build
build_if_needed() {
  [ -n "${RUN_JAR:-}" ] && return   # a jar chosen on purpose is run as it is
  if [ -f "$JAR_SRC" ] && [ -z "$(find "$ROOT" -path "$RUN_DIR" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$JAR_SRC" -print -quit)" ]; then
    return
  fi
  log "building im.jar (mvn package)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
}

# ---------------------------------------------------------------- processes
pidfile() { echo "$RUN_DIR/pids/$1.pid"; }

alive() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

spawn() {  # spawn NAME command...: start in the background, remember the pid, log to run/logs/NAME.log
  local name=$1; shift
  # own session: Ctrl-C reaches only this script, which then stops everything in order
  if have setsid; then setsid "$@" >"$RUN_DIR/logs/$name.log" 2>&1 < /dev/null &
  else "$@" >"$RUN_DIR/logs/$name.log" 2>&1 < /dev/null & fi
  echo $! >"$(pidfile "$name")"
}

wait_for() {  # wait_for NAME what test-command...
  local name=$1 what=$2; shift 2
  for _ in $(seq 1 120); do
    "$@" && return 0
    alive "$name" || die "$name exited; see $RUN_DIR/logs/$name.log: $(tail -n 3 "$RUN_DIR/logs/$name.log" 2>/dev/null)"
    sleep 0.5
  done
  die "$name not $what after 60 s; see $RUN_DIR/logs/$name.log"
}

started() { grep -qE " serving, |Main - [a-z_,]+ started$" "$RUN_DIR/logs/$1.log" 2>/dev/null; }   # (the second: an older im.jar)

# GET /health/ready on an admin port answers 200 once the process is registered in etcd and its
# dependencies answer
ready() (   # a subshell: the connection's file descriptor never leaks into run.sh
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'GET /health/ready HTTP/1.0\r\n\r\n' >&3
  read -r _ status _ <&3 || exit 1
  [ "$status" = "200" ]
) 2>/dev/null

start_etcd() {
  if [ -n "${GOCHAT_ETCD_ENDPOINTS:-}" ]; then ETCD="$GOCHAT_ETCD_ENDPOINTS"; log "using etcd at $ETCD"; return; fi
  ETCD="http://127.0.0.1:$ETCD_PORT"
  port_busy "$ETCD_PORT" && die "port $ETCD_PORT is taken; set RUN_ETCD_PORT or GOCHAT_ETCD_ENDPOINTS"
  local peer=$((ETCD_PORT + 1))
  spawn etcd "$(binary etcd)" --name gochat --data-dir "$RUN_DIR/data/etcd" \
    --listen-client-urls "$ETCD" --advertise-client-urls "$ETCD" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "gochat=http://127.0.0.1:$peer" --log-level warn --logger zap
  wait_for etcd "listening" port_busy "$ETCD_PORT"
}

start_redis() {
  if [ -n "${GOCHAT_REDIS_URL:-}" ]; then REDIS="$GOCHAT_REDIS_URL"; log "using Redis at $REDIS"; return; fi
  REDIS="redis://127.0.0.1:$REDIS_PORT/0"
  port_busy "$REDIS_PORT" && die "port $REDIS_PORT is taken; set RUN_REDIS_PORT or GOCHAT_REDIS_URL"
  spawn redis "$(binary redis-server)" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$RUN_DIR/data" --daemonize no
  wait_for redis "listening" port_busy "$REDIS_PORT"
}

cds_flags() {  # class-data sharing: the first start records the classes it loads, later starts map them (faster)
  local archive="$RUN_DIR/$1.jsa"
  if [ -f "$archive" ] && [ "$archive" -nt "$RUN_DIR/im.jar" ]; then echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off"
  else rm -f "$archive"; echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off"; fi
}

start_module() {  # start_module NAME MODULE extra-flags...
  local name=$1 module=$2; shift 2
  local admin=0 admin_flag=()
  if [ "$ADMIN_BASE_PORT" -gt 0 ]; then
    admin=$((ADMIN_BASE_PORT + ADMIN_NEXT)); ADMIN_NEXT=$((ADMIN_NEXT + 1))
    port_busy "$admin" && die "admin port $admin is taken; set RUN_ADMIN_PORT (0 = none)"
    admin_flag=(--admin.port="$admin")
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
  spawn "$name" java $JAVA_OPTS $(cds_flags "$name") -jar "$RUN_DIR/im.jar" --module="$module" \
    --etcd.endpoints="$ETCD" --redis.url="$REDIS" --db.url="$DB_URL" "${admin_flag[@]}" "$@"
  wait_for "$name" "started" started "$name"
  if [ "$admin" -gt 0 ]; then
    wait_for "$name" "ready" ready "$admin"
    ADMIN_PORTS+=("$name http://127.0.0.1:$admin/metrics")
  fi
  log "$name ready (pid $(cat "$(pidfile "$name")"), admin :$admin, log $RUN_DIR/logs/$name.log)"
}

cmd_start() {
  local detach=0 split=0 n_ws=1 n_tcp=1 n_logic=1 n_task=1
  for a in "$@"; do
    case $a in
      -d|--detach) detach=1 ;;
      --split) split=1 ;;
      --connect-ws=*) n_ws=${a#*=}; split=1 ;;
      --connect-tcp=*) n_tcp=${a#*=}; split=1 ;;
      --logic=*) n_logic=${a#*=}; split=1 ;;
      --task=*) n_task=${a#*=}; split=1 ;;
      *) die "unknown option $a (see the top of run.sh)" ;;
    esac
  done
  for p in "$RUN_DIR"/pids/*.pid; do
    [ -f "$p" ] && kill -0 "$(cat "$p")" 2>/dev/null && die "already running (./run.sh status, ./run.sh stop)"
  done
  ensure_build_tools
  ensure_servers
  build_if_needed
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs" "$RUN_DIR/data"
  rm -f "$RUN_DIR"/pids/*.pid
  cp -p "$JAR_SRC" "$RUN_DIR/im.jar"   # never run from target/: a rebuild must not pull the jar from under us
  start_etcd
  start_redis
  [ "$split" -eq 1 ] && JAVA_OPTS=$JAVA_OPTS_SPLIT
  if [ "$split" -eq 0 ]; then
    start_module gochat all --connect.ws.port="$WS_BASE_PORT" --connect.tcp.port="$TCP_BASE_PORT" \
      --api.port="$API_PORT" --site.port="$SITE_PORT"
  else
    for i in $(seq 1 "$n_logic"); do start_module "logic-$i" logic; done
    for i in $(seq 1 "$n_ws"); do
      start_module "connect_ws-$i" connect_ws --connect.ws.port=$((WS_BASE_PORT + 10 * (i - 1))) --server.id="ws-$i"
    done
    for i in $(seq 1 "$n_tcp"); do
      start_module "connect_tcp-$i" connect_tcp --connect.tcp.port=$((TCP_BASE_PORT + 10 * (i - 1))) --server.id="tcp-$i"
    done
    for i in $(seq 1 "$n_task"); do start_module "task-$i" task; done
    start_module api api --api.port="$API_PORT"
    start_module site site --site.port="$SITE_PORT"
  fi
  echo
  log "gochat-java is running"
  echo "  chat page   http://127.0.0.1:$SITE_PORT/"
  echo "  HTTP API    http://127.0.0.1:$API_PORT/"
  echo "  WebSocket   ws://127.0.0.1:$WS_BASE_PORT/ws"
  echo "  TCP         127.0.0.1:$TCP_BASE_PORT"
  echo "  API docs    http://127.0.0.1:$API_PORT/docs"
  for a in "${ADMIN_PORTS[@]}"; do echo "  metrics     $a  (and /health/ready)"; done
  echo "  logs        $RUN_DIR/logs/"
  if [ "$detach" -eq 1 ]; then
    log "stop with ./run.sh stop"
    return
  fi
  log "Ctrl-C stops everything"
  # the terminal may be gone (or a pipe reader killed by the same Ctrl-C): stop everything regardless
  trap 'set +e; trap "" PIPE; echo; cmd_stop; exit 0' INT TERM HUP
  while true; do sleep 1; done
}

cmd_stop() {
  [ -d "$RUN_DIR/pids" ] || { log "nothing to stop"; return; }
  # modules first (they deregister from etcd and close cleanly on SIGTERM), etcd and redis last
  local order=()
  for p in "$RUN_DIR"/pids/*.pid; do
    [ -f "$p" ] || continue
    case $(basename "$p" .pid) in etcd|redis) ;; *) order+=("$p") ;; esac
  done
  for s in redis etcd; do [ -f "$RUN_DIR/pids/$s.pid" ] && order+=("$RUN_DIR/pids/$s.pid"); done
  for p in "${order[@]}"; do
    local pid name
    pid=$(cat "$p"); name=$(basename "$p" .pid)
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 10 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
      log "stopped $name"
    fi
    rm -f "$p"
  done
}

cmd_status() {
  local any=0
  for p in "$RUN_DIR"/pids/*.pid; do
    [ -f "$p" ] || continue
    any=1
    local name pid
    name=$(basename "$p" .pid); pid=$(cat "$p")
    if kill -0 "$pid" 2>/dev/null; then printf '  %-16s running  pid %-8s log %s\n' "$name" "$pid" "$RUN_DIR/logs/$name.log"
    else printf '  %-16s DEAD     pid %-8s log %s\n' "$name" "$pid" "$RUN_DIR/logs/$name.log"; fi
  done
  [ "$any" -eq 1 ] || log "nothing is running"
}

cmd_test() {
  ensure_build_tools
  ensure_servers
  ensure_databases
  ensure_browser
  ensure_terminal
  (cd "$ROOT" && mvn -B verify)
}

cmd_docker() {
  have docker || die "docker is not installed"
  docker info >/dev/null 2>&1 || die "no Docker engine is running here (the client alone cannot build or run images)"
  build_if_needed
  # the containers talk RPC over the docker network: they share one cluster secret, made once and kept
  # (owner-only) in the run directory unless GOCHAT_CLUSTER_SECRET is set
  if [ -z "${GOCHAT_CLUSTER_SECRET:-}" ]; then
    mkdir -p "$RUN_DIR"
    if [ ! -s "$RUN_DIR/cluster.secret" ]; then
      (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n=' > "$RUN_DIR/cluster.secret")
    fi
    GOCHAT_CLUSTER_SECRET="$(cat "$RUN_DIR/cluster.secret")"
    export GOCHAT_CLUSTER_SECRET
  fi
  local profile=dev
  case "${1:-}" in
    --split) profile=split; shift ;;
    --scaled) profile=scaled; shift ;;   # split, with two logic servers on PostgreSQL, Redis Sentinel
  esac
  (cd "$ROOT/docker" && docker compose --profile "$profile" up --build "$@")
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  test) cmd_test ;;
  docker) shift; cmd_docker "$@" ;;
  -h|--help|help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' ;;
  -*) cmd_start "$@" ;;
  *) die "unknown command '$1' (start, stop, status, test, docker)" ;;
esac
