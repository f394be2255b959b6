"""Login and transport hardening: `check --deploy` is clean with the production settings, the
security headers are on every response, Argon2 hashes passwords, and the password policy holds."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import translation

from tinhgon.core.headers import CONTENT_SECURITY_POLICY

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def production(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m tinhgon.manage ARGS` with the production settings and a fresh secret."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TINHGON_", "DJANGO_")) and key != "DATABASE_URL"
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="tinhgon.settings.production",
        TINHGON_SECRET_KEY=secrets.token_urlsafe(64),
        TINHGON_ALLOWED_HOSTS="tinhgon.example.vn",
        TINHGON_DATA_DIR=str(tmp_path),
        **env,
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, "-m", "tinhgon.manage", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path: Path) -> None:
    done = production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues" in output, output


PRINT_SETTINGS = """\
from django.conf import settings
for name in ("PASSWORD_HASHERS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"):
    print("setting", name, repr(getattr(settings, name)))
"""


def test_production_hashes_with_argon2_and_trusts_a_proxy_only_when_told(tmp_path: Path) -> None:
    direct = production(tmp_path, "shell", "-c", PRINT_SETTINGS)
    assert direct.returncode == 0, direct.stderr
    values = dict(
        line.split(" ", 2)[1:] for line in direct.stdout.splitlines() if line.startswith("setting ")
    )
    assert values["PASSWORD_HASHERS"].startswith(f"['{ARGON2}'")
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["SESSION_COOKIE_SECURE"] == values["CSRF_COOKIE_SECURE"] == "True"
    assert values["SECURE_HSTS_SECONDS"] == str(365 * 24 * 3600)
    assert values["SECURE_PROXY_SSL_HEADER"] == "None"

    proxied = production(tmp_path, "shell", "-c", PRINT_SETTINGS, TINHGON_BEHIND_PROXY="1")
    assert proxied.returncode == 0, proxied.stderr
    assert "setting SECURE_PROXY_SSL_HEADER ('HTTP_X_FORWARDED_PROTO', 'https')" in proxied.stdout


def test_the_base_settings_put_argon2_first() -> None:
    from tinhgon.settings import base

    assert base.PASSWORD_HASHERS[0] == ARGON2
    # The tests themselves use a fast hasher; Argon2 must still work when asked for.
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("Mong Cai 2025 ward")
        assert hashed.startswith("argon2$")
        assert check_password("Mong Cai 2025 ward", hashed)


def test_sessions_expire_and_the_session_cookie_is_http_only() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.parametrize("url", ["/api/schema/", "/khong-co-trang-nay/"])
def test_security_headers_are_on_every_response(url: str) -> None:
    response = Client().get(url)
    assert response.status_code in (200, 404)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    for directive in (
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    ):
        assert directive in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_csp_middleware_comes_right_after_the_security_middleware() -> None:
    position = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert (
        settings.MIDDLEWARE[position + 1] == "tinhgon.core.headers.ContentSecurityPolicyMiddleware"
    )


def problems(password: str, **user: str) -> list[str]:
    from django.contrib.auth.models import User

    try:
        validate_password(password, User(**user) if user else None)
    except ValidationError as error:
        return list(error.messages)
    return []


def test_the_password_policy_in_vietnamese() -> None:
    with translation.override("vi"):
        assert problems("Mong Cai 2025 ward") == []
        assert problems("Hạ Long 2025 xanh") == []  # letters with diacritics count
        too_short = problems("abc123")
        assert any("12" in message for message in too_short), too_short
        assert problems("mật khẩu không có số") == [
            "Mật khẩu này không có chữ số nào: hãy thêm ít nhất một chữ số."
        ]
        assert problems("1234 5678 9012 3456") == [
            "Mật khẩu này không có chữ cái nào: hãy thêm ít nhất một chữ cái."
        ]
        assert problems("password1234")  # a common password
        assert problems("lan.nguyen2025", username="lan.nguyen2025")  # like the user name


def test_no_template_carries_inline_script_or_style():
    """The policy refuses them: a page relying on one would silently break."""
    from pathlib import Path

    import tinhgon

    templates = Path(tinhgon.__file__).parent.glob("*/templates/**/*.html")
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for pattern in ("<style", " style=", "<script>", " onclick=", " onchange=", " onsubmit="):
            assert pattern not in text, (template.name, pattern)
