"""E-mails about Bufdir's rounds, through a real SMTP server on loopback: the advisers of the
municipality's region hear that the model is sent, the project leaders that Bufdir has decided;
no comment's text is ever in a message."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User

from audit.services import SYSTEM
from grants import services
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[str]:
        return [
            str(m["Subject"]) + "\n" + m.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
            for m in self.messages
            if address in str(m["To"])
        ]


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


def test_the_advisers_of_the_region_and_then_the_project_leader_are_told(
    inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    fjordvik = Municipality.objects.get(number="9902")
    leader = User.objects.get(username="fjordvik-koordinator")
    leader.email = "koordinator@fjordvik.example"
    leader.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(SYSTEM, fjordvik.grant_project, user=leader)
    assert len(inbox.to("bufdir-radgiver@example.org")) == 1
    assert len(inbox.to("korus-vest-radgiver@example.org")) == 1  # Vestland: KORUS Vest
    assert inbox.to("korus-ost-radgiver@example.org") == []  # another region
    sent = inbox.to("bufdir-radgiver@example.org")[0]
    assert "Fjordvik" in sent and "/tilskudd/9902/runder/1/" in sent

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(SYSTEM, submission, user=None, text="Hemmelig merknad om rutinene")
        services.submission_decide(SYSTEM, submission, user=None, approve=False)
    [decided] = inbox.to("koordinator@fjordvik.example")
    assert "endringar" in decided  # nynorsk, Fjordvik's written standard
    assert "/admin/tilskudd/9902/bufdir/1/" in decided
    assert all("Hemmelig merknad" not in text for text in inbox.to("@"))
