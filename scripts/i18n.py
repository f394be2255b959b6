"""Keep the Vietnamese catalogues in step with the English source strings, without GNU gettext.

    python scripts/i18n.py update APP   # add new msgids to APP's django.po; vanished ones obsolete
    python scripts/i18n.py compile APP  # write django.mo from django.po
    python scripts/i18n.py check        # every catalogue: all strings present, translated, compiled

APP is an app folder under src/tinhgon (registry, web, api…) or "project" for src/tinhgon/locale
(strings outside the apps: the CLI, settings). Extraction reads gettext calls in Python
(_, gettext, gettext_lazy, pgettext…) and {% translate %} / {% blocktranslate trimmed %} in
templates.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "tinhgon"
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "_lazy"}
APPS_WITH_OWN_CATALOGUE = (
    "core",
    "audit",
    "accounts",
    "registry",
    "adminunits",
    "api",
    "web",
    "demo",
    "people",
    "staffing",
    "party",
    "indicators",
    "interchange",
    "reports",
    "jobs",
    "plans",
)


def app_dir(app: str) -> Path:
    return ROOT if app == "project" else ROOT / app


def source_files(app: str) -> list[Path]:
    base = app_dir(app)
    files = [p for p in base.rglob("*") if p.suffix in (".py", ".html", ".txt")]
    if app == "project":  # everything not inside an app with its own catalogue
        files = [p for p in files if p.relative_to(ROOT).parts[0] not in APPS_WITH_OWN_CATALOGUE]
    return sorted(p for p in files if "migrations" not in p.parts and "locale" not in p.parts)


def python_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        first = node.args[0]
        if (
            name in GETTEXT_NAMES
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            found.append(first.value)
    return found


TRANSLATE = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1""", re.S)
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b([^%]*)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def template_strings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = [m.group(2) for m in TRANSLATE.finditer(text)]
    for options, body in BLOCK.findall(text):
        if "trimmed" in options:
            body = " ".join(line.strip() for line in body.splitlines() if line.strip())
        body = body.split("{% plural %}")[0]
        found.append(VARIABLE.sub(r"%(\1)s", body))
    return found


def extract(app: str) -> list[str]:
    strings: list[str] = []
    for path in source_files(app):
        strings += python_strings(path) if path.suffix == ".py" else template_strings(path)
    return list(dict.fromkeys(strings))


def po_path(app: str) -> Path:
    return app_dir(app) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def load(app: str) -> polib.POFile:
    path = po_path(app)
    if path.exists():
        return polib.pofile(str(path))
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "tinhgon",
        "Language": "vi",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return catalogue


def update(app: str) -> None:
    catalogue = load(app)
    wanted = extract(app)
    known = {entry.msgid: entry for entry in catalogue}
    for msgid in wanted:
        if msgid not in known:
            catalogue.append(polib.POEntry(msgid=msgid, msgstr=""))
        elif known[msgid].obsolete:
            known[msgid].obsolete = False
    for entry in catalogue:
        if entry.msgid not in wanted:
            entry.obsolete = True
    path = po_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.msgstr]
    print(
        f"{path.relative_to(ROOT.parent.parent)}: "
        f"{len(wanted)} strings, {len(missing)} to translate"
    )


def compile_app(app: str) -> None:
    load(app).save_as_mofile(str(po_path(app).with_suffix(".mo")))


def problems(app: str) -> list[str]:
    catalogue = load(app)
    translated = {
        e.msgid for e in catalogue if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }
    found = [f"{app}: not translated: {s!r}" for s in extract(app) if s not in translated]
    mo = po_path(app).with_suffix(".mo")
    if not mo.exists():
        found.append(f"{app}: {mo.name} missing; run compile")
    else:
        compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
        current = {e.msgid: e.msgstr for e in catalogue if not e.obsolete and e.msgstr}
        if {k: v for k, v in compiled.items() if k} != current:
            found.append(f"{app}: {mo.name} is out of date; run compile")
    return found


def catalogued_apps() -> list[str]:
    return [app for app in (*APPS_WITH_OWN_CATALOGUE, "project") if po_path(app).exists()]


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in ("update", "compile", "check"):
        print(__doc__)
        return 2
    command, apps = argv[0], argv[1:] or catalogued_apps()
    if command == "update":
        for app in apps:
            update(app)
    elif command == "compile":
        for app in apps:
            compile_app(app)
    else:
        found = [p for app in apps for p in problems(app)]
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
