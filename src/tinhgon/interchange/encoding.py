"""Vietnamese text from old spreadsheets: Unicode normalized to NFC, and text typed in the legacy
8-bit font encodings (TCVN3/ABC with .VnTime fonts, VNI with VNI-Times fonts) detected and
converted to Unicode.

Such text reaches us as Latin-1 look-alikes: TCVN3 "Hµ Néi", VNI "Haø Noäi" for "Hà Nội".
Text is suspected only when it holds a Latin-1 character Vietnamese never uses (µ, ¸, ø, ä…),
an accented capital inside a lower-case word ("NguyÔn") or a vowel pair Vietnamese never
writes ("eã", "aê"); it is then converted with the
encoding whose result is plain Vietnamese, VNI first (its pairs are the more specific).
"""

from __future__ import annotations

import re
import unicodedata

_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
VIETNAMESE = set(_LOWER) | set(_LOWER.upper())

# TCVN3 (ABC): one byte per letter; capitals with diacritics come from the .VnTimeH font with
# the same bytes as the small letters, so they convert to small letters.
_TCVN3_SMALL = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\xadư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_SMALL.split(" ")}

# VNI: a base letter then a mark byte. Small marks; the capital marks are their upper case.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# circumflex (â ê ô) with a tone, and breve (ă) with a tone
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for small in "aeiouyôöAEIOUYÔÖ":
        base = _VNI_SINGLE.get(small, small)
        for mark, tone in _VNI_TONES.items():
            pairs[small + (mark if small.islower() else mark.upper())] = base + tone
        if small.lower() in "aeo":
            for mark, tone in _VNI_HAT.items():
                pairs[small + (mark if small.islower() else mark.upper())] = base + "\u0302" + tone
        if small.lower() == "a":
            for mark, tone in _VNI_BREVE.items():
                pairs[small + (mark if small.islower() else mark.upper())] = base + "\u0306" + tone
    return {k: unicodedata.normalize("NFC", v) for k, v in pairs.items()}


VNI = {**_VNI_SINGLE, **_vni_pairs()}
# one pass, pairs before single bytes: "oâ" is ô, a lone "ô" is ơ
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_FOREIGN = re.compile(r"[\x80-\xff]")
_CAPITAL_INSIDE = re.compile(r"[a-zà-ỹ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")
# Vietnamese puts no accented vowel after a or e, nor â after o: VNI's base-then-mark pairs do
_VNI_LOOK = re.compile(r"[aAeE][âêãáàéèúüëùûõÂÊÃÁÀÉÈÚÜËÙÛÕ]|[oO][âÂ]")


def _clean(text: str) -> bool:
    """No Latin-1 character that Vietnamese does not use."""
    return not any(c not in VIETNAMESE for c in _FOREIGN.findall(text))


def suspect(text: str) -> bool:
    """Whether text looks typed in a legacy encoding."""
    return not _clean(text) or bool(_CAPITAL_INSIDE.search(text) or _VNI_LOOK.search(text))


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], text)


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(c, c) for c in text)


def to_unicode(text: str) -> tuple[str, str | None]:
    """The text in NFC, converted if it was typed in TCVN3 or VNI: (text, "tcvn3" | "vni" |
    None). Raises ValueError when it looks legacy but neither encoding explains it."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or not suspect(text):
        return text, None
    for name, convert in (("vni", from_vni), ("tcvn3", from_tcvn3)):
        converted = unicodedata.normalize("NFC", convert(text))
        if converted != text and not suspect(converted):
            return converted, name
    raise ValueError(text)
