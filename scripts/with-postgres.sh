#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb in a temporary folder, start it
# on a free loopback port, export MEETINGS_TEST_DATABASE_URL, run, stop and remove it.
set -euo pipefail
bin=""
if command -v initdb >/dev/null; then bin=$(dirname "$(readlink -f "$(command -v initdb)")")/; else bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/; fi
dir=$(mktemp -d /tmp/meetings-pg.XXXXXX)
chmod 755 "$dir"
as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  "${as[@]}" "${bin}pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as[@]}" "${bin}initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
"${as[@]}" "${bin}pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null || { cat "$dir/server.log"; exit 1; }
"${as[@]}" "${bin}createdb" -h 127.0.0.1 -p "$port" -U postgres meetings_test
export MEETINGS_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/meetings_test"
echo "PostgreSQL $("${as[@]}" "${bin}postgres" --version | awk '{print $3}') on port $port"
"$@"
