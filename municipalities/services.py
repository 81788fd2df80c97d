"""Writes for municipalities: creating a tenant with its groups, permissions, workflow,
collection, site and a complete draft model from the template.

The content apps above this one build the model: the ``build_municipality_model`` hook (one
function, from samhandlingsmodell) makes the front page and the pages below it, and the
``after_municipality_create`` hooks (in their ``order``) add what else a new municipality gets
(themes and staff-only pages, the handlingsveileder). This app never imports them."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from municipalities.models import Municipality, WrittenStandard
from municipalities.register import counties, official_county, official_name

HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
APPROVER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def validate_new_municipality(
    *, number: str, name: str, language: str, host: str, fictional: bool
) -> list[str]:
    """Return every problem with the input, in Norwegian; an empty list means valid."""
    errors: list[str] = []
    if not re.fullmatch(r"\d{4}", number or ""):
        errors.append(_("The municipality number must be exactly four digits."))
    elif Municipality.objects.filter(number=number).exists():
        errors.append(
            _("A municipality with number %(number)s already exists.") % {"number": number}
        )
    elif not fictional and official_name(number) is None:
        errors.append(
            _("%(number)s is not in the official list of municipalities.") % {"number": number}
        )
    if not (name or "").strip():
        errors.append(_("The municipality must have a name."))
    if language not in WrittenStandard.values:
        errors.append(_("The written standard must be nb (bokmål) or nn (nynorsk)."))
    if not HOSTNAME_RE.fullmatch(host or ""):
        errors.append(_("The host name %(host)s is not valid.") % {"host": host})
    elif Site.objects.filter(hostname=host).exists():
        errors.append(_("The host name %(host)s is already in use.") % {"host": host})
    return errors


def _grant_page_permissions(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def _grant_collection_permissions(group: Group, collection: Collection) -> None:
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


def _build_model(name: str, number: str, language: str) -> Page:
    builders = hooks.get_hooks("build_municipality_model")
    if len(builders) != 1:
        raise ImproperlyConfigured(
            "Exactly one app must register the build_municipality_model hook "
            f"(found {len(builders)})."
        )
    return builders[0](Page.get_first_root_node(), name, number, language)


@transaction.atomic
def municipality_create(
    *,
    number: str,
    name: str,
    language: str,
    host: str,
    port: int = 80,
    fictional: bool = False,
    contact_email: str = "",
    contact_phone: str = "",
    county: str = "",
) -> Municipality:
    """Create a municipality with a complete draft model. Raises ValidationError on bad input;
    nothing is saved unless everything is. The county comes from the official list; a
    fictional municipality may name one (``county``)."""
    host = (host or "").strip().lower()
    number = (number or "").strip()
    errors = validate_new_municipality(
        number=number, name=name, language=language, host=host, fictional=fictional
    )
    county = official_county(number) or (county if fictional else "")
    if county and county not in counties():
        errors.append(_("%(county)s is not a county number.") % {"county": county})
    if errors:
        raise ValidationError(errors)
    name = name.strip()

    groups = {
        role: Group.objects.create(name=f"{name} ({number}) – {label}")
        for role, label in (
            ("editors", _("editors")),
            ("approvers", _("approvers")),
            ("staff", _("staff")),
        )
    }
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for role in ("editors", "approvers"):
        groups[role].permissions.add(access_admin)

    collection = Collection.get_first_root_node().add_child(name=f"{name} ({number})")

    home = _build_model(name, number, language)
    site = Site.objects.create(
        hostname=host, port=port, root_page=home, site_name=name, is_default_site=False
    )
    municipality = Municipality.objects.create(
        number=number,
        name=name,
        language=language,
        fictional=fictional,
        county=county,
        site=site,
        collection=collection,
        editors=groups["editors"],
        approvers=groups["approvers"],
        staff=groups["staff"],
        contact_email=contact_email,
        contact_phone=contact_phone,
    )

    _grant_page_permissions(groups["editors"], home, EDITOR_PAGE_PERMISSIONS)
    _grant_page_permissions(groups["approvers"], home, APPROVER_PAGE_PERMISSIONS)
    for role in ("editors", "approvers"):
        _grant_collection_permissions(groups[role], collection)

    workflow = Workflow.objects.create(name=_("Approval – %(name)s") % {"name": name})
    task = GroupApprovalTask.objects.create(name=_("Leader approval – %(name)s") % {"name": name})
    task.groups.set([groups["approvers"]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)

    for hook in hooks.get_hooks("after_municipality_create"):
        hook(municipality, home)

    for page in home.get_descendants(inclusive=True).specific():
        page.save_revision(log_action=False)
    return municipality


@transaction.atomic
def municipality_update_settings(
    municipality: Municipality,
    *,
    user: object,
    logo: object,
    contact_email: str,
    contact_phone: str,
    contact_address: str,
) -> Municipality:
    """Change the municipality's logo and contact details, and record who did it."""
    from wagtail.log_actions import log

    if logo is not None and getattr(logo, "collection_id", None) != municipality.collection_id:
        raise ValidationError(_("The logo must be an image of the municipality's own."))
    municipality.logo = logo  # type: ignore[assignment]
    municipality.contact_email = contact_email
    municipality.contact_phone = contact_phone
    municipality.contact_address = contact_address
    municipality.full_clean()
    municipality.save()
    log(municipality, "wagtail.edit", user=user)
    return municipality
