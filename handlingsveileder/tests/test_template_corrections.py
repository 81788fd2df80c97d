"""The template corrections of issue 14, in both written standards: the duty to report worded
alike in the model's element and in the guide, as the child welfare act from 2023 words it;
taushetsplikt and its statutory exceptions; one consent age, the municipality's own; the duty
to cooperate and the barnekoordinator in the guide's levels 2–3; BTS for the scheme; nynorsk
terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from wagtail import hooks
from wagtail.models import Page

from handlingsveileder.models import HandlingsveilederPage
from handlingsveileder.template import load_guide_template
from municipalities.services import municipality_create
from samhandlingsmodell.models import ElementPage
from samhandlingsmodell.placeholders import field_text, text_fields
from samhandlingsmodell.template import load_template

LANGUAGES = ["nb", "nn"]
WORDS = {
    "nb": {
        "mistreated": "blir eller vil bli mishandlet",
        "duty_laws": [
            "barnevernsloven",
            "barnehageloven",
            "opplæringsloven",
            "helsepersonelloven",
            "sosialtjenesteloven (NAV)",
        ],
        "confidentiality": "Taushetsplikten, som står i forvaltningsloven",
        "exceptions": [
            "Uten samtykke kan taushetsbelagte opplysninger bare deles når loven gjør unntak",
            "opplysningsplikten til barnevernstjenesten og avvergingsplikten",
            "når formålet er å hjelpe barnet",
            "(forvaltningsloven)",
            "anonymisert",
            "nødrett",
        ],
        "absolute": "Uten samtykke kan ikke taushetsbelagte opplysninger deles",
        "about": ["omtrent 15", "om lag 15"],
        "consent": "fra {age} år",
        "cooperation": ["plikt til å samarbeide", "samarbeidsplikten", "barnekoordinator"],
        "bts": "BTS – Bedre tverrfaglig samhandling",
    },
    "nn": {
        "mistreated": "blir eller vil bli mishandla",
        "duty_laws": [
            "barnevernslova",
            "barnehagelova",
            "opplæringslova",
            "helsepersonellova",
            "sosialtenestelova (NAV)",
        ],
        "confidentiality": "Teieplikta, som står i forvaltningslova",
        "exceptions": [
            "Utan samtykke kan teiepliktige opplysningar berre delast når lova gjer unntak",
            "opplysningsplikta til barnevernstenesta og avvergingsplikta",
            "når føremålet er å hjelpe barnet",
            "(forvaltningslova)",
            "anonymiserte",
            "naudrett",
        ],
        "absolute": "Utan samtykke kan ikkje teiepliktige opplysningar delast",
        "about": ["omtrent 15", "om lag 15"],
        "consent": "frå {age} år",
        "cooperation": ["plikt til å samarbeide", "samarbeidsplikta", "barnekoordinator"],
        "bts": "BTS – Betre tverrfagleg samhandling",
    },
}
# A gap left to fill ("[...]", "[…]", "[ ]"): never in the national template (its placeholders
# name what goes in, like "[telefonnummer]").
GAP = re.compile(r"\[[\s.…_–-]*\]")


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def all_text(language: str) -> str:
    return "\n".join([*strings(load_template(language)), *strings(load_guide_template(language))])


def element(language: str, key: str) -> dict[str, Any]:
    return next(e for e in load_template(language)["elements"] if e["key"] == key)


def first_paragraph(text: str) -> str:
    return text.strip().split("\n\n")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_duty_to_report_is_worded_alike_in_the_element_and_the_guide(language: str) -> None:
    words = WORDS[language]
    in_element = first_paragraph(element(language, "individ-rutine-opplysningsplikt")["body"])
    in_guide = first_paragraph(load_guide_template(language)["guide"]["barnevern_text"])
    assert in_element == in_guide
    assert words["mistreated"] in in_element
    laws = in_element.split(words["confidentiality"])[0]
    assert all(law in laws for law in words["duty_laws"])
    assert "forvaltningslov" not in laws  # it regulates taushetsplikt, not the duty to report
    assert words["confidentiality"] in in_element


@pytest.mark.parametrize("language", LANGUAGES)
def test_sharing_without_consent_names_the_statutory_exceptions(language: str) -> None:
    words = WORDS[language]
    body = element(language, "tjeneste-rutine-informasjonsoverforing")["body"]
    assert all(exception in body for exception in words["exceptions"])
    assert words["absolute"] not in all_text(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_gap_or_approximate_consent_age_is_left_in_the_templates(language: str) -> None:
    text = all_text(language)
    assert GAP.findall(text) == []
    assert not [about for about in WORDS[language]["about"] if about in text]
    assert "{samtykkealder}" in text  # the one rule, filled in from the municipality's setting


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_levels_2_and_3_name_the_duty_to_cooperate_and_the_barnekoordinator(
    language: str,
) -> None:
    levels = {level["number"]: level for level in load_guide_template(language)["levels"]}
    for number in (2, 3):
        text = "\n".join(strings(levels[number]))
        assert "2022" in levels[number]["summary"]
        assert any(word in text for word in WORDS[language]["cooperation"][:2])
        assert "barnekoordinator" in levels[number]["summary"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_scheme_is_bts_and_its_coordinator_the_bts_koordinator(language: str) -> None:
    text = all_text(language)
    assert "BTI-koordinator" not in text
    assert "BTS-koordinator" in text
    assert WORDS[language]["bts"] in load_template(language)["meta"]["model_intro"]


def test_nynorsk_says_paragraftilvisinga_and_uro_for_concern() -> None:
    text = all_text("nn")
    assert "paragrafvisinga" not in text and "paragraftilvisinga" in text
    # "bekymringsmelding" is the name of the report; the concern itself is "uro", "uroleg".
    assert re.findall(r"(?<![-\w])bekymr(?:a|ing|inga|ingar)\b", text) == []  # not in keys
    assert "uroleg" in text and "uroa" in text


def page_texts(home: Page) -> str:
    pages = Page.objects.descendant_of(home, inclusive=True).specific()
    return "\n".join(field_text(page, field) for page in pages for field in text_fields(page))


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "number"), [("nb", "4601"), ("nn", "4602")])
def test_a_new_model_states_the_municipalitys_youth_consent_age(language: str, number: str) -> None:
    def sixteen(asked: str) -> dict[str, str]:
        return {"samtykkealder": "16"} if asked == number else {}

    with hooks.register_temporarily("model_template_values", sixteen, order=100):
        municipality = municipality_create(
            number=number, name="Prøvevik", language=language, host=f"k{number}.example.no"
        )
    text = page_texts(municipality.site.root_page)
    consent = WORDS[language]["consent"]
    assert consent.format(age=16) in text
    assert "{samtykkealder}" not in text and consent.format(age=15) not in text
    guide = HandlingsveilederPage.objects.child_of(municipality.site.root_page).get()
    assert consent.format(age=16) in field_text(
        guide, HandlingsveilederPage._meta.get_field("levels")
    )


@pytest.mark.django_db
def test_without_a_setting_the_model_states_the_stafettlogg_default_consent_age() -> None:
    municipality = municipality_create(
        number="4601", name="Bergen", language="nb", host="bergen.example.no"
    )
    home = municipality.site.root_page
    stafettlogg = ElementPage.objects.descendant_of(home).get(slug="individ-rutine-stafettlogg")
    assert "fra 15 år" in stafettlogg.body
    assert "{samtykkealder}" not in page_texts(home)
