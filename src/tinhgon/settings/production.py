"""Production: every secret must come from the environment; HTTPS only.

See docs/developer/security.md for what each setting does.
"""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["TINHGON_SECRET_KEY"]
DEBUG = False
# TINHGON_INSECURE_COOKIES=1 is for a trial install served over plain HTTP on a private network:
# it turns off what would lock a browser out of it there (secure cookies, the HTTPS redirect, HSTS).
_https = os.environ.get("TINHGON_INSECURE_COOKIES") != "1"
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https
# Browsers remember for a year to use HTTPS only, for every subdomain too, and may preload it.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy that terminates TLS (TINHGON_BEHIND_PROXY=1), trust its
# X-Forwarded-Proto header to tell HTTPS requests. Never set this without such a proxy: a client
# could then claim HTTPS itself.
if os.environ.get("TINHGON_BEHIND_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
