"""Bufdir's review on the national host: the adviser reads the round and its frozen pages,
comments per criterion and page, assesses the criteria, deletes their own comment while the
round is open (after a confirmation) and decides; KORUS reads only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from audit.models import AuditEvent
from audit.services import SYSTEM
from grants import services
from grants.models import (
    CriterionReview,
    ReviewComment,
    Submission,
    SubmissionStatus,
    SubmittedPage,
)
from municipalities.models import Municipality

from .national_clients import adviser

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission() -> Submission:
    municipality = Municipality.objects.get(number="9901")
    return services.submission_create(SYSTEM, municipality.grant_project, user=None, message="")


def test_bufdir_reads_a_round_and_its_frozen_pages(
    submission: Submission, django_assert_max_num_queries
) -> None:
    client = adviser("bufdir-radgiver")
    client.get("/tilskudd/")
    with django_assert_max_num_queries(16):
        response = client.get("/tilskudd/9901/runder/1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Runde 1: modellen til Eksempelvik" in page
    assert 'action="/tilskudd/9901/runder/1/vurderinger/"' in page
    frozen = submission.pages.order_by("position")[1]
    with django_assert_max_num_queries(16):
        one = client.get(f"/tilskudd/9901/runder/1/side/{frozen.position}/")
    text = one.content.decode()
    assert one.status_code == 200 and frozen.title in text
    assert "<script" not in text.split("grants-frozen-page__content")[1]
    # Root-relative links of the frozen page lead into the municipality's site.
    assert 'href="http://eksempelvik.localhost/' in text
    assert client.get("/tilskudd/9901/runder/1/side/9999/").status_code == 404
    assert client.get("/tilskudd/9901/runder/2/").status_code == 404
    assert AuditEvent.objects.filter(action="grant.view", detail__what="page").exists()


def test_frozen_html_is_cleaned_before_it_is_shown(submission: Submission) -> None:
    frozen = submission.pages.order_by("position").first()
    assert frozen is not None
    SubmittedPage.objects.filter(pk=frozen.pk).update(
        html='<p id="main" onclick="steal()">Tekst</p><script>alert(1)</script>'
    )
    text = adviser("bufdir-radgiver").get(f"/tilskudd/9901/runder/1/side/{frozen.position}/")
    body = text.content.decode()
    assert "<p>Tekst</p>" in body
    assert "alert(1)" not in body and "steal()" not in body


def test_bufdir_comments_assesses_and_asks_for_changes(submission: Submission) -> None:
    client = adviser("bufdir-radgiver")
    code = submission.modellsjekk[0]["code"]
    saved = client.post(
        "/tilskudd/9901/runder/1/kommentar/", {"criterion": code, "text": "Mangler mål."}
    )
    assert saved.status_code == 302 and saved["Location"].endswith(f"#c-{code}")
    frozen = submission.pages.order_by("position")[2]
    on_page = client.post(
        "/tilskudd/9901/runder/1/kommentar/", {"position": frozen.position, "text": "Uklar."}
    )
    assert on_page["Location"] == f"/tilskudd/9901/runder/1/side/{frozen.position}/"
    client.post("/tilskudd/9901/runder/1/kommentar/", {"text": "Helheten er god."})
    assert ReviewComment.objects.filter(submission=submission).count() == 3
    assert ReviewComment.objects.get(text="Uklar.").page_id == frozen.pk
    # An unknown criterion or page is not found; an empty comment is not saved.
    assert (
        client.post(
            "/tilskudd/9901/runder/1/kommentar/", {"criterion": "nope", "text": "x"}
        ).status_code
        == 404
    )
    client.post("/tilskudd/9901/runder/1/kommentar/", {"text": "  "})
    assert ReviewComment.objects.filter(submission=submission).count() == 3

    client.post(
        "/tilskudd/9901/runder/1/vurderinger/",
        {f"verdict-{code}": "not_met", "verdict-judgement_whole": "met"},
    )
    verdicts = dict(
        CriterionReview.objects.filter(submission=submission).values_list("criterion", "verdict")
    )
    assert verdicts == {code: "not_met", "judgement_whole": "met"}

    decide = client.get("/tilskudd/9901/runder/1/vedtak/")
    assert decide.status_code == 200
    assert "1 kriterium er markert som ikke oppfylt" in decide.content.decode()
    done = client.post("/tilskudd/9901/runder/1/vedtak/", {"decision": "changes", "note": ""})
    assert done.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert AuditEvent.objects.filter(action="grant.request_changes").exists()
    # A decided round takes no more comments or verdicts.
    client.post("/tilskudd/9901/runder/1/kommentar/", {"text": "For sent."})
    assert not ReviewComment.objects.filter(text="For sent.").exists()
    assert "vurderinger" not in client.get("/tilskudd/9901/runder/1/").content.decode()


def test_bufdir_deletes_own_comment_after_confirmation(
    submission: Submission, django_assert_max_num_queries
) -> None:
    bufdir = User.objects.get(username="bufdir-radgiver")
    mine = services.comment_add(SYSTEM, submission, user=bufdir, text="Min kommentar.")
    other = services.comment_add(SYSTEM, submission, user=None, text="En annens.")
    client = adviser("bufdir-radgiver")
    client.get("/tilskudd/")
    with django_assert_max_num_queries(12):
        client.get("/tilskudd/9901/runder/1/vedtak/")
    url = f"/tilskudd/9901/runder/1/kommentar/{mine.pk}/slett/"
    with django_assert_max_num_queries(10):
        confirm = client.get(url)
    assert confirm.status_code == 200 and "Min kommentar." in confirm.content.decode()
    assert ReviewComment.objects.filter(pk=mine.pk).exists()
    assert client.post(url).status_code == 302
    assert not ReviewComment.objects.filter(pk=mine.pk).exists()
    assert client.get(f"/tilskudd/9901/runder/1/kommentar/{other.pk}/slett/").status_code == 404
    assert client.post(f"/tilskudd/9902/runder/1/kommentar/{other.pk}/slett/").status_code == 404


def test_bufdir_approves_the_model(submission: Submission) -> None:
    client = adviser("bufdir-radgiver")
    form = client.post("/tilskudd/9901/runder/1/vedtak/", {"note": ""})
    assert form.status_code == 200  # no decision chosen: the form again
    client.post("/tilskudd/9901/runder/1/vedtak/", {"decision": "approve", "note": "Flott."})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert client.get("/tilskudd/9901/runder/1/vedtak/").status_code == 302


def test_korus_reads_the_round_but_writes_nothing(submission: Submission) -> None:
    client = adviser("korus-ost-radgiver")
    page = client.get("/tilskudd/9901/runder/1/").content.decode()
    assert "Runde 1" in page and "vurderinger" not in page and "kommentar/" not in page
    assert client.post("/tilskudd/9901/runder/1/kommentar/", {"text": "x"}).status_code == 404
    assert client.post("/tilskudd/9901/runder/1/vurderinger/", {}).status_code == 404
    assert client.get("/tilskudd/9901/runder/1/vedtak/").status_code == 404
    assert not ReviewComment.objects.filter(submission=submission).exists()
