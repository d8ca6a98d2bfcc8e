#!/usr/bin/env bash
# Makes sure PostgreSQL and NATS (with JetStream) answer where the tests expect
# them, starting them if needed. Safe to run repeatedly: services that already
# answer are left untouched.
#
#   PGHOST / PGPORT   default 127.0.0.1 / 5432
#   PGUSER            superuser name for a private cluster, default postgres
#   PGPASSWORD        the password of PGUSER when the server asks for one (Debian's default)
#   NATS_URL          default nats://127.0.0.1:4222 (NATS_USER / NATS_PASSWORD if it needs them)
#   NATS_SERVER_BIN   nats-server to start when none answers; found on PATH, /usr/sbin, /usr/local/bin otherwise
#
# Beyond "the port is open", it checks what the tests and apps need: that PostgreSQL lets PGUSER in
# over TCP and create databases, and that the NATS server has JetStream. Those probes are small node
# scripts (probe-*.cjs) and run once node_modules is installed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$REPO_ROOT/.run"

PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_SUPERUSER="${PGUSER:-postgres}"
NATS_URL_VALUE="${NATS_URL:-nats://127.0.0.1:4222}"

die() {
  echo "ensure-services: $*" >&2
  exit 1
}

tcp_answers() {
  local host="$1" port="$2"
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    return 0
  fi
  # Some bash builds lack /dev/tcp; nc is the fallback probe.
  if command -v nc >/dev/null 2>&1; then
    nc -z -w 1 "$host" "$port" >/dev/null 2>&1
    return $?
  fi
  return 1
}

wait_until() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
}

is_local_host() {
  case "$1" in
    127.* | localhost | ::1 | 0.0.0.0 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------- PostgreSQL

# Versioned server binaries are usually not on PATH on Debian; prefer the
# newest installed version.
pg_bindir() {
  local dir
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
      echo "$dir"
      return 0
    fi
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
    return 0
  fi
  return 1
}

pg_answers() {
  local isready
  isready="$(command -v pg_isready || true)"
  if [[ -z "$isready" ]]; then
    local bindir
    bindir="$(pg_bindir || true)"
    [[ -n "$bindir" && -x "$bindir/pg_isready" ]] && isready="$bindir/pg_isready"
  fi
  if [[ -n "$isready" ]]; then
    "$isready" -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
  else
    tcp_answers "$PG_HOST" "$PG_PORT"
  fi
}

# Runs a command as the postgres OS user: the server refuses to run as root.
as_postgres_user() {
  if command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

try_system_cluster() {
  [[ -d /etc/postgresql && "$(id -u)" -eq 0 ]] || return 1
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local version cluster port _rest
  while read -r version cluster port _rest; do
    [[ "$port" == "$PG_PORT" ]] || continue
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >/dev/null 2>&1 || true
    if wait_until 30 pg_answers; then
      echo "postgres: started system cluster $version/$cluster on $PG_HOST:$PG_PORT"
      return 0
    fi
  done < <(pg_lsclusters --no-header 2>/dev/null || true)
  return 1
}

start_private_cluster() {
  local bindir="$1"
  local base="$RUN_DIR/postgres"
  local run_as=()

  if [[ "$(id -u)" -eq 0 ]]; then
    getent passwd postgres >/dev/null ||
      die "postgres cannot run as root and there is no 'postgres' user; create one (useradd --system postgres) or run as a non-root user"
    mkdir -p "$base"
    chown postgres "$base"
    # The postgres user must be able to reach the data dir; a checkout under a
    # private home directory (e.g. /root) is not reachable, so fall back to /tmp.
    if ! as_postgres_user test -w "$base"; then
      base="${TMPDIR:-/tmp}/postgres-$(echo "$REPO_ROOT" | cksum | cut -d' ' -f1)"
      mkdir -p "$base"
      chown postgres "$base"
    fi
    run_as=(as_postgres_user)
  else
    mkdir -p "$base"
  fi
  chmod 700 "$base"

  local data="$base/data"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    "${run_as[@]}" "$bindir/initdb" -D "$data" -U "$PG_SUPERUSER" --auth=trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 ||
      die "initdb failed, see $base/initdb.log"
  fi

  # Unix sockets are disabled: tests connect over TCP, and a deep checkout path
  # can exceed the socket path length limit.
  local listen="$PG_HOST"
  [[ "$listen" == /* ]] && die "PGHOST=$PG_HOST is a socket directory; set PGHOST to a TCP address for a private cluster"
  "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=$listen -c unix_socket_directories=''" start >/dev/null 2>&1 ||
    die "could not start a private PostgreSQL cluster, see $base/postgres.log"

  wait_until 15 pg_answers || die "private PostgreSQL cluster started but does not answer, see $base/postgres.log"
  echo "postgres: started private cluster in $data on $PG_HOST:$PG_PORT"
}

# Debian's packaged cluster asks for a password on TCP (scram-sha-256 in pg_hba.conf) and the
# postgres role has none: say exactly what to set instead of letting every test fail on it.
check_postgres_login() {
  [[ -d "$REPO_ROOT/node_modules/pg" ]] || {
    echo "postgres: login not checked yet (node_modules not installed)"
    return 0
  }
  local out rc=0
  out="$(cd "$REPO_ROOT" && node scripts/infra/probe-postgres.cjs 2>&1)" || rc=$?
  case "$rc" in
    0) echo "$out" ;;
    2)
      local hba version
      hba="$(ls /etc/postgresql/*/main/pg_hba.conf 2>/dev/null | sort -V | tail -n 1 || true)"
      version="$(echo "$hba" | cut -d/ -f4)"
      die "postgres: $out
  The server answers but does not let $PG_SUPERUSER in over TCP. Either
    - give the role a password (CREATE ROLE ... LOGIN CREATEDB first if it does not exist) and export it:
        sudo -u postgres psql -c \"ALTER ROLE $PG_SUPERUSER PASSWORD 'choose-one'\"
        export PGPASSWORD=choose-one
    - or, on a development machine only, trust local TCP connections: in ${hba:-/etc/postgresql/<version>/main/pg_hba.conf}
      set the method of the 'host all all 127.0.0.1/32' and 'host all all ::1/128' lines to trust, then
        sudo pg_ctlcluster ${version:-<version>} main reload
  Tests read PGHOST, PGPORT, PGUSER and PGPASSWORD; the role must be allowed to create databases."
      ;;
    *) die "postgres: $out" ;;
  esac
}

ensure_postgres() {
  if pg_answers; then
    echo "postgres: already answering on $PG_HOST:$PG_PORT"
    check_postgres_login
    return 0
  fi
  is_local_host "$PG_HOST" || die "postgres: nothing answers on $PG_HOST:$PG_PORT and it is not a local address, so it cannot be started here"

  try_system_cluster && return 0

  local bindir
  bindir="$(pg_bindir)" || die "postgres: server binaries not found; install them with: apt-get install postgresql"
  start_private_cluster "$bindir"
  check_postgres_login
}

# ---------------------------------------------------------------------- NATS

parse_nats_url() {
  local rest="${NATS_URL_VALUE%%,*}" # first server of a list
  rest="${rest#*://}"
  rest="${rest##*@}" # drop credentials
  rest="${rest%%/*}"
  NATS_HOST="${rest%:*}"
  NATS_PORT="${rest##*:}"
  if [[ "$rest" != *:* ]]; then
    NATS_HOST="$rest"
    NATS_PORT=4222
  fi
  NATS_HOST="${NATS_HOST#[}"
  NATS_HOST="${NATS_HOST%]}"
  [[ -n "$NATS_HOST" ]] || NATS_HOST=127.0.0.1
}

nats_answers() {
  tcp_answers "$NATS_HOST" "$NATS_PORT"
}

# Debian installs nats-server in /usr/sbin, which is not on a normal user's PATH.
nats_server_bin() {
  local candidate
  for candidate in "${NATS_SERVER_BIN:-}" "$(command -v nats-server 2>/dev/null || true)" \
    /usr/sbin/nats-server /usr/local/bin/nats-server /usr/local/sbin/nats-server /usr/bin/nats-server "$HOME/go/bin/nats-server"; do
    [[ -n "$candidate" && -x "$candidate" ]] && {
      echo "$candidate"
      return 0
    }
  done
  return 1
}

# An open port could be a NATS without JetStream (a plain `nats-server`), which the apps cannot use.
check_jetstream() {
  [[ -d "$REPO_ROOT/node_modules/@nats-io/jetstream" ]] || {
    echo "nats: JetStream not checked yet (node_modules not installed)"
    return 0
  }
  local out rc=0
  out="$(cd "$REPO_ROOT" && NATS_URL="$NATS_URL_VALUE" node scripts/infra/probe-jetstream.cjs 2>&1)" || rc=$?
  case "$rc" in
    0) echo "nats: $out" ;;
    3) die "nats: $out
  Restart that server with JetStream (nats-server -js -sd <store dir>, or a 'jetstream {}' block in its
  config), or point NATS_URL at one that has it." ;;
    *) die "nats: $NATS_HOST:$NATS_PORT is open but does not answer as NATS: $out" ;;
  esac
}

