"""Tests: SQLite in memory unless DATABASE_URL names another database (PostgreSQL in CI)."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": sqlite_tuned(  # noqa: F405
        dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://:memory:"))
    ),
}
# Tests do not collect static files: serve them from the apps, and expect no STATIC_ROOT.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
# Background jobs run to their end inside the request that starts them (tests/jobs runs one
# in its thread).
JOBS_RUN_INLINE = True
