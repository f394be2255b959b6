"""Production: every secret must come from the environment."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["TINHGON_SECRET_KEY"]
DEBUG = False
SESSION_COOKIE_SECURE = os.environ.get("TINHGON_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
