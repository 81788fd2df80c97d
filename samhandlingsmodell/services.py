"""Writes for the model that are not done through the Wagtail editor."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage, ModelPage, NationalHomePage

NATIONAL_INTRO = (
    "<p>Samhandling samler kommunenes samhandlingsmodeller for tidlig innsats for utsatte barn "
    "og unge: hvem som kan hjelpe, hvilke tiltak som finnes, og hva du gjør når du er bekymret "
    "for et barn.</p>"
)


@transaction.atomic
def national_home_ensure(hostname: str = "localhost", port: int = 80) -> NationalHomePage:
    """Make the national front page the root of the default site (idempotent)."""
    existing = NationalHomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    home = NationalHomePage(title="Samhandling", slug="samhandling", intro=NATIONAL_INTRO)
    root.add_child(instance=home)
    home.save_revision(log_action=False).publish(log_action=False)
    site = Site.objects.filter(is_default_site=True).first()
    old_root_id = site.root_page_id if site else None
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Samhandling",
        )
    else:
        site.root_page = home
        site.hostname = hostname
        site.port = port
        site.site_name = "Samhandling"
        site.save()
    # Wagtail's welcome page is of no use here.
    if old_root_id:
        welcome = Page.objects.filter(pk=old_root_id, depth=2, content_type__model="page").first()
        if welcome is not None:
            welcome.delete()
    return home


@transaction.atomic
def model_publish_all(municipality: Municipality, reviewed: datetime.date | None = None) -> None:
    """Publish every page of a municipality's model (used for the demo municipalities)."""
    reviewed = reviewed or timezone.localdate()
    home = municipality.site.root_page
    for page in Page.objects.descendant_of(home, inclusive=True).order_by("path").specific():
        if isinstance(page, ModelPage):
            page.template_text = False
            if isinstance(page, ElementPage):
                page.last_reviewed = reviewed
        page.save_revision(log_action=False).publish(log_action=False)


@transaction.atomic
def model_submit_for_approval(municipality: Municipality, user: object) -> int:
    """Send every page of the model that has changes nobody has sent yet to the model's
    approval workflow, as ``user`` would one by one in the editor. Pages the user may not
    submit are left alone. Returns how many were sent."""
    from samhandlingsmodell.next_steps import pages_in_workflow

    home = municipality.site.root_page
    changed = list(
        Page.objects.descendant_of(home, inclusive=True)
        .filter(has_unpublished_changes=True)
        .order_by("path")
    )
    busy = pages_in_workflow([page.pk for page in changed])
    sent = 0
    for page in changed:
        if page.pk in busy or not page.permissions_for_user(user).can_submit_for_moderation():
            continue
        workflow = page.get_workflow()
        if workflow is None:
            continue
        workflow.start(page, user)
        sent += 1
    return sent


@transaction.atomic
def model_approve(municipality: Municipality, user: object) -> int:
    """Approve, as ``user``, every task of the model's pages that waits for the user's review
    (Wagtail publishes a page when its workflow's last task is approved). Returns how many
    pages were approved."""
    from wagtail.models import TaskState

    home = municipality.site.root_page
    page_ids = [
        str(pk)
        for pk in Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True)
    ]
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__object_id__in=page_ids)
        .select_related("task", "workflow_state")
        .order_by("workflow_state__object_id")
    )
    approved = 0
    for state in states:  # reviewable_by: tasks the user is a reviewer of, still in progress
        state.task.specific.on_action(state, user, "approve")
        approved += 1
    return approved
