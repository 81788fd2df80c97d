"""Bufdir's approval, seen from the municipality in the Wagtail admin: send the published
model, follow each round, read Bufdir's comments when the round is decided and answer them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.services import actor_from_request
from grants import selectors, services
from grants.access import GrantAccess, GrantAction, access_for
from grants.models import GrantProject, SubmissionStatus
from municipalities.models import Municipality
from samhandlingsmodell import modellsjekk


class SubmitForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to Bufdir (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": gettext_lazy("Write an answer.")},
    )


def _project(request: HttpRequest, number: str) -> tuple[Municipality, GrantProject, GrantAccess]:
    municipality = (
        Municipality.objects.select_related("site", "grant_project").filter(number=number).first()
    )
    if municipality is None:
        raise Http404
    access = access_for(request.user, municipality)
    project = getattr(municipality, "grant_project", None)
    if project is None or not access.can(GrantAction.VIEW_PROJECT):
        raise Http404
    return municipality, project, access


def review_index(request: HttpRequest, number: str) -> HttpResponse:
    """The rounds with Bufdir, the approval and what changed since, and sending the model."""
    municipality, project, access = _project(request, number)
    rounds = selectors.rounds_of(project)
    waiting = any(r.status == SubmissionStatus.SUBMITTED for r in rounds)
    approved = any(r.status == SubmissionStatus.APPROVED for r in rounds)
    may_submit = access.can(GrantAction.SUBMIT_MODEL) and not waiting and not approved
    form = SubmitForm(request.POST or None)
    if request.method == "POST":
        if not may_submit:
            raise Http404
        if form.is_valid():
            try:
                submission = services.submission_create(
                    actor_from_request(request, access.role),
                    project,
                    user=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The model is sent to Bufdir (round %(round)s).")
                    % {"round": submission.round},
                )
                return redirect("grants_review_index", number=number)
    report = modellsjekk.run(municipality) if may_submit else None
    return TemplateResponse(
        request,
        "grants/admin/review_index.html",
        {
            "municipality": municipality,
            "project": project,
            "rounds": rounds,
            "waiting": waiting,
            "approval": selectors.approval_of(municipality),
            "may_submit": may_submit,
            "form": form,
            "report": report,
        },
    )


def review_round(request: HttpRequest, number: str, round: int) -> HttpResponse:  # noqa: A002
    municipality, project, access = _project(request, number)
    submission = selectors.round_in(municipality, round)
    if submission is None:
        raise Http404
    view = selectors.round_view(submission)
    newest = selectors.rounds_of(project)[0].round
    may_answer = (
        access.can(GrantAction.ANSWER_COMMENTS)
        and submission.status == SubmissionStatus.CHANGES_REQUESTED
        and submission.round == newest
    )
    return TemplateResponse(
        request,
        "grants/admin/review_round.html",
        {
            "municipality": municipality,
            "view": view,
            "submission": submission,
            # Bufdir's comments are the municipality's to read once the round is decided.
            "show_comments": submission.status != SubmissionStatus.SUBMITTED,
            "may_answer": may_answer,
            "answer_form": AnswerForm(),
        },
    )


@require_POST
def review_answer(
    request: HttpRequest,
    number: str,
    round: int,  # noqa: A002
    comment_id: int,
) -> HttpResponse:
    municipality, project, access = _project(request, number)
    submission = selectors.round_in(municipality, round)
    comment = selectors.comment_in(submission, comment_id) if submission else None
    if comment is None or not access.can(GrantAction.ANSWER_COMMENTS):
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.comment_answer(
                actor_from_request(request, access.role),
                comment,
                user=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer is saved."))
    else:
        messages.error(request, " ".join(str(error) for error in form.errors.get("text", [])))
    return redirect("grants_review_round", number=number, round=round)


def review_page(
    request: HttpRequest,
    number: str,
    round: int,  # noqa: A002
    position: int,
) -> HttpResponse:
    """One page as it was sent in a round, and Bufdir's comments on it (once decided)."""
    municipality, _project_, _access = _project(request, number)
    submission = selectors.round_in(municipality, round)
    page = selectors.page_in(submission, position) if submission else None
    if page is None or submission is None:
        raise Http404
    comments = (
        list(page.comments.select_related("author"))
        if submission.status != (SubmissionStatus.SUBMITTED)
        else []
    )
    return TemplateResponse(
        request,
        "grants/admin/review_page.html",
        {
            "municipality": municipality,
            "submission": submission,
            "page": page,
            # The page as our own templates rendered it when it was sent (rich text is
            # cleaned with nh3 when saved): shown as it was.
            "frozen_html": mark_safe(page.html),  # noqa: S308
            "comments": comments,
        },
    )
