"""Search text: lower case, no diacritics, so "mong cai" finds "Móng Cái"."""

import unicodedata


class _Unmarked(dict[int, int | None]):
    """A `str.translate` table dropping combining marks, filled as characters are met: each is
    looked up in C after its first time (a million names are folded in an import)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNMARKED = _Unmarked({ord("đ"): ord("d"), ord("Đ"): ord("D")})


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics (đ becomes d)."""
    stripped = unicodedata.normalize("NFD", text).translate(_UNMARKED)
    return " ".join(stripped.lower().split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def lower_first(name: str) -> str:
    """A unit's name inside a phrase: "Phường Móng Cái 1" → "phường Móng Cái 1"."""
    return name[:1].lower() + name[1:]
