"""Draft, submit, approve by a leader, publish; revisions and scheduled publishing."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def element():
    home = Municipality.objects.get(number="9901").site.root_page
    return ElementPage.objects.descendant_of(home).live().first()


def edit_data(page, **changes):
    """POST data for the Wagtail edit form of an element, as a browser would send it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "element_type": page.element_type,
        "dimension": page.dimension,
        "summary": page.summary,
        "body": rich_text(page.body),
        "responsible_role": page.responsible_role,
        "documents": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_editor_cannot_publish_but_can_submit_for_approval(client, element):
    editor = User.objects.get(username="eksempelvik-redaktor")
    assert not element.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[element.pk])
    response = client.post(url, edit_data(element, title="Ny tittel", **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    element.refresh_from_db()
    assert element.title != "Ny tittel", "the live page is unchanged until approved"
    assert element.has_unpublished_changes
    workflow_state = element.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"


def test_approver_approves_and_the_change_is_published(client, element):
    editor = User.objects.get(username="eksempelvik-redaktor")
    approver = User.objects.get(username="eksempelvik-godkjenner")
    revision = element.save_revision(user=editor)
    element.get_workflow().start(element, editor)
    element.refresh_from_db()
    task_state = element.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(element, approver)
    assert not task_state.task.specific.user_can_access_editor(
        element, User.objects.get(username="fjordvik-godkjenner")
    )
    task_state.task.specific.on_action(task_state, approver, "approve")
    element.refresh_from_db()
    assert element.live_revision_id == revision.pk
    assert element.current_workflow_state is None


def test_editing_clears_the_template_text_mark(client):
    home = Municipality.objects.get(number="9901").site.root_page
    element = ElementPage.objects.descendant_of(home).first()
    element.template_text = True
    element.save_revision().publish()
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    url = reverse("wagtailadmin_pages:edit", args=[element.pk])
    response = client.post(url, edit_data(element, summary="Tilpasset oppsummering"))
    assert response.status_code == 302
    element.refresh_from_db()
    latest = element.get_latest_revision_as_object()
    assert latest.summary == "Tilpasset oppsummering"
    assert latest.template_text is False


def test_script_in_rich_text_is_removed(client, element):
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    body = (
        '{"blocks":[{"key":"a","type":"unstyled","depth":0,'
        '"text":"<script>alert(1)</script>","inlineStyleRanges":[],"entityRanges":[]}],'
        '"entityMap":{}}'
    )
    url = reverse("wagtailadmin_pages:edit", args=[element.pk])
    assert client.post(url, edit_data(element, body=body)).status_code == 302
    element.refresh_from_db()
    latest = element.get_latest_revision_as_object()
    assert "&lt;script&gt;" in latest.body
    assert "<script>" not in latest.body
    element.body = '<p>Hei</p><script>alert("x")</script><a href="javascript:alert(1)">x</a>'
    element.save()
    element.refresh_from_db()
    assert "script" not in element.body and "javascript:" not in element.body


def test_revision_history_and_compare_are_available(client, element):
    approver = User.objects.get(username="eksempelvik-godkjenner")
    first = element.latest_revision
    element.title = "Endret"
    second = element.save_revision(user=approver)
    client.force_login(approver)
    history = client.get(reverse("wagtailadmin_pages:history", args=[element.pk]))
    assert history.status_code == 200
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[element.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200
    assert "Endret" in compare.content.decode()


def test_preview_renders_in_the_municipality_language(client):
    home = Municipality.objects.get(number="9902").site.root_page
    element = ElementPage.objects.descendant_of(home).first()
    client.force_login(User.objects.get(username="fjordvik-redaktor"))
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[element.pk]))
    assert response.status_code == 200
    assert 'lang="nn"' in response.content.decode()


def test_scheduled_publishing(element):
    approver = User.objects.get(username="eksempelvik-godkjenner")
    element.title = "Publiseres senere"
    element.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    revision = element.save_revision(user=approver, approved_go_live_at=element.go_live_at)
    revision.publish(user=approver)
    element.refresh_from_db()
    assert element.title != "Publiseres senere"
    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    element.refresh_from_db()
    assert element.title == "Publiseres senere"
