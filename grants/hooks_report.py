"""Wagtail hooks of the report to Bufdir on the municipality's side (imported by
GrantsConfig.ready): /admin/tilskudd/<number>/rapport/<kind>.pdf and .docx."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from grants.views import report

VIEWS = ["grants_report_pdf", "grants_report_docx"]


@hooks.register("register_admin_urls")
def register_report_urls() -> list:
    return [
        path("tilskudd/<str:number>/rapport/<str:kind>.pdf", report.report_pdf, name=VIEWS[0]),
        path("tilskudd/<str:number>/rapport/<str:kind>.docx", report.report_docx, name=VIEWS[1]),
    ]


@hooks.register("register_municipal_admin_views")
def open_report_to_municipal_users() -> list[str]:
    """The views ask grants.access and read only the project of the municipality of their
    number."""
    return VIEWS


@hooks.register("register_municipal_admin_arguments")
def report_arguments() -> dict[str, set[str]]:
    # ``kind`` names no row (status or slutt); the view 404s for any other value.
    return {name: {"kind"} for name in VIEWS}
