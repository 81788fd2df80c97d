"""Bufdir's approval: the coordinator sends the published model, which is frozen as it was; the
adviser comments and asks for changes; the municipality answers and sends again; the adviser
approves. Every round is kept and every step audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from wagtail.models import Page

from audit.models import AuditEvent
from audit.services import SYSTEM
from grants import selectors, services
from grants.models import MilestoneKind, MilestoneStatus, SubmissionStatus
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def eksempelvik() -> Municipality:
    return Municipality.objects.select_related("grant_project", "site").get(number="9901")


def test_a_round_from_submission_to_approval_keeps_what_was_sent(eksempelvik) -> None:  # noqa: ANN001
    project = eksempelvik.grant_project
    leader = User.objects.get(username="eksempelvik-koordinator")
    adviser = User.objects.get(username="bufdir-radgiver")
    live_pages = Page.objects.descendant_of(eksempelvik.site.root_page, inclusive=True).live()

    first = services.submission_create(SYSTEM, project, user=leader, message="Her er modellen.")
    assert first.round == 1 and first.status == SubmissionStatus.SUBMITTED
    assert first.pages.count() == live_pages.count()
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).live().first()
    frozen = first.pages.get(page=element)
    assert element.title in frozen.html and "<header" not in frozen.html
    assert {item["code"] for item in first.modellsjekk}
    assert project.milestones.get(kind=MilestoneKind.MODEL_SUBMITTED).status == (
        MilestoneStatus.DONE
    )
    with pytest.raises(ValidationError):
        services.submission_create(SYSTEM, project, user=leader)  # one open round at a time

    # The municipality goes on editing: the frozen copy stays as it was sent.
    element.title = "Endret tittel etter innsending"
    element.save_revision().publish()
    frozen.refresh_from_db()
    assert "Endret tittel etter innsending" not in frozen.html

    comment = services.comment_add(
        SYSTEM, first, user=adviser, text="Beskriv brukermedvirkning tydeligere.", page=frozen
    )
    services.verdict_set(SYSTEM, first, criterion="judgement_participation", verdict="not_met")
    with pytest.raises(ValidationError):
        services.comment_answer(SYSTEM, comment, user=leader, text="For tidlig")  # not decided
    services.submission_decide(SYSTEM, first, user=adviser, approve=False)
    first.refresh_from_db()
    assert first.status == SubmissionStatus.CHANGES_REQUESTED
    with pytest.raises(ValidationError):
        services.comment_add(SYSTEM, first, user=adviser, text="For sent")
    services.comment_answer(SYSTEM, comment, user=leader, text="Vi har skrevet om avsnittet.")

    second = services.submission_create(SYSTEM, project, user=leader)
    assert second.round == 2
    assert "Endret tittel etter innsending" in second.pages.get(page=element).html
    with pytest.raises(ValidationError):
        services.comment_answer(SYSTEM, comment, user=leader, text="Gammel runde")
    services.submission_decide(SYSTEM, second, user=adviser, approve=True, note="Godkjent.")

    approval = selectors.approval_of(eksempelvik)
    assert approval is not None and approval.round == 2 and approval.changed == []
    element.title = "Endret etter godkjenning"
    element.save_revision().publish()
    approval = selectors.approval_of(eksempelvik)
    assert [page.pk for page in approval.changed] == [element.pk]
    assert [r.round for r in selectors.rounds_of(project)] == [2, 1]
    view = selectors.round_view(first)
    assert view.page_comments[0].answer == "Vi har skrevet om avsnittet."
    assert any(row.verdict == "not_met" for row in view.criteria)
    actions = set(
        AuditEvent.objects.filter(municipality_id=eksempelvik.pk).values_list("action", flat=True)
    )
    assert {
        "grant.submit",
        "grant.comment",
        "grant.verdict",
        "grant.request_changes",
        "grant.answer",
        "grant.approve",
    } <= actions
    assert not AuditEvent.objects.filter(detail__icontains="brukermedvirkning").exists()


def test_changes_cannot_be_requested_without_saying_what(eksempelvik) -> None:  # noqa: ANN001
    leader = User.objects.get(username="eksempelvik-koordinator")
    submission = services.submission_create(SYSTEM, eksempelvik.grant_project, user=leader)
    with pytest.raises(ValidationError):
        services.submission_decide(SYSTEM, submission, user=None, approve=False, note=" ")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
