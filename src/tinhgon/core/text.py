"""Search text: lower case, no diacritics, so "mong cai" finds "Móng Cái"."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics (đ becomes d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def lower_first(name: str) -> str:
    """A unit's name inside a phrase: "Phường Móng Cái 1" → "phường Móng Cái 1"."""
    return name[:1].lower() + name[1:]
