"""Wagtail's own strings that the shipped bokmål and nynorsk catalogues lack.

Wagtail's nb catalogue covers about half of its strings and it has no nn at all, so the
project ships both in ``locale_wagtail/<language>/LC_MESSAGES/`` (a LOCALE_PATHS directory,
compiled by ``make messages``). Run this after every Wagtail upgrade:

    .venv/bin/python scripts/wagtail_strings.py            # counts; exit 1 when any is missing
    .venv/bin/python scripts/wagtail_strings.py --list     # and every missing msgid
    .venv/bin/python scripts/wagtail_strings.py --update   # add the missing msgids, untranslated

The source is the English catalogue (``locale/en/LC_MESSAGES/django.po`` and ``djangojs.po``)
of every Wagtail app in INSTALLED_APPS: Wagtail keeps those as its message templates. A
message counts as translated when the shipped catalogue has a non-fuzzy translation for the
same context and msgid. ``--update`` also drops the messages Wagtail no longer has.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "locale_wagtail"
LANGUAGES = ("nb", "nn")
DOMAINS = ("django", "djangojs")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

Key = tuple[str | None, str]


@dataclass
class Source:
    entries: dict[Key, polib.POEntry]
    apps: list[str]


def wagtail_sources(domain: str) -> Source:
    """The messages of every installed Wagtail app for one domain, from its English catalogue."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.apps import apps

    django.setup()
    entries: dict[Key, polib.POEntry] = {}
    names = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        names.append(config.name)
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                entries.setdefault((entry.msgctxt, entry.msgid), entry)
    return Source(entries, names)


def shipped_path(language: str, domain: str) -> Path:
    return SHIPPED / language / "LC_MESSAGES" / f"{domain}.po"


def load_shipped(language: str, domain: str) -> polib.POFile:
    path = shipped_path(language, domain)
    if path.exists():
        return polib.pofile(str(path), wrapwidth=100)
    catalog = polib.POFile(wrapwidth=100)
    catalog.metadata = {
        "Project-Id-Version": "Samhandling: Wagtail admin",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return catalog


def is_translated(entry: polib.POEntry) -> bool:
    return entry.translated() and "fuzzy" not in entry.flags


def update(catalog: polib.POFile, source: Source) -> None:
    for entry in list(catalog):
        if (entry.msgctxt, entry.msgid) not in source.entries:
            catalog.remove(entry)
    present = {(entry.msgctxt, entry.msgid) for entry in catalog}
    for key, original in source.entries.items():
        if key in present:
            continue
        entry = polib.POEntry(
            msgctxt=original.msgctxt,
            msgid=original.msgid,
            msgid_plural=original.msgid_plural,
            msgstr="",
            msgstr_plural={0: "", 1: ""} if original.msgid_plural else {},
            occurrences=original.occurrences[:3],
            flags=[flag for flag in original.flags if flag != "fuzzy"],
        )
        catalog.append(entry)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every missing msgid")
    parser.add_argument("--update", action="store_true", help="add missing msgids, untranslated")
    args = parser.parse_args(argv)

    missing_total = 0
    totals = dict.fromkeys(LANGUAGES, 0)
    translated_totals = dict.fromkeys(LANGUAGES, 0)
    for domain in DOMAINS:
        source = wagtail_sources(domain)
        for language in LANGUAGES:
            catalog = load_shipped(language, domain)
            if args.update:
                update(catalog, source)
                shipped_path(language, domain).parent.mkdir(parents=True, exist_ok=True)
                catalog.save(str(shipped_path(language, domain)))
            done = {(e.msgctxt, e.msgid) for e in catalog if is_translated(e) and not e.obsolete}
            missing = [key for key in source.entries if key not in done]
            count = len(source.entries)
            totals[language] += count
            translated_totals[language] += count - len(missing)
            missing_total += len(missing)
            print(f"{language} {domain}: {count - len(missing)} of {count} translated")
            if args.list:
                for context, msgid in missing:
                    label = f"[{context}] " if context else ""
                    print(f"  missing: {label}{msgid!r}")
    for language in LANGUAGES:
        print(f"{language}: {translated_totals[language]} of {totals[language]} Wagtail strings")
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
