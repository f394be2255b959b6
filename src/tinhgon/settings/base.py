"""Settings shared by every environment. Secrets and locations come from the environment."""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from dj_database_url import DBConfig

django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Where the embedded database and collected static files live; the current folder by default.
DATA_DIR = Path(os.environ.get("TINHGON_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("TINHGON_SECRET_KEY", "development-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("TINHGON_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "tinhgon.core",
    "tinhgon.audit",
    "tinhgon.registry",
    "tinhgon.accounts",
    "tinhgon.people",
    "tinhgon.staffing",
    "tinhgon.party",
    "tinhgon.indicators",
    "tinhgon.jobs",
    "tinhgon.plans",
    "tinhgon.reports",
    "tinhgon.adminunits",
    "tinhgon.demo",
    "tinhgon.interchange",
    "tinhgon.api",
    "tinhgon.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tinhgon.core.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tinhgon.accounts.middleware.SignInRequiredMiddleware",
    "tinhgon.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tinhgon.urls"
WSGI_APPLICATION = "tinhgon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tinhgon.web.context.account",
            ],
        },
    },
]


def sqlite_tuned(config: DBConfig) -> DBConfig:
    """SQLite as a server-like database: a write-ahead log (readers never wait for the writer,
    a commit needs no full sync) and a 64 MB page cache instead of 2 MB (a big import's index
    pages stay in memory). Other databases are returned as they are."""
    if config.get("ENGINE", "").endswith("sqlite3"):
        options = config.setdefault("OPTIONS", {})
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536",
        )
    return config


DATABASES = {
    "default": sqlite_tuned(
        dj_database_url.config(
            env="DATABASE_URL",
            default=f"sqlite:///{DATA_DIR / 'tinhgon.sqlite3'}",
            conn_max_age=60,
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 (argon2-cffi) hashes new passwords; the others still verify hashes made before it and
# are upgraded to Argon2 at the next sign-in. Tests use a fast hasher (settings/test.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "tinhgon.core.passwords.LetterAndDigitValidator"},
]

# Sessions last a working day at most and end when the browser closes; scripts cannot read the
# session cookie. The CSRF cookie stays readable (Django's default): the token is in the forms.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Headers on every response, in every environment (production adds HTTPS-only ones); the
# Content-Security-Policy comes from tinhgon.core.headers. See docs/developer/security.md.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Vietnamese is the default and only user-facing language; source strings are English.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy in the UI (see tinhgon/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["tinhgon.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
# Sign-in lockout: this many failures for one user name within the window lock it for the
# rest of the window.
TINHGON_LOCKOUT_FAILURES = 5
TINHGON_LOCKOUT_SECONDS = 15 * 60

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tinhgon.api.errors.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "tinhgon API",
    "DESCRIPTION": (
        "Temporal registry of the apparatus. Reads take an `on` date (YYYY-MM-DD). Every "
        "operation needs a signed-in user (a token: `Authorization: Token …`, or a session) "
        "and answers within the user's role and scope."
    ),
    "VERSION": "1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tinhgon.api.openapi.add_access_responses",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
