"""The national advisers' area on the national host (/tilskudd/, grants.views.national and
national_review). The municipality's side is in the Wagtail admin (hooks_review)."""

from django.urls import path

from grants.views import national, national_review

app_name = "grants"

urlpatterns = [
    path("", national.overview, name="overview"),
    path("<str:number>/", national.project, name="project"),
    path(
        "<str:number>/rapport/<str:kind>.pdf",
        national.report,
        {"file_format": "pdf"},
        name="report_pdf",
    ),
    path(
        "<str:number>/rapport/<str:kind>.docx",
        national.report,
        {"file_format": "docx"},
        name="report_docx",
    ),
    path("<str:number>/runder/<int:round>/", national_review.round_detail, name="round"),
    path(
        "<str:number>/runder/<int:round>/side/<int:position>/",
        national_review.round_page,
        name="round_page",
    ),
    path(
        "<str:number>/runder/<int:round>/kommentar/",
        national_review.comment_add,
        name="comment_add",
    ),
    path(
        "<str:number>/runder/<int:round>/kommentar/<int:comment_id>/slett/",
        national_review.comment_delete,
        name="comment_delete",
    ),
    path(
        "<str:number>/runder/<int:round>/vurderinger/",
        national_review.verdicts,
        name="verdicts",
    ),
    path("<str:number>/runder/<int:round>/vedtak/", national_review.decide, name="decide"),
]
