import os

# Playwright runs an event loop in the test thread; Django's ORM calls there are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    """Every test starts in the site's language: a request with another Accept-Language
    (LocaleMiddleware) must not leak its language into the next test on the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def admin_user(db, django_user_model):  # type: ignore[no-untyped-def]
    """A system administrator: sees and may do everything."""
    return django_user_model.objects.create_superuser("quan.tri", password="x")


@pytest.fixture
def client(admin_user) -> Client:  # type: ignore[no-untyped-def]
    """A browser signed in as an administrator: most page tests are about what a page shows;
    tests/security proves who may see it."""
    browser = Client()
    browser.force_login(admin_user)
    return browser


# The demo as loaded by the first module that asks for it, and its backup: the next modules
# restore it (a few seconds) instead of loading it again through every service (~15 s on
# SQLite, more on PostgreSQL). tests/interchange proves a restore gives the same records.
_DEMO: dict[str, object] = {}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The Móng Cái demo, present for a module. It lives outside the per-test transactions,
    so it is flushed at the end for the next module."""
    from django.core.management import call_command

    from tinhgon.demo.loader import load_demo
    from tinhgon.interchange.backup import backup, restore

    with django_db_blocker.unblock():
        if "file" in _DEMO:
            restore(_DEMO["file"])  # type: ignore[arg-type]
        else:
            _DEMO["result"] = load_demo()
            _DEMO["file"] = tmp_path_factory.getbasetemp() / "demo.jsonl.gz"
            backup(_DEMO["file"])  # type: ignore[arg-type]
        yield _DEMO["result"]
        call_command("flush", interactive=False, verbosity=0)
