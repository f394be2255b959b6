#!/usr/bin/env bash
# Make a PostgreSQL server available for the tests: install it from Debian's packages when we
# may (root), start it, and create the role and database the tests use. Prints the URL to use.
set -euo pipefail
URL="postgres://tinhgon:tinhgon@127.0.0.1:5432/tinhgon"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  else
    echo "PostgreSQL is not installed; install it or set TEST_DATABASE_URL." >&2; exit 1
  fi
fi
if [ "$(id -u)" = 0 ]; then
  service postgresql start >&2 || true
  for _ in $(seq 1 30); do su postgres -c "pg_isready -q" && break; sleep 1; done
  su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='tinhgon'\"" | grep -q 1 ||
    su postgres -c "psql -q -c \"CREATE ROLE tinhgon LOGIN PASSWORD 'tinhgon' CREATEDB\"" >&2
  su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='tinhgon'\"" | grep -q 1 ||
    su postgres -c "psql -q -c \"CREATE DATABASE tinhgon OWNER tinhgon\"" >&2
  # The tests create test_tinhgon; btree_gist is a trusted extension, so the owner may add it.
  su postgres -c "psql -q -d template1 -c 'CREATE EXTENSION IF NOT EXISTS btree_gist'" >&2
fi
echo "$URL"
