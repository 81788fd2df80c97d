"""The log's lifecycle as its users live it: consent, expiry, withdrawal, participants,
hand-over, closing, bad input, and that every read and write is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.identity import decrypt_fnr, fnr_hash
from audit.models import AuditEvent
from audit.selectors import verify_chain
from audit.services import SYSTEM
from stafettlogg import services
from stafettlogg.models import (
    Consent,
    Evaluation,
    Guardian,
    HandOver,
    Log,
    Lysglimt,
    Measure,
    Meeting,
    Participant,
)

from .conftest import World

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name: str, *args: object) -> str:
    return reverse(f"stafettlogg:{name}", args=args)


def _measure(world: World) -> Measure:
    holder = world.log.participants.get(role="holder")
    return services.measure_add(
        SYSTEM,
        world.log,
        Measure(
            description="Språkgruppe",
            responsible=holder,
            unit=world.kindergarten,
            start_date=timezone.localdate() - timedelta(days=10),
            evaluation_date=timezone.localdate() + timedelta(days=3),
        ),
        author=None,
    )


# Creating a log ---------------------------------------------------------------------------


def test_holder_creates_log_adds_guardian_and_records_consent(world: World) -> None:
    client = world.client("holder")
    response = client.post(
        url("log_new"),
        {
            "child_name": "Nytt Barn",
            "child_birth_date": "2020-05-05",
            "child_school": "Testbarnehagen",
        },
    )
    log = Log.objects.get(child_name="Nytt Barn")
    assert response.status_code == 302 and response["Location"] == url("guardian_add", log.pk)
    assert log.status == "draft"
    assert log.participants.get().role == "holder"

    response = client.post(
        url("guardian_add", log.pk),
        {
            "name": "Mor Testesen",
            "fnr": world.guardian_fnr,
            "email": "mor@example.invalid",
            "has_parental_responsibility": "on",
        },
    )
    assert response.status_code == 302
    guardian = Guardian.objects.get(log=log)
    assert guardian.fnr_encrypted != world.guardian_fnr
    assert world.guardian_fnr not in guardian.fnr_encrypted
    assert decrypt_fnr(guardian.fnr_encrypted) == world.guardian_fnr
    assert guardian.fnr_hash == fnr_hash(world.guardian_fnr)

    response = client.post(
        url("consent_new", log.pk),
        {
            "given_by_guardians": [guardian.pk],
            "units": [world.kindergarten.pk, world.health.pk],
            "given_on": timezone.localdate().isoformat(),
            "signed_form": SimpleUploadedFile("samtykke.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    log.refresh_from_db()
    assert log.status == "consented"
    consent = log.consents.get()
    assert consent.expires_on.year == timezone.localdate().year + 1  # 12 months by default
    assert client.post(url("activate", log.pk)).status_code == 302
    log.refresh_from_db()
    assert log.status == "active"
    # The signed form is served only through the log, to those who may read it.
    download = client.get(url("consent_file", log.pk, consent.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert world.client("outsider").get(url("consent_file", log.pk, consent.pk)).status_code == 404
    # Stored outside MEDIA_ROOT, under a random name: no public URL can reach it.
    assert "Nytt" not in consent.signed_form.name
    assert not consent.signed_form.path.startswith(str(settings.MEDIA_ROOT))


def test_guardian_gives_consent_digitally(world: World) -> None:
    log = services.log_create(
        SYSTEM,
        municipality=world.municipality,
        holder=world.memberships["holder"],
        child_name="Digitalt Barn",
        child_birth_date=timezone.localdate() - timedelta(days=900),
    )
    services.guardian_add(SYSTEM, log, name="Gro", fnr=world.guardian_fnr)
    client = world.client("guardian")
    page = client.get(url("consent_new", log.pk)).content.decode()
    assert "trekke samtykket" in page.lower() or "trekk" in page.lower()
    response = client.post(
        url("consent_new", log.pk),
        {
            "units": [world.kindergarten.pk],
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    consent = log.consents.get()
    assert consent.method == "digital"
    assert list(consent.given_by_guardians.values_list("name", flat=True)) == ["Gro"]


# Consent expiry, renewal and withdrawal ---------------------------------------------------


def test_expired_consent_makes_log_read_only_until_renewed(world: World) -> None:
    today = timezone.localdate()
    world.log.consents.update(given_on=today - timedelta(days=400), expires_on=today - timedelta(1))
    actor = world.client("actor")
    assert actor.get(url("log", world.log.pk)).status_code == 200
    assert actor.post(url("entry_add", world.log.pk, "mal"), {"text": "x"}).status_code == 403
    page = actor.get(url("log", world.log.pk)).content.decode()
    assert "utløpt" in page

    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten, world.health],
        given_on=today,
        method="digital",
    )
    assert actor.post(url("entry_add", world.log.pk, "mal"), {"text": "Fornyet"}).status_code == 302


def test_withdrawal_removes_professional_access_at_once_and_closes(world: World) -> None:
    holder, actor, guardian = (world.client(r) for r in ("holder", "actor", "guardian"))
    assert holder.get(url("log", world.log.pk)).status_code == 200
    page = guardian.get(url("consent_withdraw", world.log.pk)).content.decode()
    assert "Trekk samtykket" in page
    # Without the confirmation box nothing happens.
    assert guardian.post(url("consent_withdraw", world.log.pk), {}).status_code == 200
    assert Log.objects.get(pk=world.log.pk).status == "active"
    response = guardian.post(url("consent_withdraw", world.log.pk), {"confirm": "on"})
    assert response.status_code == 302
    log = Log.objects.get(pk=world.log.pk)
    assert (log.status, log.close_reason) == ("closed", "withdrawn")
    assert holder.get(url("log", log.pk)).status_code == 404
    assert actor.get(url("log", log.pk)).status_code == 404
    assert guardian.get(url("log", log.pk)).status_code == 200
    assert "Testbarn Ett" not in holder.get(url("mine")).content.decode()
    assert AuditEvent.objects.filter(log_id=log.pk, action="consent.withdraw").exists()


def test_consent_must_not_expire_in_the_past(world: World) -> None:
    today = timezone.localdate()
    response = world.client("holder").post(
        url("consent_new", world.log.pk),
        {
            "given_by_guardians": [world.log.guardians.get().pk],
            "units": [world.kindergarten.pk],
            "given_on": (today - timedelta(days=30)).isoformat(),
            "expires_on": (today - timedelta(days=1)).isoformat(),
            "signed_form": SimpleUploadedFile("s.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Utløpsdatoen må være etter i dag" in response.content.decode()
    assert world.log.consents.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skjema.exe", b"MZ\x90\x00", "bare laste opp filer"),
        ("skjema.pdf", b"<script>alert(1)</script>", "bare laste opp filer"),
        ("stor.pdf", PDF + b"0" * (20 * 1024 * 1024), "for stor"),
    ],
)
def test_consent_upload_checked(world: World, name: str, content: bytes, message: str) -> None:
    response = world.client("holder").post(
        url("consent_new", world.log.pk),
        {
            "given_by_guardians": [world.log.guardians.get().pk],
            "units": [world.kindergarten.pk],
            "given_on": timezone.localdate().isoformat(),
            "signed_form": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert world.log.consents.count() == 1


# Participants -----------------------------------------------------------------------------


def test_service_outside_consent_needs_new_consent(world: World) -> None:
    client = world.client("holder")
    outsider = world.memberships["outsider"]  # from the school, not in the consent
    form = client.get(url("participant_add", world.log.pk)).content.decode()
    assert "t-outsider" not in form.lower() and "Testskolen" not in form
    response = client.post(url("participant_add", world.log.pk), {"membership": outsider.pk})
    assert response.status_code == 200
    assert not world.log.participants.filter(user=outsider.user).exists()
    with pytest.raises(ValidationError, match="omfattet av samtykket"):
        services.participant_add(SYSTEM, world.log, membership=outsider)
    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten, world.health, world.school],
        given_on=timezone.localdate(),
        method="digital",
    )
    response = client.post(url("participant_add", world.log.pk), {"membership": outsider.pk})
    assert response.status_code == 302
    assert world.client("outsider").get(url("log", world.log.pk)).status_code == 200


# Hand-over --------------------------------------------------------------------------------


def test_handover_accepted_gives_exactly_one_new_holder(world: World) -> None:
    holder, actor = world.client("holder"), world.client("actor")
    actor_participant = world.log.participants.get(user=world.users["actor"])
    response = holder.post(
        url("handover_propose", world.log.pk),
        {"to_participant": actor_participant.pk, "message": "Skolestart"},
    )
    assert response.status_code == 302
    page = actor.get(url("log", world.log.pk)).content.decode()
    assert "spør om du vil overta som stafettholder" in page
    assert "overlevering" in actor.get(url("mine")).content.decode().lower()
    # Only the proposed participant can answer.
    assert (
        holder.post(url("handover_respond", world.log.pk), {"answer": "accept"}).status_code == 403
    )
    assert (
        actor.post(url("handover_respond", world.log.pk), {"answer": "accept"}).status_code == 302
    )
    holders = Participant.objects.filter(log=world.log, role="holder", removed_at__isnull=True)
    assert [p.user for p in holders] == [world.users["actor"]]
    timeline = actor.get(url("timeline", world.log.pk)).content.decode()
    assert "Overlevering godtatt" in timeline or "godtatt" in timeline.lower()


def test_handover_declined_keeps_holder(world: World) -> None:
    actor_participant = world.log.participants.get(user=world.users["actor"])
    world.client("holder").post(
        url("handover_propose", world.log.pk), {"to_participant": actor_participant.pk}
    )
    world.client("actor").post(url("handover_respond", world.log.pk), {"answer": "decline"})
    assert HandOver.objects.get(log=world.log).status == "declined"
    assert world.log.participants.get(role="holder").user == world.users["holder"]


# Measures, evaluations, closing -----------------------------------------------------------


def test_evaluation_before_start_is_refused(world: World) -> None:
    measure = _measure(world)
    response = world.client("actor").post(
        url("evaluation_add", world.log.pk, measure.pk),
        {
            "evaluated_on": (measure.start_date - timedelta(days=1)).isoformat(),
            "text": "For tidlig",
        },
    )
    assert response.status_code == 200
    assert "før tiltaket startet" in response.content.decode()
    assert not Evaluation.objects.filter(measure=measure).exists()


def test_measure_with_evaluation_date_before_start_is_refused(world: World) -> None:
    holder = world.log.participants.get(role="holder")
    response = world.client("holder").post(
        url("measure_add", world.log.pk),
        {
            "description": "Tiltak",
            "responsible": holder.pk,
            "unit": world.kindergarten.pk,
            "start_date": "2026-05-10",
            "evaluation_date": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert "kan ikke være før startdatoen" in response.content.decode()
    assert not Measure.objects.filter(log=world.log).exists()


def test_closed_log_is_read_only(world: World) -> None:
    client = world.client("holder")
    response = client.post(url("close", world.log.pk), {"reason": "goal", "confirm": "on"})
    assert response.status_code == 302
    assert client.get(url("log", world.log.pk)).status_code == 200
    assert client.post(url("entry_add", world.log.pk, "mal"), {"text": "x"}).status_code == 403
    assert (
        world.client("guardian")
        .post(url("entry_add", world.log.pk, "lysglimt"), {"text": "x"})
        .status_code
        == 403
    )


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fnr", "message"),
    [("12345678901", "kontrollsifrene"), ("987612", "11 sifre"), ("abcdefghijk", "11 sifre")],
)
def test_invalid_fnr_refused_and_not_echoed(world: World, fnr: str, message: str) -> None:
    response = world.client("holder").post(
        url("guardian_add", world.log.pk),
        {
            "name": "Far",
            "fnr": fnr,
            "has_parental_responsibility": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert fnr not in html
    assert world.log.guardians.count() == 1


def test_duplicate_guardian_refused(world: World) -> None:
    response = world.client("holder").post(
        url("guardian_add", world.log.pk),
        {
            "name": "Samme Person",
            "fnr": world.guardian_fnr,
            "has_parental_responsibility": "on",
        },
    )
    assert "allerede registrert" in response.content.decode()
    assert world.log.guardians.count() == 1


def test_script_in_text_is_escaped(world: World) -> None:
    client = world.client("guardian")
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert (
        client.post(url("entry_add", world.log.pk, "lysglimt"), {"text": script}).status_code == 302
    )
    assert Lysglimt.objects.get(log=world.log).text == script
    html = client.get(url("log", world.log.pk)).content.decode()
    assert script not in html
    # Shown as text, escaped (the log page's content is a Jinja2 template: " is &#34;).
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in html


def test_a_meeting_ahead_can_be_set(world: World) -> None:
    held_on = timezone.localdate() + timedelta(days=3)
    response = world.client("holder").post(
        url("entry_add", world.log.pk, "mote"),
        {"held_on": held_on.isoformat(), "attendees": "Alle"},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(log=world.log).held_on == held_on


# Audit ------------------------------------------------------------------------------------


def test_every_read_and_write_is_audited_and_guardian_sees_who_opened(world: World) -> None:
    actor = world.client("actor")
    actor.get(url("log", world.log.pk), REMOTE_ADDR="10.1.2.3")
    actor.post(url("entry_add", world.log.pk, "mal"), {"text": "Mål"})
    view = AuditEvent.objects.filter(log_id=world.log.pk, action="log.view").latest("seq")
    assert (view.actor_id, view.role, view.ip_address) == (
        world.users["actor"].pk,
        "aktor",
        "10.1.2.3",
    )
    write = AuditEvent.objects.filter(log_id=world.log.pk, action="entry.add").latest("seq")
    assert write.detail == {"kind": "goal"}
    history = world.client("guardian").get(url("access_history", world.log.pk)).content.decode()
    assert world.users["actor"].get_full_name() in history
    assert verify_chain().ok
    # No personal data in the trail.
    for event in AuditEvent.objects.filter(log_id=world.log.pk):
        assert world.guardian_fnr not in str(event.detail)
        assert "Testbarn" not in str(event.detail)


def test_log_page_query_count_does_not_grow_with_content(world: World) -> None:
    client = world.client("holder")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("log", world.log.pk)).status_code == 200
        return len(queries)

    _measure(world)
    count()  # the first request after the login also moves the session's idle deadline
    first = count()
    for _ in range(5):
        measure = _measure(world)
        services.evaluation_add(
            SYSTEM,
            measure,
            Evaluation(evaluated_on=timezone.localdate(), text="Bra"),
            author=None,
        )
        services.entry_add(SYSTEM, world.log, Lysglimt(text="Fint"), author=None)
    assert count() == first
    assert first <= 21


def test_consents_kept_as_history(world: World) -> None:
    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten],
        given_on=timezone.localdate(),
        method="digital",
    )
    assert Consent.objects.filter(log=world.log).count() == 2
    # The newest consent counts: the health service is no longer covered.
    assert world.client("actor").get(url("log", world.log.pk)).status_code == 404


# Found in review ---------------------------------------------------------------------------


def test_newest_recorded_consent_counts_even_if_backdated(world: World) -> None:
    today = timezone.localdate()
    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten],
        given_on=today - timedelta(days=30),  # earlier than the current consent
        method="digital",
    )
    assert world.client("actor").get(url("log", world.log.pk)).status_code == 404


def test_withdrawal_after_closing_ends_professional_reading(world: World) -> None:
    services.log_close(SYSTEM, world.log, reason="goal")
    assert world.client("actor").get(url("log", world.log.pk)).status_code == 200
    guardian = world.client("guardian")
    assert (
        guardian.post(url("consent_withdraw", world.log.pk), {"confirm": "on"}).status_code == 302
    )
    log = Log.objects.get(pk=world.log.pk)
    assert (log.status, log.close_reason) == ("closed", "goal")
    assert world.client("actor").get(url("log", world.log.pk)).status_code == 404
    assert world.client("holder").get(url("log", world.log.pk)).status_code == 404


def test_guardian_removed_and_child_number_refused(world: World) -> None:
    client = world.client("holder")
    child_fnr = decrypt_fnr(world.log.child_fnr_encrypted)
    response = client.post(
        url("guardian_add", world.log.pk),
        {"name": "Barnet selv", "fnr": child_fnr, "has_parental_responsibility": "on"},
    )
    assert "barnets eget fødselsnummer" in response.content.decode()
    guardian = world.log.guardians.get()
    page = client.get(url("guardian_remove", world.log.pk, guardian.pk))
    assert page.status_code == 200
    assert client.post(url("guardian_remove", world.log.pk, guardian.pk), {}).status_code == 200
    assert world.log.guardians.count() == 1
    done = client.post(url("guardian_remove", world.log.pk, guardian.pk), {"confirm": "on"})
    assert done.status_code == 302
    assert not world.log.guardians.exists()
    assert world.client("guardian").get(url("log", world.log.pk)).status_code == 404
    assert AuditEvent.objects.filter(log_id=world.log.pk, action="guardian.remove").exists()


def test_participant_removed_loses_access_and_holder_cannot_be_removed(world: World) -> None:
    client = world.client("holder")
    actor = world.log.participants.get(user=world.users["actor"])
    holder = world.log.participants.get(role="holder")
    response = client.post(url("participant_remove", world.log.pk, holder.pk), {"confirm": "on"})
    assert "Gi stafettholderrollen videre" in response.content.decode() or (
        response.status_code == 200
    )
    assert world.log.participants.filter(role="holder", removed_at__isnull=True).count() == 1
    client.post(url("participant_remove", world.log.pk, actor.pk), {"confirm": "on"})
    assert world.client("actor").get(url("log", world.log.pk)).status_code == 404


def test_handover_only_to_covered_participants_and_can_be_withdrawn(world: World) -> None:
    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten, world.health, world.school],
        given_on=timezone.localdate(),
        method="digital",
    )
    outsider = services.participant_add(SYSTEM, world.log, membership=world.memberships["outsider"])
    client = world.client("holder")
    client.post(url("handover_propose", world.log.pk), {"to_participant": outsider.pk})
    # A new consent without the school cancels the hand-over to the school.
    services.consent_record(
        SYSTEM,
        world.log,
        guardians=list(world.log.guardians.all()),
        units=[world.kindergarten, world.health],
        given_on=timezone.localdate(),
        method="digital",
    )
    assert HandOver.objects.get(log=world.log).status == "cancelled"
    form = client.get(url("handover_propose", world.log.pk)).content.decode()
    assert str(outsider.pk) not in form
    actor = world.log.participants.get(user=world.users["actor"])
    client.post(url("handover_propose", world.log.pk), {"to_participant": actor.pk})
    assert client.post(url("handover_cancel", world.log.pk)).status_code == 302
    assert not HandOver.objects.filter(log=world.log, status="pending").exists()


def test_consent_at_most_three_years_and_child_number_matches_birth_date(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.consent_record(
            SYSTEM,
            world.log,
            guardians=list(world.log.guardians.all()),
            units=[world.kindergarten],
            given_on=today,
            expires_on=today + timedelta(days=4 * 365),
            method="digital",
        )
    with pytest.raises(ValidationError):
        services.log_create(
            SYSTEM,
            municipality=world.municipality,
            holder=world.memberships["holder"],
            child_name="Feil Dato",
            child_birth_date=date(2015, 1, 1),
            child_fnr=world.guardian_fnr,
        )


def test_client_address_behind_a_proxy(settings, rf) -> None:  # type: ignore[no-untyped-def]
    from core.net import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.9.8.7", REMOTE_ADDR="127.0.0.1")
    settings.SAMHANDLING_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.SAMHANDLING_PROXY_COUNT = 1
    assert client_ip(request) == "10.9.8.7"  # the client cannot choose its address
