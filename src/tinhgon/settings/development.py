"""Development: the laptop default, embedded SQLite, debug pages on."""

from .base import *  # noqa: F403

DEBUG = True
# The sign-in page names the demo accounts (loaded by `make run`).
TINHGON_DEMO_HINT = True
