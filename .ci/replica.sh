#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL cluster (127.0.0.1:5432, or PRIMARY_PORT), on loopback port 5433, for
# the read-replica test (tests/reliability/replica.test.ts). Run as root; the replica runs as the postgres user.
#   bash .ci/replica.sh start   # pg_basebackup -R, then start it as a hot standby; prints its TEST_REPLICA_URL
#   bash .ci/replica.sh stop
# PGPASSWORD (default postgres) is the postgres role's password on the primary, which the replica keeps too.
set -euo pipefail
port=${REPLICA_PORT:-5433}
primary=${PRIMARY_PORT:-5432}
dir=${REPLICA_DIR:-/tmp/thidua-replica-$port}
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
bin=/usr/lib/postgresql/$ver/bin
export PGPASSWORD=${PGPASSWORD:-postgres}
slot=thidua_replica_$port
as_pg() { runuser -u postgres -- "$@"; }
# the slot keeps the primary's WAL until the replica has it (a busy primary recycles it within seconds otherwise);
# dropped when the replica stops, so a stopped replica never holds WAL back
drop_slot() { psql -h 127.0.0.1 -p "$primary" -U postgres -qAtc "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" >/dev/null; }

case "${1:-start}" in
  stop)
    if [ -f "$dir/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
    drop_slot
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  rm -rf "$dir"
  drop_slot
  # -R writes standby.signal and primary_conninfo (and the slot's name); -X stream copies the WAL written meanwhile;
  # -C -S makes the slot; -c fast checkpoints now
  as_pg env PGPASSWORD="$PGPASSWORD" "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir" -R -X stream -C -S "$slot" -c fast
  # Debian keeps the primary's configuration in /etc: the copy gets its own. A hot standby needs at least the
  # primary's max_connections (and the like) to start.
  setting() { psql -h 127.0.0.1 -p "$primary" -U postgres -Atc "SHOW $1"; }
  cat > "$dir/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
hot_standby = on
shared_buffers = 64MB
max_connections = $(setting max_connections)
max_worker_processes = $(setting max_worker_processes)
max_wal_senders = $(setting max_wal_senders)
max_prepared_transactions = $(setting max_prepared_transactions)
max_locks_per_transaction = $(setting max_locks_per_transaction)
EOF
  printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' > "$dir/pg_hba.conf"
  chown postgres:postgres "$dir/postgresql.conf" "$dir/pg_hba.conf"
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w start >/dev/null
fi
echo "postgres://postgres:$PGPASSWORD@127.0.0.1:$port/postgres"
