# Sourced by ./telltale.sh test: start a throwaway PostgreSQL cluster on loopback and export
# TEST_POSTGRES_URL so the storage and classroom tests also run against PostgreSQL.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$PG_BIN" ] && [ -z "${TEST_POSTGRES_URL:-}" ]; then
  PG_DIR=$(mktemp -d /tmp/telltale-pg.XXXXXX)
  chown postgres "$PG_DIR" 2>/dev/null || true
  # A free loopback port, so several checkouts can run their tests side by side.
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  run_pg "$PG_BIN/initdb -D $PG_DIR/data -U telltale --auth=trust >/dev/null"
  run_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' -l $PG_DIR/log -w start >/dev/null"
  export TEST_POSTGRES_URL="postgresql+psycopg://telltale@127.0.0.1:$PG_PORT/postgres"
  trap 'run_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null"' EXIT
fi
