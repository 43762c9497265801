#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, from Debian's postgresql binaries: initdb and pg_ctl in a temporary
# folder, listening on a free loopback port only, trust authentication for its own user, fsync off (test data).
#   tests/postgres-cluster.sh start FOLDER   prints the administrator connection string (Npgsql form)
#   tests/postgres-cluster.sh stop FOLDER    stops the server and deletes the folder
# initdb refuses to run as root, so as root the server runs as the 'postgres' user the package creates.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres-cluster.sh: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

command=${1:?start or stop}
folder=${2:?folder}
case "$command" in
  start)
    mkdir -p "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
    # A port nothing answers on: a connection attempt that fails means it is free.
    port=$((20000 + RANDOM % 40000))
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
    as_owner "$bin/initdb" -D "$folder/data" -U evaluation --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log"
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c log_checkpoints=off" \
      start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=evaluation;Database=postgres"
    ;;
  stop)
    if [ -f "$folder/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$folder"
    ;;
  *)
    echo "postgres-cluster.sh: start or stop" >&2
    exit 2
    ;;
esac
