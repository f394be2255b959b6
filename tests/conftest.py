import os

# Playwright runs an event loop in the test thread; Django's ORM calls there are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


import pytest
from django.test import Client


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


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The Móng Cái demo, loaded once for a module. It lives outside the per-test
    transactions, so it is flushed at the end for the next module."""
    from django.core.management import call_command

    from tinhgon.demo.loader import load_demo

    with django_db_blocker.unblock():
        yield load_demo()
        call_command("flush", interactive=False, verbosity=0)