ensure_nats() {
  parse_nats_url
  if nats_answers; then
    echo "nats: already answering on $NATS_HOST:$NATS_PORT"
    check_jetstream
    return 0
  fi
  is_local_host "$NATS_HOST" || die "nats: nothing answers on $NATS_HOST:$NATS_PORT and it is not a local address, so it cannot be started here"
  local server
  server="$(nats_server_bin)" ||
    die "nats: nats-server not found on PATH, in /usr/sbin or /usr/local/bin; install it with: apt-get install nats-server (or set NATS_SERVER_BIN)"

  mkdir -p "$RUN_DIR/nats"
  # setsid detaches the server from this script's process group so it keeps
  # running for later test runs instead of dying with the CI step.
  local launcher=(nohup)
  command -v setsid >/dev/null 2>&1 && launcher=(setsid nohup)
  "${launcher[@]}" "$server" -js -sd "$RUN_DIR/nats" -a "$NATS_HOST" -p "$NATS_PORT" \
    >>"$RUN_DIR/nats.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/nats.pid"

  if ! wait_until 15 nats_answers; then
    tail -n 20 "$RUN_DIR/nats.log" >&2 || true
    die "nats: started nats-server (pid $(cat "$RUN_DIR/nats.pid")) but it does not answer on $NATS_HOST:$NATS_PORT after 15 s, see $RUN_DIR/nats.log"
  fi
  echo "nats: started nats-server with JetStream on $NATS_HOST:$NATS_PORT (pid $(cat "$RUN_DIR/nats.pid"), store $RUN_DIR/nats)"
  check_jetstream
}

ensure_postgres
ensure_nats
