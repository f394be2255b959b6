"""Signing in and out. Sign-in locks a user name out for a while after repeated failures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tinhgon.accounts import services


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or the password is wrong."),
        "inactive": _("This account is disabled."),
        "locked": _(
            "Too many failed attempts for this user name: try again in %(minutes)s minutes."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username and services.sign_in_locked(username):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.TINHGON_LOCKOUT_SECONDS // 60},
            )
        remote_addr = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                services.sign_in_failed(username, remote_addr)
            raise
        services.sign_in_succeeded(username)
        return cleaned


class SignInView(auth_views.LoginView):
    template_name = "web/accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if getattr(settings, "TINHGON_DEMO_HINT", False):
            from tinhgon.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

            context["demo_accounts"] = DEMO_ACCOUNTS
            context["demo_password"] = DEMO_PASSWORD
        return context


class SignOutView(auth_views.LogoutView):
    pass
