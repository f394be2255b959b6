"""Old addresses to the units of 2025-07-01, and new units back to the old ones.

An address is read from the right: province, district, commune, and whatever comes before is
the street ("12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"). Parts are separated by
commas, semicolons or dashes; a name that itself holds a dash ("Bà Rịa - Vũng Tàu") is found by
trying two parts together before one. Each part is compared with the units valid on the date
the address is about (2025-06-30 by default) by its key: folded (no diacritics, lower case),
without spaces and punctuation, without the type word ("Phường", "P.", "TP."…). A type word
given must agree with the unit's; numbers must be equal ("Phường 1" is not "Phường 10"). A
commune's former names (version attribute `former_names`) match too, after its current names.

Nothing is guessed: an address that fits no unit gives "not_found" with the names nearest to it,
one that fits several gives "ambiguous" with every candidate. When several units fit only
because diacritics were left out, the diacritics given decide ("Ba Tơ" is not "Ba Tô").

What a matched unit became is traced forward through the events (`ForwardLineage`, the rules of
`registry.queries.lineage`): each new unit whole or part, and which holds the former centre
where the data says so. The reverse, from a new unit back to the old ones, is
`registry.queries.lineage` backwards.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError, Problem
from tinhgon.core.text import fold, nfc
from tinhgon.registry import queries
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import UnitVersion
from tinhgon.registry.queries import LineageEntry, LineageStep
from tinhgon.registry.representations import iso

from .address_queries import (
    ForwardLineage,
    administrative_on,
    administrative_under,
    official_codes,
    provinces_on,
    units_with_code,
    versions_of,
)
from .data import LAST_LEGACY_DAY, REFORM_DAY


class Status(models.TextChoices):
    """How an address (or a unit's name) fared."""

    OK = "ok", gettext_lazy("found")
    NOT_FOUND = "not_found", gettext_lazy("not found")
    AMBIGUOUS = "ambiguous", gettext_lazy("ambiguous")


class Level(models.TextChoices):
    """The parts of an address, from the right."""

    PROVINCE = "province", gettext_lazy("province")
    DISTRICT = "district", gettext_lazy("district")
    COMMUNE = "commune", gettext_lazy("commune")


class MatchedBy(models.TextChoices):
    NAME = "name", gettext_lazy("by its name")
    FORMER_NAME = "former_name", gettext_lazy("by a former name")
    CODE = "code", gettext_lazy("by its code")


OK, NOT_FOUND, AMBIGUOUS = Status.OK.value, Status.NOT_FOUND.value, Status.AMBIGUOUS.value
STATUSES = tuple(Status.values)
PROVINCE, DISTRICT, COMMUNE = Level.PROVINCE.value, Level.DISTRICT.value, Level.COMMUNE.value
LEVELS = tuple(Level.values)
BY_NAME, BY_FORMER_NAME, BY_CODE = (m.value for m in MatchedBy)

SHOWN_CANDIDATES = 10  # listed in a message; the data lists them all

# ---------------------------------------------------------------------------- names and keys

# The type words of the three levels, as written and abbreviated.
PHUONG, XA, THI_TRAN, DAC_KHU = "phuong", "xa", "thi_tran", "dac_khu"
QUAN, HUYEN, THI_XA, THANH_PHO, TINH = "quan", "huyen", "thi_xa", "thanh_pho", "tinh"
TYPE_WORDS = {
    "thị trấn": THI_TRAN,
    "thị xã": THI_XA,
    "thành phố": THANH_PHO,
    "phường": PHUONG,
    "xã": XA,
    "quận": QUAN,
    "huyện": HUYEN,
    "tỉnh": TINH,
    "đặc khu": DAC_KHU,
}
ABBREVIATIONS = {
    "tp": THANH_PHO,
    "tx": THI_XA,
    "tt": THI_TRAN,
    "p": PHUONG,
    "x": XA,
    "q": QUAN,
    "h": HUYEN,
    "t": TINH,
}
# Folded prefixes of former names ("phuonghoalac", "tttroi"), longest first.
KEY_PREFIXES = sorted(
    {**{fold(w).replace(" ", ""): t for w, t in TYPE_WORDS.items()}, "tt": THI_TRAN}.items(),
    key=lambda item: -len(item[0]),
)
LEVEL_TYPES = {
    PROVINCE: frozenset({TINH, THANH_PHO}),
    DISTRICT: frozenset({QUAN, HUYEN, THI_XA, THANH_PHO}),
    COMMUNE: frozenset({PHUONG, XA, THI_TRAN, DAC_KHU}),
}
# A unit whose name lacks its type word gets it from its subtype.
SUBTYPE_TYPES = {
    "ward": PHUONG,
    "rural_commune": XA,
    "commune": XA,
    "township": THI_TRAN,
    "special_zone": DAC_KHU,
    "urban_district": QUAN,
    "rural_district": HUYEN,
    "town": THI_XA,
    "provincial_city": THANH_PHO,
    "city": THANH_PHO,
    "province": TINH,
    "municipality": THANH_PHO,
}
KIND_LEVEL: dict[str, str] = {
    UnitKind.PROVINCE: PROVINCE,
    UnitKind.DISTRICT: DISTRICT,
    UnitKind.COMMUNE: COMMUNE,
}
# Common short names of provinces, by key, for the province part only.
PROVINCE_ALIASES = {
    "hcm": "hochiminh",
    "tphcm": "hochiminh",
    "saigon": "hochiminh",
    "hn": "hanoi",
    "tphn": "hanoi",
    "brvt": "bariavungtau",
    "thuathienhue": "hue",
    "daclac": "daklak",
    "dacnong": "daknong",
}
COUNTRY = {"vietnam", "vn"}

_NOT_KEY = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
# Old-style tone marks ("hoà", "thuỷ") written the new way ("hòa", "thủy"), at a syllable's end.
_OLD_TONES = {
    f"{vowel}{marked}": f"{mark_on}{second}"
    for vowel, second, pairs in (
        ("o", "a", "àòáóảỏãõạọ"),
        ("o", "e", "èòéóẻỏẽõẹọ"),
        ("u", "y", "ỳùýúỷủỹũỵụ"),
    )
    for marked, mark_on in zip(pairs[::2], pairs[1::2], strict=True)
}
_OLD_TONE = re.compile("(" + "|".join(_OLD_TONES) + r")(?!\w)")
_TYPE_WORD = re.compile(r"^(" + "|".join(TYPE_WORDS) + r")(?!\w)[\s.:]*")
_FOLDED_TYPE_WORD = re.compile(
    r"^(" + "|".join(fold(w) for w in TYPE_WORDS) + r")(?![a-z0-9])[\s.:]*"
)
_ABBREVIATION = re.compile(r"^(tp|tx|tt|p|x|q|h|t)(?:\s*\.\s*|\s+)|^(p|q)(?=\d)")
_SPACED_DOTS = re.compile(r"^t\s*\.\s*([pxt])\s*\.?(?!\w)")


def key(text: str) -> str:
    """The key names are compared by: folded, letters and digits only, numbers without
    leading zeros ("Phường 01" and "phuong 1" → "phuong1"; "Trần Phú" → "tranphu")."""
    found = _NOT_KEY.sub("", fold(text.replace("Ð", "Đ").replace("ð", "đ")))
    return str(int(found)) if found.isdigit() else found


def accented_key(text: str) -> str:
    """Like `key`, keeping diacritics (old-style tone marks moved: "Hoà" → "hòa")."""
    lowered = nfc(text).lower().replace("ð", "đ")
    found = _NOT_WORD.sub("", _OLD_TONE.sub(lambda m: _OLD_TONES[m.group(1)], lowered))
    return str(int(found)) if found.isdigit() else found


@dataclass(frozen=True)
class Reading:
    """One way to read a name: its type word (if any) and the key of the rest."""

    type: str | None
    base: str
    accented: str
    # The part was written with diacritics (in the name or the type word): then those of the
    # name were meant, and an exact match decides between names that differ only in them.
    marked: bool = False


def readings(text: str) -> list[Reading]:
    """The ways to read a part of an address, most likely first.

    A type word written with its diacritics ("Phường") is the type. Written without them
    ("phuong phuong lien") it may also be part of the name, so the whole is read as a name too.
    An abbreviation ("P.", "TP ", "Q1") is the type.
    """
    lowered = _SPACES.sub(" ", nfc(text)).strip().lower()
    lowered = _SPACED_DOTS.sub(lambda m: f"t{m.group(1)}.", lowered)
    marked = not lowered.isascii()
    whole = Reading(None, key(lowered), accented_key(lowered), marked)
    match = _TYPE_WORD.match(lowered)
    if match and lowered[match.end() :].strip():
        rest = lowered[match.end() :]
        return [Reading(TYPE_WORDS[match.group(1)], key(rest), accented_key(rest), marked)]
    folded = fold(lowered)
    match = _FOLDED_TYPE_WORD.match(folded)
    if (
        match
        and len(folded) == len(lowered)
        and lowered[: match.end(1)].isascii()
        and lowered[match.end() :].strip()
    ):
        rest = lowered[match.end() :]
        word = next(w for w in TYPE_WORDS if fold(w) == match.group(1))
        return [Reading(TYPE_WORDS[word], key(rest), accented_key(rest), marked), whole]
    match = _ABBREVIATION.match(folded)
    if match and len(folded) == len(lowered) and lowered[match.end() :].strip():
        rest = lowered[match.end() :]
        short = match.group(1) or match.group(2)
        return [Reading(ABBREVIATIONS[short], key(rest), accented_key(rest), marked)]
    return [whole]


def name_reading(name: str, subtype: str = "") -> Reading:
    """How a unit's own name reads: "Phường Trần Phú" → (phuong, "tranphu")."""
    lowered = _SPACES.sub(" ", nfc(name)).strip().lower()
    match = _TYPE_WORD.match(lowered)
    if match and lowered[match.end() :].strip():
        rest = lowered[match.end() :]
        return Reading(TYPE_WORDS[match.group(1)], key(rest), accented_key(rest))
    return Reading(SUBTYPE_TYPES.get(subtype), key(lowered), accented_key(lowered))


def alias_readings(alias: str, level: str | None) -> list[tuple[str | None, str]]:
    """How a former name kept as a key reads: "phuonghoalac" → (phuong, "hoalac"), and
    always the whole key untyped (the prefix may be part of a name: "xaluong")."""
    raw = key(alias)
    found: list[tuple[str | None, str]] = []
    allowed = LEVEL_TYPES.get(level or "", frozenset())
    for prefix, kind in KEY_PREFIXES:
        if raw.startswith(prefix) and len(raw) > len(prefix) and kind in allowed:
            rest = raw[len(prefix) :]
            found.append((kind, str(int(rest)) if rest.isdigit() else rest))
            break
    if raw:
        found.append((None, raw))
    return found


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Part:
    """A piece of the address between separators, with where it lies in the text."""

    text: str
    start: int
    end: int
    after_dash: bool  # separated from the part before by a dash, not a comma


@dataclass
class ParsedAddress:
    text: str  # as given, in Unicode NFC
    parts: list[Part]
    code: str = ""  # the whole text was an administrative code ("06712", "code:06712")

    def span(self, first: int, last: int) -> str:
        """The text of parts first..last (inclusive), as written, separators included."""
        return self.text[self.parts[first].start : self.parts[last].end].strip()


_SEPARATOR = re.compile(r"[,;|\n]|[-–—]")
_CODE = re.compile(r"(?:code:)?\s*(\d{2,5})", re.IGNORECASE)


def parse_address(text: str) -> ParsedAddress:
    """Split an address into its parts; a trailing country ("Việt Nam") is left out."""
    normal = nfc(text or "").replace("\r", "")
    code = _CODE.fullmatch(normal.strip())
    if code:
        return ParsedAddress(normal, [], code.group(1))
    parts: list[Part] = []
    start = 0
    dash = False
    for separator in [*_SEPARATOR.finditer(normal), None]:
        end = separator.start() if separator else len(normal)
        piece = normal[start:end]
        if piece.strip():
            offset = len(piece) - len(piece.lstrip())
            stripped = piece.strip()
            parts.append(Part(stripped, start + offset, start + offset + len(stripped), dash))
            dash = False
        if separator is not None:
            dash = dash or separator.group() in "-–—"
            start = separator.end()
    while parts and key(parts[-1].text) in COUNTRY:
        parts.pop()
    return ParsedAddress(normal, parts)


# ---------------------------------------------------------------------------- units of a date


@dataclass(eq=False)
class Area:
    """An administrative unit as it was on a date, with its code and its parent then."""

    version: UnitVersion
    code: str
    parent: Area | None
    reading: Reading
    aliases: list[tuple[str | None, str, str]]  # (type, key, former name as stored)
    typed_alias_keys: frozenset[str] = frozenset()

    @property
    def unit_id(self) -> int:
        return self.version.unit_id

    @property
    def name(self) -> str:
        return self.version.name

    @property
    def kind(self) -> str:
        return self.version.kind

    @property
    def level(self) -> str | None:
        return KIND_LEVEL.get(self.kind)

    def chain(self) -> list[Area]:
        """This unit and its parents, nearest first."""
        found: list[Area] = []
        area: Area | None = self
        while area is not None and area not in found:
            found.append(area)
            area = area.parent
        return found

    @property
    def label(self) -> str:
        """ "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh"."""
        return ", ".join(a.name for a in self.chain())

    def ancestor(self, level: str) -> Area | None:
        return next((a for a in self.chain()[1:] if a.level == level), None)

    @property
    def province(self) -> Area | None:
        return self if self.level == PROVINCE else self.ancestor(PROVINCE)


@dataclass(frozen=True)
class Hit:
    area: Area
    type: str | None
    key: str
    source: str  # BY_NAME or BY_FORMER_NAME
    former_name: str = ""

    def fits(self, wanted: str | None) -> bool:
        """Whether a name written with type `wanted` can mean this hit."""
        if wanted is None or self.type == wanted:
            return True
        if self.type is not None:
            return False
        # An untyped name fits any type; an untyped former name only if the unit keeps no
        # typed form of it ("hoalac" does not make "Xã Hòa Lạc" of a ward once "phuonghoalac").
        return self.source == BY_NAME or self.key not in self.area.typed_alias_keys


def _make_area(version: UnitVersion, code: str) -> Area:
    level = KIND_LEVEL.get(version.kind)
    stored = (version.attributes or {}).get("former_names") or []
    aliases = [
        (kind, found, str(alias))
        for alias in (stored if isinstance(stored, list) else [])
        for kind, found in alias_readings(str(alias), level)
    ]
    typed = frozenset(k for t, k, _s in aliases if t is not None)
    return Area(version, code, None, name_reading(version.name, version.subtype), aliases, typed)


class AreaIndex:
    """The administrative units of one date, read lazily: the provinces first, then a
    province's districts and communes when an address names it, or everything at once for
    batches (`preload`)."""

    def __init__(self, on: dt.date, *, preload: bool = False):
        self.on = on
        self._areas: dict[int, Area] = {}
        self._children: dict[int, dict[int, Area]] = defaultdict(dict)
        self._provinces: list[Area] | None = None
        self._loaded: set[int] = set()
        self._everything = False
        self._absent: set[int] = set()  # ids read and found not valid on the date
        self._tables: dict[tuple[Any, ...], dict[str, list[Hit]]] = {}
        if preload:
            self.load_all()

    def _add(self, versions: list[UnitVersion], codes: dict[int, str]) -> None:
        for version in versions:
            if version.unit_id not in self._areas:
                area = _make_area(version, codes.get(version.unit_id, ""))
                self._areas[version.unit_id] = area
        for version in versions:
            self._link(self._areas[version.unit_id])

    def _link(self, area: Area) -> None:
        parent_id = area.version.parent_id
        if parent_id is not None and parent_id in self._areas:
            area.parent = self._areas[parent_id]
            self._children[parent_id][area.unit_id] = area

    def load_all(self) -> None:
        if self._everything:
            return
        self._add(administrative_on(self.on), official_codes(None, self.on))
        for area in self._areas.values():  # parents read after their children
            self._link(area)
        self._provinces = sorted(
            (a for a in self._areas.values() if a.kind == UnitKind.PROVINCE), key=_order
        )
        self._loaded = {a.unit_id for a in self._provinces}
        self._everything = True

    def provinces(self) -> list[Area]:
        if self._provinces is None:
            versions = provinces_on(self.on)
            codes = official_codes([v.unit_id for v in versions], self.on)
            self._add(versions, codes)
            self._provinces = sorted((self._areas[v.unit_id] for v in versions), key=_order)
        return self._provinces

    def _load_province(self, province: Area) -> None:
        if province.unit_id in self._loaded:
            return
        versions = administrative_under([province.unit_id], self.on)
        self._add(versions, official_codes([v.unit_id for v in versions], self.on))
        self._loaded.add(province.unit_id)

    def children(self, parent: Area, level: str) -> list[Area]:
        province = parent.province
        if province is not None:
            self._load_province(province)
        return [a for a in self._children[parent.unit_id].values() if a.level == level]

    def communes_in(self, province: Area) -> list[Area]:
        """Every commune of a province, directly under it or under its districts."""
        self._load_province(province)
        found = []
        level = [province]
        while level:
            below = [c for area in level for c in self._children[area.unit_id].values()]
            found += [a for a in below if a.level == COMMUNE]
            level = [a for a in below if a.level != COMMUNE]
        return found

    def everywhere(self, level: str) -> list[Area]:
        self.load_all()
        return [a for a in self._areas.values() if a.level == level]

    def areas(self, unit_ids: Iterable[int]) -> dict[int, Area]:
        """The units with these ids as they were on the date, with their parents (any kind)."""
        wanted = set(unit_ids)
        pending = {u for u in wanted if u not in self._areas and u not in self._absent}
        added: list[int] = []
        while pending:
            versions = list(versions_of(pending, self.on).values())
            self._absent |= pending - {v.unit_id for v in versions}
            self._add(versions, official_codes([v.unit_id for v in versions], self.on))
            added += [v.unit_id for v in versions]
            pending = {v.parent_id for v in versions if v.parent_id} - self._areas.keys()
        for unit_id in added:  # children read before their parents
            self._link(self._areas[unit_id])
        return {u: self._areas[u] for u in wanted if u in self._areas}

    def table(self, scope: tuple[Any, ...], areas: list[Area]) -> dict[str, list[Hit]]:
        """Every way to name the units of a scope, by key (built once per scope)."""
        found = self._tables.get(scope)
        if found is None:
            found = defaultdict(list)
            for area in areas:
                base = area.reading.base
                found[base].append(Hit(area, area.reading.type, base, BY_NAME))
                for kind, alias_key, stored in area.aliases:
                    found[alias_key].append(Hit(area, kind, alias_key, BY_FORMER_NAME, stored))
            self._tables[scope] = found
        return found


def _order(area: Area) -> tuple[str, str, int]:
    return (area.code or "~", fold(area.name), area.unit_id)


# ---------------------------------------------------------------------------- matching


@dataclass
class Found:
    """The units one part of an address matched at one level."""

    hits: list[Hit]
    text: str  # the part(s) as written
    reading: Reading | None
    width: int  # how many parts it took (2 for "Bà Rịa - Vũng Tàu" written with a dash)

    @property
    def areas(self) -> list[Area]:
        return [h.area for h in self.hits]


def _select(table: dict[str, list[Hit]], reading: Reading, level: str) -> list[Hit]:
    """The units a reading names in a scope: by current name first, else by former name."""
    bases = [reading.base]
    wanted = reading.type
    if level == PROVINCE:
        wanted = None  # a province is named without its type word
        if reading.base in PROVINCE_ALIASES:
            bases.append(PROVINCE_ALIASES[reading.base])
    candidates = [hit for base in bases for hit in table.get(base, [])]
    for source in (BY_NAME, BY_FORMER_NAME):
        hits: dict[int, Hit] = {}
        for hit in candidates:
            if hit.source == source and hit.fits(wanted):
                hits.setdefault(hit.area.unit_id, hit)
        if len(hits) > 1 and reading.marked and source == BY_NAME:
            exact = [h for h in hits.values() if h.area.reading.accented == reading.accented]
            if len(exact) == 1:
                return exact
        if hits:
            return sorted(hits.values(), key=lambda h: _order(h.area))
    return []


def _find(
    parsed: ParsedAddress,
    end: int,
    level: str,
    index: AreaIndex,
    scope: tuple[Any, ...],
    areas: list[Area],
) -> Found:
    """The units of `areas` named by the part(s) ending before `end`: two parts joined by a
    dash first (a name with a dash), else the last part alone."""
    table = index.table(scope, areas)
    allowed = LEVEL_TYPES[level]
    last: Found | None = None
    for width in (2, 1):
        if end - width < 0 or (width == 2 and not parsed.parts[end - 1].after_dash):
            continue
        text = parsed.span(end - width, end - 1)
        for reading in readings(text):
            if width == 1 and last is None:
                last = Found([], text, reading, 1)
            if reading.type is not None and reading.type not in allowed:
                continue
            hits = _select(table, reading, level)
            if hits:
                return Found(hits, text, reading, width)
    return last or Found([], parsed.parts[end - 1].text if end else "", None, 1)


# ---------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    """What an address (or a name) matched on a date."""

    status: str
    area: Area | None = None
    matched_by: str = ""
    former_name: str = ""
    level: str = ""  # where it stopped, when not found or ambiguous
    candidates: list[Area] = field(default_factory=list)
    problem: Problem | None = None
    parts: dict[str, str] = field(default_factory=dict)  # level -> text read there
    street: str = ""


def _labels(areas: list[Area]) -> str:
    shown = [f"{a.label} ({a.code})" if a.code else a.label for a in areas[:SHOWN_CANDIDATES]]
    text = "; ".join(shown)
    more = len(areas) - len(shown)
    if more > 0:
        text += " " + _("and %(count)d more") % {"count": more}
    return text


def _show(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class Matcher:
    """Matches addresses against the units of one date."""

    def __init__(self, index: AreaIndex, field_name: str = "address"):
        self.index = index
        self.field = field_name

    @property
    def on(self) -> dt.date:
        return self.index.on

    def match(self, parsed: ParsedAddress) -> Outcome:
        if parsed.code:
            return self._by_code(parsed.code)
        parts = parsed.parts
        if not parts:
            message = _("Enter an address: commune, district, province.")
            return self._fail(NOT_FOUND, "", Problem("address_empty", message, self.field))
        count = len(parts)
        province = _find(
            parsed, count, PROVINCE, self.index, ("provinces",), self.index.provinces()
        )
        if province.hits:
            outcome = self._in_province(parsed, province)
        elif count == 1:
            outcome = self._anywhere(parsed)
        else:
            outcome = self._without_province(parsed, province)
        return outcome

    # -------------------------------------------------------------------- the steps

    def _in_province(self, parsed: ParsedAddress, province: Found) -> Outcome:
        parts = {PROVINCE: province.text}
        if len(province.hits) > 1:
            return self._ambiguous(PROVINCE, province, parts)
        area = province.hits[0].area
        end = len(parsed.parts) - province.width
        if end == 0:
            return self._ok(province.hits[0], parts, parsed, end)
        districts = _find(
            parsed,
            end,
            DISTRICT,
            self.index,
            ("districts", area.unit_id),
            self.index.children(area, DISTRICT),
        )
        if districts.hits:
            return self._in_districts(parsed, districts, end, parts, area)
        communes = _find(
            parsed,
            end,
            COMMUNE,
            self.index,
            ("communes_in", area.unit_id),
            self.index.communes_in(area),
        )
        if communes.hits:
            parts[COMMUNE] = communes.text
            return self._decide(COMMUNE, communes, parts, parsed, end - communes.width)
        # Neither: say so, with the names nearest to it, and the communes of the province
        # named like the part before (the district may be written as it was earlier).
        nearby = self._near(districts, self.index.children(area, DISTRICT))
        nearby += self._near(districts, self.index.communes_in(area))
        if end >= 2:
            before = _find(
                parsed,
                end - 1,
                COMMUNE,
                self.index,
                ("communes_in", area.unit_id),
                self.index.communes_in(area),
            )
            nearby += before.areas
        message = _(
            "Neither a district nor a commune is named “%(name)s” in %(parent)s on %(date)s."
        ) % {"name": districts.text, "parent": area.name, "date": _show(self.on)}
        parts[DISTRICT] = districts.text
        return self._not_found(DISTRICT, message, nearby, parts)

    def _in_districts(
        self,
        parsed: ParsedAddress,
        districts: Found,
        end: int,
        parts: dict[str, str],
        province: Area | None,
    ) -> Outcome:
        parts[DISTRICT] = districts.text
        rest = end - districts.width
        if rest == 0:
            return self._decide(DISTRICT, districts, parts, parsed, rest)
        found: list[Hit] = []
        commune: Found | None = None
        for district in districts.areas:
            attempt = _find(
                parsed,
                rest,
                COMMUNE,
                self.index,
                ("communes", district.unit_id),
                self.index.children(district, COMMUNE),
            )
            commune = attempt if commune is None or attempt.hits else commune
            found += attempt.hits
        assert commune is not None
        parts[COMMUNE] = commune.text
        if found:
            merged = Found(found, commune.text, commune.reading, commune.width)
            return self._decide(COMMUNE, merged, parts, parsed, rest - commune.width)
        nearby: list[Area] = []
        for district in districts.areas:
            nearby += self._near(commune, self.index.children(district, COMMUNE))
        if province is not None and commune.reading is not None:
            # The same name elsewhere in the province (the commune may have moved).
            table = self.index.table(
                ("communes_in", province.unit_id), self.index.communes_in(province)
            )
            nearby += [h.area for h in _select(table, commune.reading, COMMUNE)]
        parent = districts.areas[0].name if len(districts.areas) == 1 else districts.text
        message = _(
            "No commune, ward or township is named “%(name)s” in %(parent)s on %(date)s."
        ) % {"name": commune.text, "parent": parent, "date": _show(self.on)}
        return self._not_found(COMMUNE, message, nearby, parts)

    def _without_province(self, parsed: ParsedAddress, province: Found) -> Outcome:
        """The last part names no province: it may be a district (the province left out)."""
        count = len(parsed.parts)
        districts = _find(
            parsed, count, DISTRICT, self.index, ("districts",), self.index.everywhere(DISTRICT)
        )
        if districts.hits:
            outcome = self._in_districts(parsed, districts, count, {}, None)
            if outcome.status != NOT_FOUND:
                return outcome
        message = _("No province or centrally governed city is named “%(name)s” on %(date)s.") % {
            "name": province.text,
            "date": _show(self.on),
        }
        nearby = self._near(province, self.index.provinces())
        return self._not_found(PROVINCE, message, nearby, {PROVINCE: province.text})

    def _anywhere(self, parsed: ParsedAddress) -> Outcome:
        """One part only: a commune (or a district) anywhere in the country."""
        communes = _find(
            parsed, 1, COMMUNE, self.index, ("communes",), self.index.everywhere(COMMUNE)
        )
        if communes.hits:
            return self._decide(COMMUNE, communes, {COMMUNE: communes.text}, parsed, 0)
        districts = _find(
            parsed, 1, DISTRICT, self.index, ("districts",), self.index.everywhere(DISTRICT)
        )
        if districts.hits:
            return self._decide(DISTRICT, districts, {DISTRICT: districts.text}, parsed, 0)
        message = _("No province, district or commune is named “%(name)s” on %(date)s.") % {
            "name": communes.text,
            "date": _show(self.on),
        }
        return self._not_found(COMMUNE, message, self._near(communes, self.index.provinces()), {})

    def _by_code(self, code: str) -> Outcome:
        areas = list(self.index.areas(units_with_code(code, self.on)).values())
        areas.sort(key=_order)
        if len(areas) == 1:
            return Outcome(OK, areas[0], BY_CODE, parts={})
        if areas:
            message = _("The code “%(code)s” belongs to several units on %(date)s: %(units)s.") % {
                "code": code,
                "date": _show(self.on),
                "units": _labels(areas),
            }
            return self._fail(
                AMBIGUOUS, "", Problem("address_ambiguous", message, self.field), areas
            )
        message = _("No unit has the code “%(code)s” on %(date)s.") % {
            "code": code,
            "date": _show(self.on),
        }
        return self._fail(NOT_FOUND, "", Problem("address_not_found", message, self.field))

    # -------------------------------------------------------------------- results

    def _decide(
        self, level: str, found: Found, parts: dict[str, str], parsed: ParsedAddress, end: int
    ) -> Outcome:
        if len(found.hits) == 1:
            return self._ok(found.hits[0], parts, parsed, end)
        return self._ambiguous(level, found, parts)

    def _ok(self, hit: Hit, parts: dict[str, str], parsed: ParsedAddress, end: int) -> Outcome:
        street = parsed.text[: parsed.parts[end].start] if end < len(parsed.parts) else ""
        return Outcome(
            OK,
            hit.area,
            hit.source,
            hit.former_name,
            parts=parts,
            street=street.strip(" \t\n,;|-–—"),
        )

    def _ambiguous(self, level: str, found: Found, parts: dict[str, str]) -> Outcome:
        areas = sorted({h.area.unit_id: h.area for h in found.hits}.values(), key=_order)
        message = _(
            "“%(name)s” fits %(count)d units on %(date)s: %(units)s. Write the district and "
            "province, the type (Phường, Xã, Thị trấn…) or the diacritics to tell them apart."
        ) % {
            "name": found.text,
            "count": len(areas),
            "date": _show(self.on),
            "units": _labels(areas),
        }
        problem = Problem("address_ambiguous", message, self.field)
        return self._fail(AMBIGUOUS, level, problem, areas, parts)

    def _not_found(
        self, level: str, message: str, nearby: list[Area], parts: dict[str, str]
    ) -> Outcome:
        unique = list({a.unit_id: a for a in nearby}.values())
        if unique:
            message += " " + _("Similar names: %(units)s.") % {"units": _labels(unique)}
        problem = Problem("address_not_found", message, self.field)
        return self._fail(NOT_FOUND, level, problem, unique, parts)

    def _fail(
        self,
        status: str,
        level: str,
        problem: Problem,
        candidates: list[Area] | None = None,
        parts: dict[str, str] | None = None,
    ) -> Outcome:
        return Outcome(
            status, level=level, problem=problem, candidates=candidates or [], parts=parts or {}
        )

    @staticmethod
    def _near(found: Found, areas: list[Area]) -> list[Area]:
        """Units of `areas` named like what was written but of another type, or by a former
        name, or with a name close to it (a typing mistake)."""
        if found.reading is None or not found.reading.base:
            return []
        wanted = found.reading.base
        by_key: dict[str, list[Area]] = defaultdict(list)
        for area in areas:
            by_key[area.reading.base].append(area)
            for _type, alias_key, _stored in area.aliases:
                by_key[alias_key].append(area)
        close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.75)
        if len(wanted) >= 3:
            close += [k for k in by_key if wanted in k and k not in close][:5]
        found_areas = {a.unit_id: a for k in close for a in sorted(by_key[k], key=_order)}
        return list(found_areas.values())


# ---------------------------------------------------------------------------- conversion


@dataclass
class NewUnit:
    """A unit an old one became: whole or part, and whether it holds the former centre."""

    area: Area
    share: str
    holds_former_centre: bool | None
    path: list[LineageStep]
    street: str = ""

    @property
    def province(self) -> Area | None:
        return self.area.province

    @property
    def address(self) -> str:
        """The address written with the new unit: street, commune, province."""
        names = [self.street, *(a.name for a in self.area.chain() if a.level != DISTRICT)]
        return ", ".join(n for n in names if n)


def _centre(path: list[LineageStep]) -> bool | None:
    """What the last step records of the former centre (None when it says nothing)."""
    for step in reversed(path):
        value = step.attributes.get("holds_former_centre")
        if value is not None:
            return bool(value)
    return None


class _Answered:
    """What a conversion and a reverse look-up both report of their outcome."""

    outcome: Outcome

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def candidates(self) -> list[Area]:
        return self.outcome.candidates

    @property
    def problem(self) -> Problem | None:
        return self.outcome.problem


@dataclass
class Conversion(_Answered):
    """An address converted: the old unit it names and the units it became."""

    address: str
    on: dt.date
    to: dt.date
    outcome: Outcome
    new: list[NewUnit] = field(default_factory=list)

    @property
    def old(self) -> Area | None:
        return self.outcome.area

    @property
    def new_address(self) -> str:
        """The address with the new unit, when there is exactly one."""
        return self.new[0].address if len(self.new) == 1 else ""

    @property
    def new_provinces(self) -> list[Area]:
        found = {p.unit_id: p for n in self.new if (p := n.province) is not None}
        return list(found.values())

    @property
    def centre(self) -> NewUnit | None:
        """Of a divided unit's parts, the one holding its former centre."""
        holders = [n for n in self.new if n.share == "part" and n.holds_former_centre]
        return holders[0] if len(holders) == 1 else None

    @property
    def message(self) -> str:
        if self.problem is not None:
            return self.problem.message
        assert self.old is not None
        names = {"old": self.old.label, "date": _show(self.to)}
        if not self.new:
            return _("%(old)s no longer exists on %(date)s and nothing took its place.") % names
        if len(self.new) == 1 and self.new[0].share == "whole":
            new = self.new[0].area
            if new.unit_id == self.old.unit_id and new.label == self.old.label:
                return _("%(old)s is unchanged on %(date)s.") % names
            return _("%(old)s is %(new)s from %(date)s.") % {**names, "new": new.label}
        listed = "; ".join(
            n.area.label
            + (" (" + _("holds the former centre") + ")" if n.holds_former_centre else "")
            for n in self.new
        )
        return _("%(old)s was divided; from %(date)s its parts are in: %(new)s.") % {
            **names,
            "new": listed,
        }


def dates(on: dt.date | None, to: dt.date | None) -> tuple[dt.date, dt.date]:
    """The date of the old address (2025-06-30 by default) and of the new units (2025-07-01,
    or the address's date if later); the second must not come first."""
    day = on or LAST_LEGACY_DAY
    target = to or max(day, REFORM_DAY)
    if target < day:
        raise DomainError(
            Problem(
                "dates_reversed",
                _("The date of the new units (%(to)s) is before the date of the address (%(on)s).")
                % {"to": _show(target), "on": _show(day)},
                "to",
            )
        )
    return day, target


class AddressConverter:
    """Converts addresses of date `on` to the units of date `to`. Made once for many addresses
    (`batch=True` reads every unit and event of the period at the start)."""

    def __init__(
        self, on: dt.date | None = None, to: dt.date | None = None, *, batch: bool = False
    ):
        self.on, self.to = dates(on, to)
        self.old_index = AreaIndex(self.on, preload=batch)
        self.new_index = AreaIndex(self.to, preload=batch)
        self.lineage = ForwardLineage(self.on, self.to, preload=batch)
        self.matcher = Matcher(self.old_index)

    def _versions_on_to(self, unit_ids: set[int]) -> dict[int, UnitVersion]:
        return {u: area.version for u, area in self.new_index.areas(unit_ids).items()}

    def convert(self, address: str) -> Conversion:
        parsed = parse_address(address)
        outcome = self.matcher.match(parsed)
        conversion = Conversion(parsed.text.strip(), self.on, self.to, outcome)
        if outcome.status == OK and outcome.area is not None:
            conversion.new = self.new_units(outcome.area.unit_id, outcome.street)
        return conversion

    def new_units(self, unit_id: int, street: str = "") -> list[NewUnit]:
        entries = self.lineage.successors([unit_id], self._versions_on_to)[unit_id]
        areas = self.new_index.areas(e.unit_id for e in entries)
        return [
            NewUnit(areas[e.unit_id], str(e.share), _centre(e.path), e.path, street)
            for e in entries
            if e.unit_id in areas
        ]


def convert_address(
    address: str, on: dt.date | None = None, to: dt.date | None = None
) -> Conversion:
    """One address: what it named on `on` and what that became by `to`."""
    return AddressConverter(on, to).convert(address)


# ---------------------------------------------------------------------------- reverse


@dataclass
class OldUnit:
    """A unit a new one was formed from, whole or part."""

    area: Area
    share: str
    holds_former_centre: bool | None
    path: list[LineageStep]


@dataclass
class Origins(_Answered):
    """A new unit and the old units it was formed from."""

    query: str
    on: dt.date
    to: dt.date
    outcome: Outcome
    old: list[OldUnit] = field(default_factory=list)

    @property
    def area(self) -> Area | None:
        return self.outcome.area

    @property
    def message(self) -> str:
        if self.problem is not None:
            return self.problem.message
        assert self.area is not None
        names = {"unit": self.area.label, "date": _show(self.to)}
        if not self.old:
            return _("%(unit)s did not exist on %(date)s and was formed from no unit then.") % names
        return _("%(unit)s was formed from %(count)d unit(s) as they were on %(date)s.") % {
            **names,
            "count": len(self.old),
        }


def origins(
    ref: str, province: str = "", on: dt.date | None = None, to: dt.date | None = None
) -> Origins:
    """The old units a new unit was formed from. `ref` is a code ("06712") or a name, with the
    province in `province` or after a comma ("Phường Móng Cái 1, Quảng Ninh"); `on` is the date
    the new unit is read on (2025-07-01), `to` the earlier date (2025-06-30)."""
    day = on or REFORM_DAY
    back = to or min(day, LAST_LEGACY_DAY)
    if back > day:
        raise DomainError(
            Problem(
                "dates_reversed",
                _("The date of the old units (%(to)s) is after the date of the new unit (%(on)s).")
                % {"to": _show(back), "on": _show(day)},
                "to",
            )
        )
    parsed = parse_address(ref)
    if not parsed.code and province.strip():
        parsed = parse_address(f"{ref.strip()}, {province.strip()}")
    outcome = Matcher(AreaIndex(day), "unit").match(parsed)
    result = Origins(parsed.text.strip(), day, back, outcome)
    if outcome.status == OK and outcome.area is not None:
        entries: list[LineageEntry] = queries.lineage(outcome.area.version.unit, day, back)
        areas = AreaIndex(back).areas(e.unit_id for e in entries)
        result.old = [
            OldUnit(areas[e.unit_id], str(e.share), _centre(e.path), e.path)
            for e in entries
            if e.unit_id in areas
        ]
    return result


# ---------------------------------------------------------------------------- as data


def area_brief(area: Area) -> dict[str, Any]:
    return {
        "unit_id": area.unit_id,
        "name": area.name,
        "kind": area.kind,
        "subtype": area.version.subtype,
        "code": area.code or None,
    }


def area_data(area: Area) -> dict[str, Any]:
    """A unit as it was on the date: its code, the names of its parents, the full label."""
    return {
        **area_brief(area),
        "label": area.label,
        "ancestors": [area_brief(a) for a in area.chain()[1:]],
    }


def step_data(step: LineageStep) -> dict[str, Any]:
    return {
        "event_id": step.event.pk,
        "kind": step.event.kind,
        "effective_on": iso(step.event.effective_on),
        "title": step.event.title,
        "share": str(step.share),
        "attributes": step.attributes,
    }


def _problems(problem: Problem | None) -> list[dict[str, Any]]:
    return [problem.as_dict()] if problem is not None else []


def conversion_data(result: Conversion) -> dict[str, Any]:
    outcome = result.outcome
    return {
        "status": result.status,
        "message": result.message,
        "address": result.address,
        "on": iso(result.on),
        "to": iso(result.to),
        "street": outcome.street,
        "parts": {level: outcome.parts.get(level) for level in LEVELS},
        "level": outcome.level or None,
        "old": area_data(result.old) if result.old else None,
        "matched_by": outcome.matched_by or None,
        "former_name": outcome.former_name or None,
        "new": [
            {
                **area_data(n.area),
                "share": n.share,
                "holds_former_centre": n.holds_former_centre,
                "province": area_brief(p) if (p := n.province) else None,
                "address": n.address,
                "path": [step_data(s) for s in n.path],
            }
            for n in result.new
        ],
        "new_address": result.new_address or None,
        "candidates": [area_data(a) for a in result.candidates],
        "errors": _problems(result.problem),
    }


def origins_data(result: Origins) -> dict[str, Any]:
    outcome = result.outcome
    return {
        "status": result.status,
        "message": result.message,
        "query": result.query,
        "on": iso(result.on),
        "to": iso(result.to),
        "level": outcome.level or None,
        "unit": area_data(result.area) if result.area else None,
        "matched_by": outcome.matched_by or None,
        "former_name": outcome.former_name or None,
        "old": [
            {
                **area_data(o.area),
                "share": o.share,
                "holds_former_centre": o.holds_former_centre,
                "path": [step_data(s) for s in o.path],
            }
            for o in result.old
        ],
        "candidates": [area_data(a) for a in result.candidates],
        "errors": _problems(result.problem),
    }


# ---------------------------------------------------------------------------- CSV rows

CSV_COLUMNS = (
    "status",
    "message",
    "old_unit",
    "old_code",
    "old_district",
    "old_province",
    "matched_by",
    "new_units",
    "new_codes",
    "new_shares",
    "new_centre",
    "new_province",
    "new_address",
    "candidates",
)
JOIN = " | "


def csv_values(result: Conversion) -> dict[str, str]:
    """One result row of the CSV mode: every column filled or empty, nothing left out."""
    old = result.old
    district = old.ancestor(DISTRICT) if old else None
    province = old.province if old else None
    centre = result.centre
    return {
        "status": result.status,
        "message": result.message,
        "old_unit": old.name if old else "",
        "old_code": old.code if old else "",
        "old_district": district.name if district else "",
        "old_province": province.name if province and province is not old else "",
        "matched_by": result.outcome.matched_by,
        "new_units": JOIN.join(n.area.name for n in result.new),
        "new_codes": JOIN.join(n.area.code for n in result.new),
        "new_shares": JOIN.join(n.share for n in result.new),
        "new_centre": centre.area.name if centre else "",
        "new_province": JOIN.join(p.name for p in result.new_provinces),
        "new_address": result.new_address,
        "candidates": JOIN.join(
            f"{a.label} ({a.code})" if a.code else a.label for a in result.candidates
        ),
    }


def convert_rows(
    addresses: Iterable[str], on: dt.date | None = None, to: dt.date | None = None
) -> Iterator[Conversion]:
    """Many addresses, one result each, in order (units and events read once)."""
    converter = AddressConverter(on, to, batch=True)
    for address in addresses:
        yield converter.convert(address)
