#!/bin/bash
# tests/pg/cluster.sh — a throw-away PostgreSQL cluster for the tests
# (issue 13): Debian's PostgreSQL (`postgresql` package), initdb into a
# folder of its own, run as an unprivileged user, listening on a Unix
# socket in that folder only (no TCP port to collide with), removed by
# `stop`.
#
#   tests/pg/cluster.sh start DIR [DBNAME]   prints the connection URL
#   tests/pg/cluster.sh url DIR [DBNAME]     prints it again
#   tests/pg/cluster.sh stop DIR             stops the server, removes DIR
#
# Run as root, the server runs as the `postgres` user the package creates
# (PostgreSQL refuses to run as root); as anyone else, as that user.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
db=${3:-chanjiao}
[ -n "$cmd" ] && [ -n "$dir" ] || {
    echo "usage: $0 start|url|stop DIR [DBNAME]" >&2
    exit 2
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || {
    echo "$0: PostgreSQL's server is not installed (apt-get install postgresql)" >&2
    exit 1
}
port=5432 # the socket's name only: nothing listens on TCP

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql:///$db?host=$dir&port=$port&user=chanjiao"; }

case $cmd in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U chanjiao --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    # fsync stays on: the tests of "a killed server loses no acknowledged
    # write" need the real thing.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir -p $port -c max_connections=200" start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U chanjiao "$db"
    url
    ;;
url)
    dir=$(cd "$dir" && pwd)
    url
    ;;
stop)
    [ -d "$dir" ] || exit 0
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|url|stop DIR [DBNAME]" >&2
    exit 2
    ;;
esac
