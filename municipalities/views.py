"""Admin view where editors and approvers keep their municipality's logo and contact current."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from municipalities.forms import MunicipalitySettingsForm
from municipalities.selectors import municipalities_administered_by
from municipalities.services import municipality_update_settings


def settings_index(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_administered_by(request.user))
    if len(municipalities) == 1:
        return redirect("municipality_settings", number=municipalities[0].number)
    return TemplateResponse(
        request, "municipalities/admin/settings_index.html", {"municipalities": municipalities}
    )


def settings_edit(request: HttpRequest, number: str) -> HttpResponse:
    municipality = municipalities_administered_by(request.user).filter(number=number).first()
    if municipality is None:
        raise Http404
    form = MunicipalitySettingsForm(request.POST or None, instance=municipality)
    if "logo" in form.fields:
        form.fields["logo"].queryset = form.fields["logo"].queryset.filter(  # type: ignore[attr-defined]
            collection=municipality.collection
        )
    if request.method == "POST" and form.is_valid():
        try:
            municipality_update_settings(
                municipality,
                user=request.user,
                logo=form.cleaned_data["logo"],
                contact_email=form.cleaned_data["contact_email"],
                contact_phone=form.cleaned_data["contact_phone"],
                contact_address=form.cleaned_data["contact_address"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The municipality's details are saved."))
            return redirect("municipality_settings", number=number)
    return TemplateResponse(
        request,
        "municipalities/admin/settings_edit.html",
        {"form": form, "municipality": municipality},
    )
