"""The editor guide for the handlingsveileder in the admin (the help menu links to it)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from samhandlingsmodell.admin_views import render_editor_guide


def handlingsveileder_guide(request: HttpRequest) -> HttpResponse:
    return render_editor_guide(
        request,
        _("Editor guide: the handlingsveileder"),
        "handlingsveileder/admin/guide/handlingsveileder",
    )
