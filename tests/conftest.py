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
