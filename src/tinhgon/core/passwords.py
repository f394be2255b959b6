"""The project's own password rule, next to Django's length, similarity and common-word checks:
a password needs at least one letter and one digit (letters of any script count, so Vietnamese
letters with diacritics do)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LetterAndDigitValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuse a password without a letter or without a digit."""

    def validate(self, password: str, user: Any = None) -> None:
        errors = []
        if not any(char.isalpha() for char in password):
            errors.append(
                ValidationError(
                    _("This password contains no letter: add at least one."),
                    code="password_no_letter",
                )
            )
        if not any(char.isdecimal() for char in password):
            errors.append(
                ValidationError(
                    _("This password contains no digit: add at least one."),
                    code="password_no_digit",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _("Your password must contain at least one letter and one digit.")
