"""Set translations in both catalogues: scripts/po_set.py FILE.json where the file maps
msgid -> {"nb": "...", "nn": "..."} (plural msgids: {"plural": "...", "nb": [one, many],
"nn": [one, many]}). A msgid the catalogue does not have yet is added at its end, so that a new
string needs no makemessages run (which would reorder the whole file)."""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    table = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for language in ("nb", "nn"):
        path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.msgid in table:
                value = table[entry.msgid][language]
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
        present = {entry.msgid for entry in catalog}
        for msgid, values in table.items():
            if msgid in present:
                continue
            value = values[language]
            if "plural" in values:
                catalog.append(
                    polib.POEntry(
                        msgid=msgid,
                        msgid_plural=values["plural"],
                        msgstr_plural={0: value[0], 1: value[1]},
                    )
                )
            else:
                catalog.append(polib.POEntry(msgid=msgid, msgstr=value))
        catalog.save(str(path))


if __name__ == "__main__":
    main()
