"""Fill empty msgstrs of an app's catalogue from a Python file defining T = {msgid: msgstr}."""

import runpy
import sys

import polib
from i18n import po_path

table = runpy.run_path(sys.argv[2])["T"]
catalogue = polib.pofile(str(po_path(sys.argv[1])))
for entry in catalogue:
    if not entry.msgstr and entry.msgid in table:
        entry.msgstr = table[entry.msgid]
catalogue.save()
