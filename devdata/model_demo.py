"""The demo municipalities' own facts in place of the template's placeholders.

Only for `load_demo`. Every phone number, address, e-mail address and web address here is
fictional: the numbers belong to the demo municipalities' switchboard series (12 34 56 78 for
Eksempelvik, 87 65 43 21 for Fjordvik), the addresses to the fictional towns, and the domains
end in .example, which is reserved and never resolves. The national numbers the template
itself names (112, 116 117, 116 111, 02800) are left as they are.
"""

from __future__ import annotations

import html
from typing import TypedDict

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from municipalities.models import Municipality
from samhandlingsmodell.models import ServicePage
from samhandlingsmodell.placeholders import text_fields
from samhandlingsmodell.template import text_to_rich_text


class DemoFacts(TypedDict):
    # A service page's whole contact text, by the service's template key (its slug).
    contacts: dict[str, str]
    # Replacements in every other text of the model: a placeholder with the words before it,
    # so that each one gets the number of the service the sentence names.
    phrases: list[tuple[str, str]]


FACTS: dict[str, DemoFacts] = {
    # Eksempelvik kommune, bokmål
    "9901": {
        "contacts": {
            "helsestasjon": (
                "Telefon: 12 34 56 10. Åpningstid: mandag–fredag 08.00–15.30. Helsestasjon for "
                "ungdom: tirsdag 14.00–17.00, uten timebestilling. Adresse: Helsehuset, "
                "Storgata 12, 4599 Eksempelvik. E-post: helsestasjon@eksempelvik.example "
                "(ikke send sensitive opplysninger på e-post)."
            ),
            "jordmor": (
                "Telefon: 12 34 56 12. Åpningstid: mandag–fredag 08.00–15.00. Adresse: "
                "Helsehuset, Storgata 12, 4599 Eksempelvik. E-post: jordmor@eksempelvik.example."
            ),
            "barnehage": (
                "Telefon: 12 34 56 20 (oppvekstkontoret). Åpningstid: mandag–fredag "
                "08.00–15.30. Adresse: Rådhuset, Rådhusgata 4, 4599 Eksempelvik. Solstrålen "
                "barnehage: 12 34 56 21. De andre barnehagene finner du på "
                "eksempelvik.example/barnehage."
            ),
            "skole": (
                "Telefon: 12 34 56 30 (oppvekstkontoret). Åpningstid: mandag–fredag "
                "08.00–15.30. Adresse: Rådhuset, Rådhusgata 4, 4599 Eksempelvik. Vik skole: "
                "12 34 56 31. Eksempelvik ungdomsskole: 12 34 56 32. SFO: 12 34 56 33."
            ),
            "ppt": (
                "Telefon: 12 34 56 40. Åpningstid: mandag–fredag 08.00–15.30. Adresse: "
                "Rådhuset, Rådhusgata 4, 4599 Eksempelvik. E-post: ppt@eksempelvik.example."
            ),
            "barnevern": (
                "Telefon: 12 34 56 50. Åpningstid: mandag–fredag 08.00–15.30. Adresse: "
                "Rådhuset, Rådhusgata 4, 4599 Eksempelvik. Barnevernsvakt utenom åpningstid: "
                "12 34 59 00."
            ),
            "nav": (
                "Telefon: 12 34 56 60. Åpningstid: mandag–fredag 09.00–14.00, timeavtale "
                "utenom dette. Adresse: NAV Eksempelvik, Torget 2, 4599 Eksempelvik."
            ),
            "fastlege": (
                "Finn fastlegen på helsenorge.no eller ring legekontoret. Legevakt: 116 117. "
                "Kommunale legekontor: Eksempelvik legesenter, 12 34 56 70."
            ),
            "psykisk-helse-rus": (
                "Telefon: 12 34 56 80. Åpningstid: mandag–fredag 08.00–15.30. Adresse: "
                "Helsehuset, Storgata 12, 4599 Eksempelvik."
            ),
            "kommunepsykolog": (
                "Telefon: 12 34 56 82. Åpningstid: mandag–fredag 08.00–15.30, uten henvisning. "
                "Adresse: Familiesenteret, Storgata 14, 4599 Eksempelvik."
            ),
            "familiesenter": (
                "Telefon: 12 34 56 84. Åpningstid: mandag–fredag 08.00–15.30. Adresse: "
                "Storgata 14, 4599 Eksempelvik. E-post: familiesenteret@eksempelvik.example."
            ),
            "tannhelse": (
                "Telefon: 12 34 56 90. Åpningstid: mandag–fredag 07.30–15.00. Adresse: "
                "Eksempelvik tannklinikk, Storgata 12, 4599 Eksempelvik."
            ),
            "bup": (
                "Telefon: 12 35 80 00. Adresse: BUP Eksempelvik, Sykehusveien 20, "
                "4599 Eksempelvik. Henvisning: via fastlegen eller barnevernstjenesten."
            ),
            "familievern": (
                "Telefon: 12 35 81 00. Åpningstid: mandag–fredag 08.00–15.30. Adresse: "
                "Familievernkontoret, Sykehusveien 22, 4599 Eksempelvik."
            ),
            "politi-slt": (
                "Nødnummer: 112. Politiets sentralbord: 02800. SLT-koordinator: 12 34 56 95."
            ),
            "frivillige": (
                "Oversikt over lag og foreninger: eksempelvik.example/lag-og-foreninger. "
                "Frivilligsentralen: 12 34 56 97."
            ),
        },
        "phrases": [
            ("barnevernsvakten på [telefonnummer]", "barnevernsvakten på 12 34 59 00"),
            ("barnevernstjenesten på [telefonnummer]", "barnevernstjenesten på 12 34 56 50"),
            ("har små barn: [telefonnummer]", "har små barn: 12 34 56 10"),
            ("uten henvisning: [telefonnummer]", "uten henvisning: 12 34 56 84"),
            ("har det vanskelig: [telefonnummer]", "har det vanskelig: 12 34 56 50"),
            (
                "det digitale skjemaet [lenke]",
                "det digitale skjemaet på eksempelvik.example/bekymringsmelding",
            ),
            ("skjemaet på [lenke]", "skjemaet på eksempelvik.example/bekymringsmelding"),
        ],
    },
    # Fjordvik kommune, nynorsk
    "9902": {
        "contacts": {
            "helsestasjon": (
                "Telefon: 87 65 41 10. Opningstid: måndag–fredag 08.00–15.30. Helsestasjon for "
                "ungdom: tysdag 14.00–17.00, utan timebestilling. Adresse: Helsehuset, "
                "Fjordvegen 8, 6899 Fjordvik. E-post: helsestasjon@fjordvik.example (ikkje send "
                "sensitive opplysningar på e-post)."
            ),
            "jordmor": (
                "Telefon: 87 65 41 12. Opningstid: måndag–fredag 08.00–15.00. Adresse: "
                "Helsehuset, Fjordvegen 8, 6899 Fjordvik. E-post: jordmor@fjordvik.example."
            ),
            "barnehage": (
                "Telefon: 87 65 41 20 (oppvekstkontoret). Opningstid: måndag–fredag "
                "08.00–15.30. Adresse: Rådhuset, Rådhusvegen 1, 6899 Fjordvik. Solstrålen "
                "barnehage: 87 65 41 21. Dei andre barnehagane finn du på "
                "fjordvik.example/barnehage."
            ),
            "skole": (
                "Telefon: 87 65 41 30 (oppvekstkontoret). Opningstid: måndag–fredag "
                "08.00–15.30. Adresse: Rådhuset, Rådhusvegen 1, 6899 Fjordvik. Vik skule: "
                "87 65 41 31. Fjordvik ungdomsskule: 87 65 41 32. SFO: 87 65 41 33."
            ),
            "ppt": (
                "Telefon: 87 65 41 40. Opningstid: måndag–fredag 08.00–15.30. Adresse: "
                "Rådhuset, Rådhusvegen 1, 6899 Fjordvik. E-post: ppt@fjordvik.example."
            ),
            "barnevern": (
                "Telefon: 87 65 41 50. Opningstid: måndag–fredag 08.00–15.30. Adresse: "
                "Rådhuset, Rådhusvegen 1, 6899 Fjordvik. Barnevernsvakt utanom opningstida: "
                "87 65 49 00."
            ),
            "nav": (
                "Telefon: 87 65 41 60. Opningstid: måndag–fredag 09.00–14.00, timeavtale "
                "utanom dette. Adresse: NAV Fjordvik, Torget 3, 6899 Fjordvik."
            ),
            "fastlege": (
                "Finn fastlegen på helsenorge.no eller ring legekontoret. Legevakt: 116 117. "
                "Kommunale legekontor: Fjordvik legesenter, 87 65 41 70."
            ),
            "psykisk-helse-rus": (
                "Telefon: 87 65 41 80. Opningstid: måndag–fredag 08.00–15.30. Adresse: "
                "Helsehuset, Fjordvegen 8, 6899 Fjordvik."
            ),
            "kommunepsykolog": (
                "Telefon: 87 65 41 82. Opningstid: måndag–fredag 08.00–15.30, utan tilvising. "
                "Adresse: Familiesenteret, Fjordvegen 10, 6899 Fjordvik."
            ),
            "familiesenter": (
                "Telefon: 87 65 41 84. Opningstid: måndag–fredag 08.00–15.30. Adresse: "
                "Fjordvegen 10, 6899 Fjordvik. E-post: familiesenteret@fjordvik.example."
            ),
            "tannhelse": (
                "Telefon: 87 65 41 90. Opningstid: måndag–fredag 07.30–15.00. Adresse: "
                "Fjordvik tannklinikk, Fjordvegen 8, 6899 Fjordvik."
            ),
            "bup": (
                "Telefon: 87 66 80 00. Adresse: BUP Fjordvik, Sjukehusvegen 5, 6899 Fjordvik. "
                "Tilvising: via fastlegen eller barnevernstenesta."
            ),
            "familievern": (
                "Telefon: 87 66 81 00. Opningstid: måndag–fredag 08.00–15.30. Adresse: "
                "Familievernkontoret, Sjukehusvegen 7, 6899 Fjordvik."
            ),
            "politi-slt": (
                "Naudnummer: 112. Sentralbordet til politiet: 02800. SLT-koordinator: 87 65 41 95."
            ),
            "frivillige": (
                "Oversikt over lag og foreiningar: fjordvik.example/lag-og-foreiningar. "
                "Frivilligsentralen: 87 65 41 97."
            ),
        },
        "phrases": [
            ("barnevernsvakta på [telefonnummer]", "barnevernsvakta på 87 65 49 00"),
            ("barnevernstenesta på [telefonnummer]", "barnevernstenesta på 87 65 41 50"),
            ("har små barn: [telefonnummer]", "har små barn: 87 65 41 10"),
            ("utan tilvising: [telefonnummer]", "utan tilvising: 87 65 41 84"),
            ("har det vanskeleg: [telefonnummer]", "har det vanskeleg: 87 65 41 50"),
            (
                "det digitale skjemaet [lenke]",
                "det digitale skjemaet på fjordvik.example/meldingsskjema",
            ),
            ("skjemaet på [lenke]", "skjemaet på fjordvik.example/meldingsskjema"),
        ],
    },
}


def placeholders_fill(municipality: Municipality) -> None:
    """Put the demo municipality's facts in place of the template's placeholders in every page
    of its model (before the model is published)."""
    facts = FACTS[municipality.number]
    home = municipality.site.root_page
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        changed = False
        if isinstance(page, ServicePage) and page.slug in facts["contacts"]:
            page.contact = text_to_rich_text(facts["contacts"][page.slug])
            changed = True
        for field in text_fields(page):
            if isinstance(field, StreamField):
                continue  # the template has no placeholders in its streams
            before = getattr(page, field.attname) or ""
            after = before
            for old, new in facts["phrases"]:
                if isinstance(field, RichTextField):
                    old, new = html.escape(old), html.escape(new)
                after = after.replace(old, new)
            if after != before:
                setattr(page, field.attname, after)
                changed = True
        if changed:
            page.save()
