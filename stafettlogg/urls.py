from django.urls import path

from stafettlogg import views

app_name = "stafettlogg"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ny/", views.log_new, name="log_new"),
    path("enhet/", views.unit_page, name="unit"),
    path("administrasjon/", views.administration, name="administration"),
    path("<str:log_id>/", views.log_detail, name="log"),
    path("<str:log_id>/tidslinje/", views.log_timeline, name="timeline"),
    path("<str:log_id>/innsyn/", views.access_history, name="access_history"),
    path("<str:log_id>/foresatte/ny/", views.guardian_add, name="guardian_add"),
    path("<str:log_id>/samtykke/ny/", views.consent_new, name="consent_new"),
    path("<str:log_id>/samtykke/trekk/", views.consent_withdraw, name="consent_withdraw"),
    path("<str:log_id>/samtykke/<str:consent_id>/skjema/", views.consent_file, name="consent_file"),
    path("<str:log_id>/start/", views.log_activate, name="activate"),
    path("<str:log_id>/deltakere/ny/", views.participant_add, name="participant_add"),
    path("<str:log_id>/tiltak/ny/", views.measure_add, name="measure_add"),
    path(
        "<str:log_id>/tiltak/<str:measure_id>/evaluering/",
        views.evaluation_add,
        name="evaluation_add",
    ),
    path(
        "<str:log_id>/tiltak/<str:measure_id>/status/", views.measure_status, name="measure_status"
    ),
    path("<str:log_id>/stafett/", views.handover_propose, name="handover_propose"),
    path("<str:log_id>/stafett/svar/", views.handover_respond, name="handover_respond"),
    path("<str:log_id>/stafett/trekk/", views.handover_cancel, name="handover_cancel"),
    path(
        "<str:log_id>/foresatte/<str:guardian_id>/fjern/",
        views.guardian_remove,
        name="guardian_remove",
    ),
    path(
        "<str:log_id>/deltakere/<str:participant_id>/fjern/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("<str:log_id>/avslutt/", views.log_close, name="close"),
    path("<str:log_id>/arkiv.pdf", views.archive_download, name="archive"),
    path("<str:log_id>/eksport.json", views.export_json, name="export"),
    path("<str:log_id>/ny/<slug:kind>/", views.entry_add, name="entry_add"),
]
