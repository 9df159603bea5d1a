#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL store.
#   eval "$(scripts/pg-cluster.sh start)"   starts one in a temporary folder on a free
#                                            loopback port and prints the exports
#                                            (FRAGMENTS_TEST_PG, PG_CLUSTER_DIR) for the tests
#   scripts/pg-cluster.sh stop DIR          stops it and removes the folder
# It needs Debian's postgresql package (initdb, pg_ctl); .ci/run installs it when missing.
# initdb refuses to run as root, so as root the cluster runs as the postgres user.
set -euo pipefail

bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] || { echo "pg-cluster: no initdb found; install PostgreSQL (Debian: apt-get install postgresql)" >&2; exit 1; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

case "${1:-}" in
  start)
    BIN=$(bindir)
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/fragments-pg-XXXXXX")
    chmod 700 "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    PORT=$(free_port)
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "export FRAGMENTS_TEST_PG=postgres://postgres@127.0.0.1:$PORT/postgres PG_CLUSTER_DIR=$DIR"
    ;;
  stop)
    DIR=${2:?usage: pg-cluster.sh stop DIR}
    as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: pg-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
