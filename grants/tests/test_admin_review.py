"""The municipality's side of Bufdir's approval in the admin: the project leader sends the model,
reads Bufdir's comments once the round is decided, answers them; others of the municipality read;
nobody of another municipality sees anything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from audit.services import SYSTEM
from grants import services
from grants.models import Submission, SubmissionStatus
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
HOST = "eksempelvik.localhost"


def _client(username: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username=username))
    return client


def test_the_project_leader_sends_the_model_and_answers_bufdir() -> None:
    leader = _client("eksempelvik-koordinator")
    page = leader.get("/admin/tilskudd/9901/bufdir/")
    assert page.status_code == 200
    assert "Send til Bufdir" in page.content.decode()
    sent = leader.post("/admin/tilskudd/9901/bufdir/", {"message": "Klar for vurdering."})
    assert sent.status_code == 302
    submission = Submission.objects.get(project__municipality__number="9901")
    assert submission.pages.exists()
    waiting = leader.get("/admin/tilskudd/9901/bufdir/").content.decode()
    assert "Send til Bufdir" not in waiting
    assert "til vurdering" in waiting.lower()

    adviser = User.objects.get(username="bufdir-radgiver")
    frozen = submission.pages.order_by("position")[1]
    comment = services.comment_add(
        SYSTEM, submission, user=adviser, text="Tydeligere mål, takk.", page=frozen
    )
    # While Bufdir reviews, the municipality does not see the comments.
    assert "Tydeligere mål" not in leader.get("/admin/tilskudd/9901/bufdir/1/").content.decode()
    services.submission_decide(SYSTEM, submission, user=adviser, approve=False)
    round_page = leader.get("/admin/tilskudd/9901/bufdir/1/").content.decode()
    assert "Tydeligere mål, takk." in round_page
    answered = leader.post(
        f"/admin/tilskudd/9901/bufdir/1/svar/{comment.pk}/", {"text": "Målene er skrevet om."}
    )
    assert answered.status_code == 302
    comment.refresh_from_db()
    assert comment.answer == "Målene er skrevet om."
    frozen_page = leader.get(f"/admin/tilskudd/9901/bufdir/1/side/{frozen.position}/")
    assert frozen_page.status_code == 200 and frozen.title in frozen_page.content.decode()

    again = leader.post("/admin/tilskudd/9901/bufdir/", {"message": ""})
    assert again.status_code == 302
    assert Submission.objects.filter(project__municipality__number="9901").count() == 2


def test_an_editor_reads_the_rounds_but_cannot_send_or_answer() -> None:
    municipality = Municipality.objects.get(number="9901")
    submission = services.submission_create(
        SYSTEM, municipality.grant_project, user=None, message=""
    )
    comment = services.comment_add(SYSTEM, submission, user=None, text="Se over rutinene.")
    services.submission_decide(SYSTEM, submission, user=None, approve=False)
    editor = _client("eksempelvik-redaktor")
    index = editor.get("/admin/tilskudd/9901/bufdir/")
    assert index.status_code == 200
    assert "Send til Bufdir" not in index.content.decode()
    assert editor.post("/admin/tilskudd/9901/bufdir/", {}).status_code == 404
    assert "Se over rutinene." in editor.get("/admin/tilskudd/9901/bufdir/1/").content.decode()
    answer = editor.post(f"/admin/tilskudd/9901/bufdir/1/svar/{comment.pk}/", {"text": "Nei"})
    assert answer.status_code == 404
    comment.refresh_from_db()
    assert comment.answer == ""


def test_another_municipality_sees_nothing_of_the_rounds() -> None:
    municipality = Municipality.objects.get(number="9901")
    submission = services.submission_create(
        SYSTEM, municipality.grant_project, user=None, message=""
    )
    comment = services.comment_add(SYSTEM, submission, user=None, text="Hemmelig ennå.")
    services.submission_decide(SYSTEM, submission, user=None, approve=False)
    other = _client("fjordvik-koordinator")
    for url in [
        "/admin/tilskudd/9901/bufdir/",
        "/admin/tilskudd/9901/bufdir/1/",
        "/admin/tilskudd/9901/bufdir/1/side/1/",
    ]:
        assert other.get(url).status_code == 404, url
    assert (
        other.post(f"/admin/tilskudd/9901/bufdir/1/svar/{comment.pk}/", {"text": "x"}).status_code
        == 404
    )
    # Fjordvik's own number with Eksempelvik's comment id: looked up inside Fjordvik, not found.
    assert (
        other.post(f"/admin/tilskudd/9902/bufdir/1/svar/{comment.pk}/", {"text": "x"}).status_code
        == 404
    )
    comment.refresh_from_db()
    assert comment.answer == ""


def test_the_front_page_shows_bufdirs_approval_and_what_changed_since() -> None:
    municipality = Municipality.objects.get(number="9901")
    public = Client(HTTP_HOST=HOST)
    assert "Godkjent av Bufdir" not in public.get("/").content.decode()
    submission = services.submission_create(
        SYSTEM, municipality.grant_project, user=None, message=""
    )
    decided = services.submission_decide(SYSTEM, submission, user=None, approve=True)
    assert decided.status == SubmissionStatus.APPROVED
    front = public.get("/").content.decode()
    assert "Godkjent av Bufdir" in front
    assert "Uendret siden godkjenningen" in front
