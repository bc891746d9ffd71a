#!/bin/bash
# tests/pg/cluster.sh — a throw-away PostgreSQL cluster for the tests
# (issue 13): Debian's PostgreSQL (`postgresql` package), initdb into a
# folder of its own, run as an unprivileged user, listening on a Unix
# socket in that folder only (no TCP port to collide with), removed by
# `stop`.
#
#   tests/pg/cluster.sh start DIR [DBNAME]   prints the connection URL
#   tests/pg/cluster.sh url DIR [DBNAME]     prints it again
#   tests/pg/cluster.sh replica DIR PRIMARY [DBNAME]
#                                            a streaming replica (hot
#                                            standby) of the cluster in
#                                            PRIMARY, in DIR; prints its URL
#   tests/pg/cluster.sh down DIR             stops the server, keeps DIR
#   tests/pg/cluster.sh up DIR               starts it again
#   tests/pg/cluster.sh stop DIR             stops the server, removes DIR
#
# Run as root, the server runs as the `postgres` user the package creates
# (PostgreSQL refuses to run as root); as anyone else, as that user.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
db=${3:-chanjiao}
[ -n "$cmd" ] && [ -n "$dir" ] || {
    echo "usage: $0 start|url|replica|down|up|stop DIR [PRIMARY] [DBNAME]" >&2
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

# Start the server of the cluster in $dir (fsync stays on: the tests of "a
# killed server loses no acknowledged write" need the real thing).
server_start() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir -p $port -c max_connections=200" start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
}

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
    server_start
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U chanjiao "$db"
    url
    ;;
replica)
    # pg_basebackup -R writes standby.signal and primary_conninfo: the copy
    # starts as a hot standby streaming from the primary's socket.  The
    # primary's defaults (wal_level=replica, max_wal_senders=10, initdb's
    # "local replication all trust") allow it.
    primary=${3:-}
    db=${4:-chanjiao}
    [ -d "$primary/data" ] || {
        echo "usage: $0 replica DIR PRIMARY [DBNAME] (PRIMARY: a started cluster's DIR)" >&2
        exit 2
    }
    primary=$(cd "$primary" && pwd)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/pg_basebackup" -h "$primary" -p "$port" -U chanjiao -D "$dir/data" -R \
        -X stream -c fast >"$dir/basebackup.log" 2>&1 || {
        cat "$dir/basebackup.log" >&2
        exit 1
    }
    server_start
    url
    ;;
down)
    dir=$(cd "$dir" && pwd)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
up)
    dir=$(cd "$dir" && pwd)
    server_start
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
    echo "usage: $0 start|url|replica|down|up|stop DIR [PRIMARY] [DBNAME]" >&2
    exit 2
    ;;
esac
