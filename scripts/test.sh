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

echo "== ruff, mypy, migrations, translations, bandit, pip-audit"
$V/ruff check src tests bench scripts
$V/ruff format --check src tests bench scripts
$V/mypy
DJANGO_SETTINGS_MODULE=tinhgon.settings.test $V/python -m tinhgon.manage makemigrations --check --dry-run >/dev/null
$V/python scripts/i18n.py check
# Security scans (docs/developer/security.md). bandit: no high-severity finding in src.
$V/bandit -q -c pyproject.toml -r src --severity-level high
# pip-audit: no known vulnerability in any pinned version, from PyPI's per-release data. Where
# PyPI answers but not with that data, the packages are counted as not audited instead of
# failing; with no network at all the scan is skipped. A vulnerability found always fails.
# Ignored vulnerabilities (--ignore-vuln ID, each with its reason here): none.
pypi=$($V/python - <<'PY'
import urllib.error, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/pypi/pip-audit/2.10.1/json", timeout=20)
    print("data")
except urllib.error.HTTPError:
    print("no-data")
except OSError:
    print("offline")
PY
)
if [ "$pypi" = offline ]; then
  echo "pip-audit: skipped, PyPI cannot be reached" >&2
else
  [ "$pypi" = data ] && strict=--strict || strict=
  if [ "$pypi" != data ]; then
    echo "pip-audit: PyPI's per-release vulnerability data is unreachable" >&2
    $V/python scripts/audit_pins.py  # what the project pages say, for pins that are the latest
  fi
  $V/pip-audit -r requirements.lock -r requirements-bench.lock --no-deps --disable-pip --progress-spinner off $strict |
    awk '/^Name +Skip Reason$/ {skip=1} skip {if (/could not be audited/) n++; next} {print}
         END {if (n) printf "pip-audit: %d pinned packages could not be audited\n", n}'
fi

ensure_chromium
PG_URL="${TEST_DATABASE_URL:-$(bash scripts/ensure-postgres.sh)}"

# Two workers (pytest-xdist), a test module staying on one worker so its module fixtures (the
# demo) are set up once. PYTEST_WORKERS=0 runs in one process.
PYTEST=($V/pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadfile)
echo "== tests on SQLite"
env -u DATABASE_URL "${PYTEST[@]}"
echo "== tests on PostgreSQL"
DATABASE_URL="$PG_URL" "${PYTEST[@]}"
