#!/usr/bin/env bash
# Run a test command on SQLite and on a throwaway PostgreSQL server side by side (one core each),
# then print both logs in turn; exit non-zero when either run failed.
set -uo pipefail
logs=$(mktemp -d /tmp/meetings-tests.XXXXXX)
trap 'rm -rf "$logs"' EXIT
here=$(dirname "$0")
"$@" >"$logs/sqlite.log" 2>&1 &
sqlite=$!
bash "$here/with-postgres.sh" "$@" >"$logs/postgresql.log" 2>&1 &
postgresql=$!
wait "$sqlite"; sqlite_status=$?
echo "== test suite on SQLite (exit $sqlite_status) =="
cat "$logs/sqlite.log"
wait "$postgresql"; postgresql_status=$?
echo "== test suite on PostgreSQL (exit $postgresql_status) =="
cat "$logs/postgresql.log"
[ "$sqlite_status" -eq 0 ] && [ "$postgresql_status" -eq 0 ]
