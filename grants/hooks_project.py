"""Wagtail hooks of the grant project on the municipality's side: its admin views, the menu
item and the dashboard panel (imported by GrantsConfig.ready, like hooks_review)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from grants.dashboard import ProjectPanel
from grants.views import admin_milestones, admin_project, admin_training, admin_weaknesses

_ROOT = "tilskudd/<str:number>/"
URLS: list[tuple[str, Callable[..., HttpResponse], str]] = [
    ("tilskudd/", admin_project.project_index, "grants_project_index"),
    (_ROOT, admin_project.project_detail, "grants_project"),
    (_ROOT + "vedtak/", admin_project.project_register_view, "grants_project_register"),
    (_ROOT + "rediger/", admin_project.project_edit, "grants_project_edit"),
    (_ROOT + "grupper/", admin_project.members, "grants_members"),
    (_ROOT + "grupper/<int:member_id>/fjern/", admin_project.member_delete, "grants_member_delete"),
    (_ROOT + "milepaeler/ny/", admin_milestones.milestone_add_view, "grants_milestone_add"),
    (_ROOT + "milepaeler/<int:milestone_id>/", admin_milestones.milestone_edit, "grants_milestone"),
    (
        _ROOT + "milepaeler/<int:milestone_id>/ferdig/",
        admin_milestones.milestone_done_view,
        "grants_milestone_done",
    ),
    (
        _ROOT + "milepaeler/<int:milestone_id>/slett/",
        admin_milestones.milestone_delete_view,
        "grants_milestone_delete",
    ),
    (_ROOT + "opplaering/", admin_training.training_index, "grants_training"),
    (_ROOT + "opplaering/ny/", admin_training.training_add_view, "grants_training_add"),
    (
        _ROOT + "opplaering/<int:training_id>/",
        admin_training.training_edit,
        "grants_training_edit",
    ),
    (
        _ROOT + "opplaering/<int:training_id>/slett/",
        admin_training.training_delete_view,
        "grants_training_delete",
    ),
    (_ROOT + "svakheter/", admin_weaknesses.weakness_index, "grants_weaknesses"),
    (_ROOT + "svakheter/ny/", admin_weaknesses.weakness_add_view, "grants_weakness_add"),
    (
        _ROOT + "svakheter/<int:weakness_id>/",
        admin_weaknesses.weakness_edit,
        "grants_weakness_edit",
    ),
    (
        _ROOT + "svakheter/<int:weakness_id>/slett/",
        admin_weaknesses.weakness_delete_view,
        "grants_weakness_delete",
    ),
]
VIEWS = [name for _route, _view, name in URLS]


@hooks.register("register_admin_urls")
def register_project_urls() -> list:
    return [path(route, view, name=name) for route, view, name in URLS]


@hooks.register("register_municipal_admin_views")
def open_project_to_municipal_users() -> list[str]:
    """Each view asks grants.access (through admin_project.load) and looks members,
    milestones, trainings and weaknesses up inside the municipality of its number."""
    return VIEWS


@hooks.register("register_municipal_admin_arguments")
def project_arguments() -> dict[str, set[str]]:
    return {
        "grants_member_delete": {"member_id"},
        "grants_milestone": {"milestone_id"},
        "grants_milestone_done": {"milestone_id"},
        "grants_milestone_delete": {"milestone_id"},
        "grants_training_edit": {"training_id"},
        "grants_training_delete": {"training_id"},
        "grants_weakness_edit": {"weakness_id"},
        "grants_weakness_delete": {"weakness_id"},
    }


class ProjectMenuItem(MenuItem):
    """Shown to those who may read a municipality's grant project (national administrators
    see every municipality's)."""

    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or bool(admin_project.project_access(request))


@hooks.register("register_admin_menu_item")
def register_project_menu_item() -> MenuItem:
    return ProjectMenuItem(
        _("Grant project"), reverse("grants_project_index"), icon_name="date", order=260
    )


@hooks.register("construct_homepage_panels")
def add_project_panel(request: HttpRequest, panels: list) -> None:
    panels.append(ProjectPanel())
