"""E-mail notices through a real SMTP server on loopback (aiosmtpd): they arrive, say only that
something waits in the log, and are never sent twice."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone

from audit.services import SYSTEM
from stafettlogg import notices, services
from stafettlogg.models import Measure, Meeting, Notice

from .conftest import World

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def inbox(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    yield handler
    controller.stop()


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(message["Subject"]) + "\n" + body.get_content()


def _assert_no_details(world: World, text: str) -> None:
    assert world.log.child_name not in text
    assert world.guardian_fnr not in text
    assert str(world.log.pk) not in text
    for user in world.users.values():
        if user.last_name:
            assert user.get_full_name() not in text


def test_measure_assigned_sends_one_mail_without_details(
    world: World, inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    actor = world.users["actor"]
    actor.email = "aktor@example.invalid"
    actor.save()
    participant = world.log.participants.get(user=actor)
    with django_capture_on_commit_callbacks(execute=True):
        services.measure_add(
            SYSTEM,
            world.log,
            Measure(
                description="Hemmelig tiltak om Testbarn",
                responsible=participant,
                unit=world.health,
                start_date=timezone.localdate(),
                evaluation_date=timezone.localdate() + timedelta(days=30),
            ),
            author=None,
        )
    [message] = inbox.to("aktor@example.invalid")
    text = _text(message)
    assert "Eksempelvik kommune" in text
    assert "http://eksempelvik.localhost:8000/stafettlogg/" in text
    assert "Hemmelig" not in text
    _assert_no_details(world, text)
    assert Notice.objects.get(email="aktor@example.invalid").sent_at is not None


def test_daily_task_twice_sends_each_notice_once(
    world: World, inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    holder = world.users["holder"]
    holder.email = "holder@example.invalid"
    holder.save()
    world.log.guardians.update(email="foresatt@example.invalid")
    today = timezone.localdate()
    world.log.consents.update(
        given_on=today - timedelta(days=340), expires_on=today + timedelta(20)
    )
    responsible = world.log.participants.get(role="holder")
    Measure.objects.create(
        log=world.log,
        author_name="x",
        author_role="x",
        description="Språk",
        responsible=responsible,
        unit=world.kindergarten,
        start_date=today - timedelta(30),
        evaluation_date=today + timedelta(days=5),
    )
    Measure.objects.create(
        log=world.log,
        author_name="x",
        author_role="x",
        description="Senere",
        responsible=responsible,
        unit=world.kindergarten,
        start_date=today,
        evaluation_date=today + timedelta(days=60),
    )
    from stafettlogg.tasks import daily_notices

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            daily_notices.enqueue()
    holder_mail = inbox.to("holder@example.invalid")
    subjects = sorted(str(m["Subject"]) for m in holder_mail)
    assert len(holder_mail) == 2, subjects  # one evaluation (5 days) + one consent
    assert any("evaluer" in s.lower() for s in subjects)
    assert any("samtykke" in s.lower() for s in subjects)
    [guardian_mail] = inbox.to("foresatt@example.invalid")
    assert "samtykke" in str(guardian_mail["Subject"]).lower()
    for message in inbox.messages:
        _assert_no_details(world, _text(message))


def test_handover_and_meeting_notices_in_nynorsk(
    world: World, inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    world.municipality.language = "nn"
    world.municipality.save()
    actor = world.users["actor"]
    actor.email = "aktor@example.invalid"
    actor.save()
    holder = world.log.participants.get(role="holder")
    to = world.log.participants.get(user=actor)
    with django_capture_on_commit_callbacks(execute=True):
        services.handover_propose(SYSTEM, world.log, from_participant=holder, to_participant=to)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_add(
            SYSTEM,
            world.log,
            Meeting(held_on=timezone.localdate() + timedelta(days=7), attendees="Alle"),
            author=None,
        )
    subjects = [str(m["Subject"]) for m in inbox.to("aktor@example.invalid")]
    assert len(subjects) == 2, subjects
    assert any("stafetthaldar" in s for s in subjects), subjects
    assert any("møte" in s.lower() for s in subjects)


def test_no_mail_when_the_write_is_rolled_back(
    world: World, inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    actor = world.users["actor"]
    actor.email = "aktor@example.invalid"
    actor.save()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notices.notify(world.log, "handover", "rolled-back", users=[actor])
        raise RuntimeError
    assert callbacks == []
    assert inbox.messages == []
    assert not Notice.objects.filter(subject_key="rolled-back").exists()
