"""Bufdir's review of a round on the national host: the round (criteria with Modellsjekk's
results and the verdicts, comments, the frozen pages), one frozen page as it was sent, and the
writes: comments per criterion or page, verdicts, deleting one's own comment while the round is
open, and the decision. Bufdir's advisers write (``GrantAction.COMMENT`` / ``DECIDE``); a KORUS
adviser of the region and a national administrator read; everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import national_area
from audit.services import actor_from_request
from grants import frozen, selectors, services
from grants.access import GrantAccess, GrantAction
from grants.criteria import JUDGEMENT_CODES
from grants.forms import CommentForm, DecisionForm, verdict_choices
from grants.models import Submission, SubmissionStatus, SubmittedPage
from grants.views.national import audit_read, project_in_care, role_label
from municipalities.models import Municipality


def _round(
    request: HttpRequest, number: str, round_number: int, action: str = GrantAction.VIEW_SUBMISSION
) -> tuple[Municipality, Submission, GrantAccess]:
    municipality, _project, access = project_in_care(request, number, action)
    submission = selectors.round_in(municipality, round_number)
    if submission is None:
        raise Http404
    return municipality, submission, access


def _may_review(access: GrantAccess, submission: Submission) -> bool:
    return access.can(GrantAction.COMMENT) and submission.status == SubmissionStatus.SUBMITTED


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _criteria_codes(submission: Submission) -> set[str]:
    return {str(item["code"]) for item in submission.modellsjekk} | JUDGEMENT_CODES


@national_area
def round_detail(request: HttpRequest, number: str, round: int) -> HttpResponse:  # noqa: A002
    municipality, submission, access = _round(request, number, round)
    view = selectors.round_view(submission)
    audit_read(request, access, submission.project, what="round", round=submission.round)
    return TemplateResponse(
        request,
        "grants/national/round.html",
        {
            "kommune": municipality,
            "submission": submission,
            "view": view,
            "may_review": _may_review(access, submission),
            "verdict_choices": verdict_choices(),
            "role_label": role_label(request),
            "nav": "grants",
        },
    )


@national_area
def round_page(
    request: HttpRequest,
    number: str,
    round: int,  # noqa: A002
    position: int,
) -> HttpResponse:
    """One page as it was published when the model was sent, with its comments."""
    municipality, submission, access = _round(request, number, round)
    page = selectors.page_in(submission, position)
    if page is None:
        raise Http404
    neighbours = {
        p.position: p
        for p in SubmittedPage.objects.filter(
            submission=submission, position__in=[position - 1, position + 1]
        ).only("id", "position", "title")
    }
    audit_read(
        request, access, submission.project, what="page", round=submission.round, page=position
    )
    return TemplateResponse(
        request,
        "grants/national/round_page.html",
        {
            "kommune": municipality,
            "submission": submission,
            "page": page,
            "comments": list(page.comments.select_related("author").order_by("created_at", "pk")),
            "may_review": _may_review(access, submission),
            "previous": neighbours.get(position - 1),
            "next": neighbours.get(position + 1),
            # Our own templates' output, cleaned again (grants.frozen) before it is shown.
            "frozen_html": mark_safe(frozen.clean(page.html, municipality.site.root_url)),  # noqa: S308
            "role_label": role_label(request),
            "nav": "grants",
        },
    )


@national_area
@require_POST
def comment_add(request: HttpRequest, number: str, round: int) -> HttpResponse:  # noqa: A002
    """A comment on a criterion (``criterion``), a page (``position``) or the whole model."""
    _municipality, submission, access = _round(request, number, round, GrantAction.COMMENT)
    form = CommentForm(request.POST)
    back = reverse("grants:round", args=[number, round])
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.errors.get("text", [])) or _("Write a comment.")
        )
        return redirect(back)
    criterion = form.cleaned_data["criterion"] or ""
    position = form.cleaned_data["position"]
    page = None
    if criterion and criterion not in _criteria_codes(submission):
        raise Http404
    if position is not None:
        page = selectors.page_in(submission, position)
        if page is None:
            raise Http404
        back = reverse("grants:round_page", args=[number, round, position])
    elif criterion:
        back += f"#c-{criterion}"
    try:
        services.comment_add(
            actor_from_request(request, access.role),
            submission,
            user=request.user,
            text=form.cleaned_data["text"],
            criterion=criterion if page is None else "",
            page=page,
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The comment is saved."))
    return redirect(back)


@national_area
def comment_delete(
    request: HttpRequest,
    number: str,
    round: int,  # noqa: A002
    comment_id: int,
) -> HttpResponse:
    """Take back one's own comment while the round is open (a confirmation page first)."""
    municipality, submission, access = _round(request, number, round, GrantAction.COMMENT)
    comment = selectors.comment_in(submission, comment_id)
    if comment is None or comment.author_id != request.user.pk:
        raise Http404
    back = reverse("grants:round", args=[number, round])
    if submission.status != SubmissionStatus.SUBMITTED:
        messages.error(request, _("This round is decided already."))
        return redirect(back)
    if request.method == "POST":
        try:
            services.comment_delete(actor_from_request(request, access.role), comment)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The comment is deleted."))
        return redirect(back)
    return TemplateResponse(
        request,
        "grants/national/comment_delete.html",
        {
            "kommune": municipality,
            "submission": submission,
            "comment": comment,
            "role_label": role_label(request),
            "nav": "grants",
        },
    )


@national_area
@require_POST
def verdicts(request: HttpRequest, number: str, round: int) -> HttpResponse:  # noqa: A002
    """The assessments of the round's criteria (``verdict-<code>``); only changes are saved."""
    _municipality, submission, access = _round(request, number, round, GrantAction.COMMENT)
    current = dict(submission.reviews.values_list("criterion", "verdict"))
    changed = 0
    try:
        for code in sorted(_criteria_codes(submission)):
            value = request.POST.get(f"verdict-{code}")
            if value is None or value == current.get(code, ""):
                continue
            services.verdict_set(
                actor_from_request(request, access.role),
                submission,
                criterion=code,
                verdict=value,
            )
            changed += 1
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The assessments are saved."))
    return redirect("grants:round", number=number, round=round)


@national_area
def decide(request: HttpRequest, number: str, round: int) -> HttpResponse:  # noqa: A002
    """Approve the round, or ask for changes (with a note): the page is the confirmation."""
    municipality, submission, access = _round(request, number, round, GrantAction.DECIDE)
    if submission.status != SubmissionStatus.SUBMITTED:
        messages.error(request, _("This round is decided already."))
        return redirect("grants:round", number=number, round=round)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.submission_decide(
                actor_from_request(request, access.role),
                submission,
                user=request.user,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if approve:
                messages.success(request, _("The model is approved."))
            else:
                messages.success(request, _("The municipality is asked for changes."))
            return redirect("grants:round", number=number, round=round)
    view = selectors.round_view(submission)
    return TemplateResponse(
        request,
        "grants/national/decide.html",
        {
            "kommune": municipality,
            "submission": submission,
            "view": view,
            "not_met": [row for row in view.criteria if row.verdict == "not_met"],
            "form": form,
            "role_label": role_label(request),
            "nav": "grants",
        },
    )
