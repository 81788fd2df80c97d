"""Bufdir's approval of the model: the coordinator sends the published model (a frozen copy of
every page as it was published), Bufdir's adviser assesses the criteria, comments per criterion
and per page, and decides; the municipality answers the comments and sends again. Every round is
kept; every step is in the audit trail (without the comments' text)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from audit.services import Actor, record
from grants import review_notices
from grants.models import (
    CriterionReview,
    GrantProject,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    ReviewComment,
    Submission,
    SubmissionStatus,
    SubmittedPage,
    Verdict,
)
from samhandlingsmodell import modellsjekk

_MAIN = re.compile(r'<main id="main"[^>]*>(.*)</main>', re.DOTALL)


def _rendered(page: Page) -> str:
    """The page's content as a visitor sees it now: the page rendered through the whole
    middleware chain on its own host (Wagtail's dummy request), without the site's header
    and footer."""
    response = page.make_preview_request()
    html = response.content.decode("utf-8")
    found = _MAIN.search(html)
    return found.group(1).strip() if found else html


def _freeze_pages(submission: Submission) -> int:
    home = submission.project.municipality.site.root_page
    pages = (
        Page.objects.descendant_of(home, inclusive=True)
        .live()
        .order_by("path")
        .select_related("live_revision", "content_type")
        .specific()
    )
    rows = [
        SubmittedPage(
            submission=submission,
            page=page,
            revision=page.live_revision,
            position=position,
            depth=page.depth - home.depth,
            title=page.title,
            url_path=page.url_path[len(home.url_path) - 1 :],
            page_type=str(page.content_type.model_class()._meta.verbose_name),
            html=_rendered(page),
            published_at=page.last_published_at,
        )
        for position, page in enumerate(pages, start=1)
    ]
    SubmittedPage.objects.bulk_create(rows)
    return len(rows)


def _complete_milestone(project: GrantProject, kind: str) -> None:
    Milestone.objects.filter(project=project, kind=kind).exclude(
        status=MilestoneStatus.DONE
    ).update(status=MilestoneStatus.DONE, completed_on=timezone.localdate())


@transaction.atomic
def submission_create(
    actor: Actor, project: GrantProject, *, user: Any, message: str = ""
) -> Submission:
    """Send the published model to Bufdir as a new round."""
    project = (
        GrantProject.objects.select_for_update()
        .select_related("municipality__site")
        .get(pk=project.pk)
    )
    municipality = project.municipality
    if project.submissions.filter(status=SubmissionStatus.SUBMITTED).exists():
        raise ValidationError(_("The model is already with Bufdir. Wait for the answer."))
    if project.submissions.filter(status=SubmissionStatus.APPROVED).exists():
        raise ValidationError(_("Bufdir has approved the model already."))
    if not municipality.site.root_page.live:
        raise ValidationError(_("Publish the model before you send it to Bufdir."))
    last = project.submissions.aggregate(last=Max("round"))["last"] or 0
    submission = Submission.objects.create(
        project=project,
        round=last + 1,
        submitted_at=timezone.now(),
        submitted_by=user,
        message=message.strip(),
        # Modellsjekk as it stood: code, title (in the municipality's standard), passed, problems.
        modellsjekk=modellsjekk.run(municipality).as_json(),
    )
    pages = _freeze_pages(submission)
    _complete_milestone(project, MilestoneKind.MODEL_SUBMITTED)
    record(
        actor,
        "grant.submit",
        municipality_id=municipality.pk,
        obj=submission,
        detail={"round": submission.round, "pages": pages},
    )
    review_notices.queue(submission, review_notices.SUBMITTED)
    return submission


def _open(submission: Submission) -> Submission:
    locked = Submission.objects.select_for_update().select_related("project").get(pk=submission.pk)
    if locked.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("This round is decided already."))
    return locked


@transaction.atomic
def comment_add(
    actor: Actor,
    submission: Submission,
    *,
    user: Any,
    text: str,
    criterion: str = "",
    page: SubmittedPage | None = None,
) -> ReviewComment:
    """The reviewer's comment on a criterion, a page or the whole model (while under review)."""
    submission = _open(submission)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    if page is not None and page.submission_id != submission.pk:
        raise ValidationError(_("The page is not part of this round."))
    comment = ReviewComment.objects.create(
        submission=submission, criterion=criterion, page=page, text=text, author=user
    )
    record(
        actor,
        "grant.comment",
        municipality_id=submission.project.municipality_id,
        obj=comment,
        detail={
            "round": submission.round,
            "criterion": criterion,
            "page": page.pk if page else None,
        },
    )
    return comment


@transaction.atomic
def comment_delete(actor: Actor, comment: ReviewComment) -> None:
    """The reviewer takes back a comment before deciding."""
    submission = _open(comment.submission)
    record(
        actor,
        "grant.comment_delete",
        municipality_id=submission.project.municipality_id,
        obj=comment,
        detail={"round": submission.round},
    )
    comment.delete()


@transaction.atomic
def verdict_set(actor: Actor, submission: Submission, *, criterion: str, verdict: str) -> None:
    """The reviewer's assessment of one criterion: met, not met, or not assessed ("")."""
    submission = _open(submission)
    if verdict not in Verdict.values:
        raise ValidationError(_("Choose met, not met or not assessed."))
    CriterionReview.objects.update_or_create(
        submission=submission, criterion=criterion, defaults={"verdict": verdict}
    )
    record(
        actor,
        "grant.verdict",
        municipality_id=submission.project.municipality_id,
        obj=submission,
        detail={"round": submission.round, "criterion": criterion, "verdict": verdict},
    )


@transaction.atomic
def submission_decide(
    actor: Actor, submission: Submission, *, user: Any, approve: bool, note: str = ""
) -> Submission:
    """Bufdir's decision on a round: approved, or changes requested (which needs a comment or
    a note saying what to change)."""
    submission = _open(submission)
    note = note.strip()
    if not approve and not note and not submission.comments.exists():
        raise ValidationError(
            _("Say what the municipality should change: write a comment or a note.")
        )
    submission.status = SubmissionStatus.APPROVED if approve else SubmissionStatus.CHANGES_REQUESTED
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.decision_note = note
    submission.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    if approve:
        _complete_milestone(submission.project, MilestoneKind.BUFDIR_APPROVAL)
    record(
        actor,
        "grant.approve" if approve else "grant.request_changes",
        municipality_id=submission.project.municipality_id,
        obj=submission,
        detail={"round": submission.round},
    )
    review_notices.queue(submission, review_notices.DECIDED)
    return submission


@transaction.atomic
def comment_answer(actor: Actor, comment: ReviewComment, *, user: Any, text: str) -> ReviewComment:
    """The municipality's answer to a comment of a decided round (before it sends again)."""
    comment = (
        ReviewComment.objects.select_for_update()
        .select_related("submission__project")
        .get(pk=comment.pk)
    )
    submission = comment.submission
    if submission.status == SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Bufdir has not finished the review of this round yet."))
    if submission.project.submissions.filter(round__gt=submission.round).exists():
        raise ValidationError(_("The model has been sent again: answer in the newest round."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write an answer.")})
    comment.answer = text
    comment.answered_by = user
    comment.answered_at = timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        actor,
        "grant.answer",
        municipality_id=submission.project.municipality_id,
        obj=comment,
        detail={"round": submission.round},
    )
    return comment
