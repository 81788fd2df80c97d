"""Mine logger, card by card: which logs each person sees, in which order, with which role and
what needs their attention (in both written standards)."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from audit.services import SYSTEM
from municipalities.models import Municipality
from stafettlogg import services
from stafettlogg.models import Consent, HandOver, Log, Measure, Participant

from .conftest import World

# The rows come from a hand-written query: also run on SQLite (make dev).
pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

CARD = re.compile(
    r'^\s*<h2 class="ds-heading" data-size="xs"><a class="ds-link" href="([^"]+)">([^<]*)</a>'
    r'</h2>\s*<p class="ds-paragraph meta">([^<]*)</p>(.*)',
    re.S,
)
NEED = re.compile(r"<li>([^<]*)</li>")


def cards(world: World, role: str) -> list[tuple[str, str, str, list[str]]]:
    response = world.client(role).get(reverse("stafettlogg:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    result = []
    for card in html.split('<li class="log-card">')[1:]:
        match = CARD.match(card)
        assert match is not None, card
        href, name, meta, rest = match.groups()
        needs = [unescape(n) for n in NEED.findall(rest)]
        result.append((href, unescape(name), unescape(meta), needs))
    return result


def _measure(log: Log, participant: Participant, evaluation_date: date, status: str) -> None:
    Measure.objects.create(
        log=log,
        author_name="Hanne",
        author_role="stafettholder",
        description="Tiltak",
        responsible=participant,
        unit=participant.unit,
        start_date=evaluation_date - timedelta(days=100),
        evaluation_date=evaluation_date,
        status=status,
    )


def _consented_log(world: World, name: str) -> Log:
    log = services.log_create(
        SYSTEM,
        municipality=world.municipality,
        holder=world.memberships["holder"],
        child_name=name,
        child_birth_date=date(2018, 3, 3),
    )
    guardian = services.guardian_add(SYSTEM, log, name="Foresatt", fnr=world.guardian_fnr)
    services.consent_record(
        SYSTEM,
        log,
        guardians=[guardian],
        units=[world.kindergarten, world.health],
        given_on=timezone.localdate() - timedelta(days=3),
        method="digital",
    )
    services.log_activate(SYSTEM, log)
    return log


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_mine_cards(world: World, language: str) -> None:
    Municipality.objects.filter(pk=world.municipality.pk).update(language=language)
    today = timezone.localdate()
    holder = world.log.participants.get(user=world.users["holder"])
    actor = world.log.participants.get(user=world.users["actor"])
    # Two evaluations due (soonest first), one later, one of a completed measure.
    _measure(world.log, actor, today + timedelta(days=9), "ongoing")
    _measure(world.log, holder, today + timedelta(days=2), "planned")
    _measure(world.log, holder, today + timedelta(days=40), "planned")
    _measure(world.log, holder, today - timedelta(days=3), "completed")
    Consent.objects.filter(log=world.log).update(expires_on=today + timedelta(days=20))
    HandOver.objects.create(log=world.log, from_participant=holder, to_participant=actor)
    # Closed: no attention items. Withdrawn: the professionals no longer see it.
    closed = _consented_log(world, "Avsluttet Barn")
    _measure(closed, closed.participants.get(), today, "planned")
    services.log_close(SYSTEM, closed, reason="goal")
    withdrawn = _consented_log(world, "Trukket Barn")
    services.consent_withdraw(SYSTEM, withdrawn, withdrawn_by=None)
    draft = services.log_create(
        SYSTEM,
        municipality=world.municipality,
        holder=world.memberships["holder"],
        child_name="Utkast Barn",
        child_birth_date=date(2020, 1, 1),
    )
    # A participant from a service the consent does not name sees nothing.
    Participant.objects.create(
        log=world.log, user=world.users["outsider"], unit=world.school, role="actor"
    )

    def url(log: Log) -> str:
        return reverse("stafettlogg:log", args=[log.pk])

    with translation.override(language):
        gettext = translation.gettext

        def meta(status: str, role: str) -> str:
            return f"{status} · {gettext('Your role')}: {gettext(role)}"

        def due(days: int) -> str:
            when = date_format(today + timedelta(days=days), "j. F Y")
            return gettext("A measure is to be evaluated by %(date)s") % {"date": when}

        expires = gettext("The consent expires %(date)s") % {
            "date": date_format(today + timedelta(days=20), "j. F Y")
        }
        active, closed_, draft_ = (gettext(s).capitalize() for s in ("active", "closed", "draft"))
        expected = {
            "holder": [
                (url(world.log), "Testbarn Ett", meta(active, "stafettholder"),
                 [due(2), due(9), expires]),
                (url(closed), "Avsluttet Barn", meta(closed_, "stafettholder"), []),
                (url(draft), "Utkast Barn", meta(draft_, "stafettholder"), []),
            ],
            "actor": [
                (url(world.log), "Testbarn Ett", meta(active, "participant"),
                 [due(2), due(9), expires, gettext("A hand-over waits for your answer")]),
            ],
            "outsider": [],
            "other_holder": [
                (url(world.other_log), "Testbarn To", meta(active, "stafettholder"), []),
            ],
            "guardian": [
                (url(world.log), "Testbarn Ett", meta(active, "guardian"),
                 [due(2), due(9), expires]),
                (url(withdrawn), "Trukket Barn", meta(closed_, "guardian"), []),  # newer
                (url(closed), "Avsluttet Barn", meta(closed_, "guardian"), []),
            ],
            "youth": [
                (url(world.log), "Testbarn Ett", meta(active, "the youth"),
                 [due(2), due(9), expires]),
            ],
            "stranger": [],
        }  # fmt: skip
    for role, want in expected.items():
        assert cards(world, role) == want, role
