#!/usr/bin/env bash
# The whole test suite: static checks, then pytest on the embedded SQLite and on PostgreSQL.
# Browser tests need Debian's Chromium (/usr/bin/chromium): installed here when we may (root).
set -euo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation) >/dev/null
  else
    echo "Chromium is missing: apt-get install chromium (browser tests need /usr/bin/chromium)" >&2
    exit 1
  fi
}

echo "== ruff, mypy, migrations, translations"
$V/ruff check src tests bench scripts
$V/ruff format --check src tests bench scripts
$V/mypy
DJANGO_SETTINGS_MODULE=tinhgon.settings.test $V/python -m tinhgon.manage makemigrations --check --dry-run >/dev/null
$V/python scripts/i18n.py check

ensure_chromium
PG_URL="${TEST_DATABASE_URL:-$(bash scripts/ensure-postgres.sh)}"

echo "== tests on SQLite"
env -u DATABASE_URL $V/pytest -p no:cacheprovider
echo "== tests on PostgreSQL"
DATABASE_URL="$PG_URL" $V/pytest -p no:cacheprovider
