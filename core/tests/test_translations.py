"""Every UI string exists in bokmål and nynorsk."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize
from jinja2 import Environment
from jinja2.ext import extract_from_ast

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


def _jinja2_templates() -> list[Path]:
    return sorted(LOCALE.parent.glob("*/jinja2/**/*.html"))


@pytest.mark.smoke
def test_jinja2_text_is_found_by_makemessages():
    """A Jinja2 template's text reaches the catalogues only as makemessages reads it (like a
    Django template: _("...") at the start of an expression tag). Every _() Jinja2 would
    translate must be one that makemessages finds, and be in the catalogue."""
    catalog = {e.msgid for e in polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))}
    templates = _jinja2_templates()
    assert templates
    for path in templates:
        source = path.read_text(encoding="utf-8")
        parsed = Environment(autoescape=True).parse(source)
        used = {message for _, _, message in extract_from_ast(parsed)}
        literals = re.findall(r"""_\(("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\)""", templatize(source))
        found = {ast.literal_eval(literal) for literal in literals}
        assert used, path
        assert used <= found, f"{path.name}: not found by makemessages: {used - found}"
        assert used <= catalog, f"{path.name}: not in the catalogue: {used - catalog}"


def test_every_wagtail_string_is_shipped_in_bokmal_and_nynorsk(capsys):
    """scripts/wagtail_strings.py finds nothing missing (after a Wagtail upgrade it lists what
    Wagtail has added, and this test fails until it is translated)."""
    import runpy

    script = runpy.run_path(str(LOCALE.parent / "scripts" / "wagtail_strings.py"))
    assert script["main"]([]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert re.search(r"^nb: (\d+) of \1 Wagtail strings$", out, re.M), out
    assert re.search(r"^nn: (\d+) of \1 Wagtail strings$", out, re.M), out
