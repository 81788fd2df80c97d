"""Every UI string exists in bokmål and nynorsk."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.smoke
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_message_is_translated(language):
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalog if not entry.translated() and not entry.obsolete]
    fuzzy = [entry.msgid for entry in catalog if "fuzzy" in entry.flags]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
    assert len(catalog) > 100


@pytest.mark.smoke
def test_both_catalogues_have_the_same_messages():
    nb = {e.msgid for e in polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))}
    nn = {e.msgid for e in polib.pofile(str(LOCALE / "nn" / "LC_MESSAGES" / "django.po"))}
    assert nb == nn
