"""Reads of Bufdir's approval rounds, each inside one municipality's project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from wagtail.models import Page

from grants.criteria import JUDGEMENT_CRITERIA
from grants.models import (
    GrantProject,
    ReviewComment,
    Submission,
    SubmissionStatus,
    SubmittedPage,
)
from municipalities.models import Municipality


def rounds_of(project: GrantProject) -> list[Submission]:
    """Every round, newest first, with its number of comments and of answered comments."""
    return list(
        project.submissions.annotate(
            comment_count=Count("comments"),
            answered_count=Count("comments", filter=~Q(comments__answer="")),
        ).order_by("-round")
    )


def round_in(municipality: Municipality, number: int) -> Submission | None:
    return (
        Submission.objects.filter(project__municipality=municipality, round=number)
        .select_related("project__municipality", "submitted_by", "decided_by")
        .first()
    )


def page_in(submission: Submission, position: int) -> SubmittedPage | None:
    return SubmittedPage.objects.filter(submission=submission, position=position).first()


def comment_in(submission: Submission, pk: int) -> ReviewComment | None:
    return ReviewComment.objects.filter(submission=submission, pk=pk).first()


@dataclass
class CriterionRow:
    code: str
    title: str
    automatic: bool
    passed: bool | None  # Modellsjekk's result; None for a criterion that needs judgement
    problems: list[str]
    verdict: str
    comments: list[ReviewComment] = field(default_factory=list)


@dataclass
class RoundView:
    submission: Submission
    criteria: list[CriterionRow]
    general_comments: list[ReviewComment]
    page_comments: list[ReviewComment]
    pages: Sequence[SubmittedPage]
    comment_count: int

    @property
    def open(self) -> bool:
        return self.submission.status == SubmissionStatus.SUBMITTED


def round_view(submission: Submission) -> RoundView:
    """What a round's page shows: the criteria (Modellsjekk's as they stood when it was sent,
    then those that need judgement) with the verdicts and comments, the frozen pages (without
    their content) and the page comments. Five queries."""
    verdicts = dict(submission.reviews.values_list("criterion", "verdict"))
    comments = list(
        submission.comments.select_related("page", "author", "answered_by").order_by(
            "created_at", "pk"
        )
    )
    by_criterion: dict[str, list[ReviewComment]] = {}
    for comment in comments:
        if comment.criterion:
            by_criterion.setdefault(comment.criterion, []).append(comment)
    rows = [
        CriterionRow(
            code=item["code"],
            title=item["title"],
            automatic=True,
            passed=bool(item["passed"]),
            problems=list(item["problems"]),
            verdict=verdicts.get(item["code"], ""),
            comments=by_criterion.get(item["code"], []),
        )
        for item in submission.modellsjekk
    ]
    rows += [
        CriterionRow(
            code=code,
            title=str(title),
            automatic=False,
            passed=None,
            problems=[],
            verdict=verdicts.get(code, ""),
            comments=by_criterion.get(code, []),
        )
        for code, title in JUDGEMENT_CRITERIA
    ]
    pages = list(
        submission.pages.defer("html")
        .annotate(comment_count=Count("comments"))
        .order_by("position")
    )
    return RoundView(
        submission=submission,
        criteria=rows,
        general_comments=[c for c in comments if not c.criterion and c.page_id is None],
        page_comments=[c for c in comments if c.page_id is not None],
        pages=pages,
        comment_count=len(comments),
    )


@dataclass(frozen=True)
class Approval:
    approved_at: Any
    round: int
    changed: list[Page]


def approval_of(municipality: Municipality, with_changes: bool = True) -> Approval | None:
    """Bufdir's approval of the model, if any, and the pages published since (newest first)."""
    approved = (
        Submission.objects.filter(
            project__municipality=municipality, status=SubmissionStatus.APPROVED
        )
        .order_by("-decided_at")
        .values_list("decided_at", "round")
        .first()
    )
    if approved is None:
        return None
    decided_at, number = approved
    changed: list[Page] = []
    if with_changes:
        changed = list(
            Page.objects.descendant_of(municipality.site.root_page, inclusive=True)
            .live()
            .filter(last_published_at__gt=decided_at)
            .order_by("-last_published_at")
            .only("id", "title", "url_path", "last_published_at", "path", "depth")
        )
    return Approval(approved_at=decided_at, round=number, changed=changed)


def pages_with_comments(submission: Submission) -> list[SubmittedPage]:
    return list(
        submission.pages.defer("html")
        .filter(comments__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("comments", queryset=ReviewComment.objects.order_by("pk")))
    )
