"""Wagtail hooks of Bufdir's approval on the municipality's side (imported by GrantsConfig.ready,
so that each part of the app keeps its own hooks)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import path
from wagtail import hooks

from grants import selectors
from grants.views import admin_review
from municipalities.models import Municipality
from samhandlingsmodell.selectors import is_restricted

VIEWS = ["grants_review_index", "grants_review_round", "grants_review_answer", "grants_review_page"]


@hooks.register("register_admin_urls")
def register_review_urls() -> list:
    return [
        path("tilskudd/<str:number>/bufdir/", admin_review.review_index, name=VIEWS[0]),
        path("tilskudd/<str:number>/bufdir/<int:round>/", admin_review.review_round, name=VIEWS[1]),
        path(
            "tilskudd/<str:number>/bufdir/<int:round>/svar/<int:comment_id>/",
            admin_review.review_answer,
            name=VIEWS[2],
        ),
        path(
            "tilskudd/<str:number>/bufdir/<int:round>/side/<int:position>/",
            admin_review.review_page,
            name=VIEWS[3],
        ),
    ]


@hooks.register("register_municipal_admin_views")
def open_review_to_municipal_users() -> list[str]:
    """Each view asks grants.access and looks rounds, comments and pages up inside the
    municipality of its number."""
    return VIEWS


@hooks.register("register_municipal_admin_arguments")
def review_arguments() -> dict[str, set[str]]:
    return {
        "grants_review_round": {"round"},
        "grants_review_answer": {"round", "comment_id"},
        "grants_review_page": {"round", "position"},
    }


@hooks.register("model_front_page_notices")
def approval_notice(request: HttpRequest, municipality: Municipality) -> str:
    """ "Godkjent av Bufdir <date>" on the model's front page, and what has been published
    since (one query without an approval, two with one)."""
    approval = selectors.approval_of(municipality)
    if approval is None:
        return ""
    # Staff-only pages are left out of what the public sees, as in every listing.
    changed = [page for page in approval.changed if not is_restricted(page, municipality)]
    return render_to_string(
        "grants/includes/public_approval.html",
        {"approval": approval, "changed": changed},
    )
