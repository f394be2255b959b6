"""Development: the laptop default, embedded SQLite, debug pages on."""

from .base import *  # noqa: F403

DEBUG = True
