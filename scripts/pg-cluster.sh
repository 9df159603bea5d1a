#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL store.
#   eval "$(scripts/pg-cluster.sh start)"   starts one in a temporary folder on a free
#                                            loopback port, TLS on with a certificate of
#                                            its own, and prints the exports for the tests
#                                            (FRAGMENTS_TEST_PG, FRAGMENTS_TEST_PG_CA, PG_CLUSTER_DIR)
#   scripts/pg-cluster.sh stop DIR          stops it and removes the folder
# It needs Debian's postgresql and openssl packages; .ci/run installs them when missing.
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
    # A CA of its own and a server certificate for 127.0.0.1, so sslmode=verify-full is tried for real.
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=fragments-test-ca -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$DIR/data/server.key" -out "$DIR/server.csr" 2>/dev/null
    openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days 2 \
      -extfile <(printf 'subjectAltName=IP:127.0.0.1') -out "$DIR/data/server.crt" 2>/dev/null
    chmod 600 "$DIR/data/server.key"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/data/server.key" "$DIR/data/server.crt"
    chmod 644 "$DIR/ca.crt"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c ssl=on" start >/dev/null
    echo "export FRAGMENTS_TEST_PG=postgres://postgres@127.0.0.1:$PORT/postgres FRAGMENTS_TEST_PG_CA=$DIR/ca.crt PG_CLUSTER_DIR=$DIR"
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
