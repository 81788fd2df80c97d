"""No admin view shows one municipality's editors, approvers or staff anything of another.

The test cannot go stale: it walks every admin URL pattern in the URL resolver (Wagtail's and
the project's, including any added later), fills its arguments with the other municipality's
page, draft, revision, workflow, task, document, image, upload, editing session and number,
requests it as each municipal role, and looks for the other municipality in the answer. Every
page title of the other municipality carries a token for the test's duration, so a leaked
title, draft, report row, chooser entry or API item is found wherever it appears.
"""

from __future__ import annotations

import contextlib
import html
import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Value
from django.db.models.functions import Concat
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, UploadedFile

from accounts.models import Unit
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage

pytestmark = pytest.mark.django_db

ROLES = ["redaktor", "godkjenner", "ansatt", "koordinator"]
SLUGS = {"9901": "eksempelvik", "9902": "fjordvik"}


@dataclass
class Other:
    """The other municipality, with an object of every kind the admin's URLs name."""

    municipality: Municipality
    token: str
    search_word: str
    ids: dict[str, list[object]]
    markers: tuple[str, ...]


def _pdf(name: str) -> ContentFile:
    return ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name=name)


def _png(name: str) -> ContentFile:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def _seed_other(municipality: Municipality) -> Other:
    token = f"zz{municipality.number}zz"
    home = municipality.site.root_page
    Page.objects.filter(path__startswith=home.path).update(
        title=Concat("title", Value(f" {token}")),
        draft_title=Concat("draft_title", Value(f" {token}")),
    )
    editor = User.objects.get(username=f"{SLUGS[municipality.number]}-redaktor")
    editor.first_name, editor.last_name = "Randi", f"Redaktør {token}"
    editor.save(update_fields=["first_name", "last_name"])
    page = ElementPage.objects.descendant_of(home).live().first()
    assert page is not None
    # A word of the page's title as the search index has it, to search the admin with.
    search_word = max(re.findall(r"\w{4,}", page.title.removesuffix(f" {token}")), key=len)
    page.title = f"Utkast {token}"
    revision = page.save_revision(user=editor, log_action=True)
    workflow = page.get_workflow()
    assert workflow is not None, "the demo gives every municipality's model a workflow"
    workflow_state = workflow.start(page, editor)
    task_state = workflow_state.current_task_state
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    document = get_document_model().objects.create(
        title=f"Dokument {token}", file=_pdf(f"{token}.pdf"), collection=municipality.collection
    )
    image = get_image_model().objects.create(
        title=f"Bilde {token}", file=_png(f"{token}.png"), collection=municipality.collection
    )
    upload = UploadedFile.objects.create(
        file=_pdf(f"opplasting-{token}.pdf"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=editor,
    )
    session = EditingSession.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    # A round with Bufdir, decided, with a comment the municipality may read and answer.
    from audit.services import SYSTEM
    from grants import services as grant_services
    from grants.services import milestones as grant_milestones
    from grants.services import project as grant_project
    from grants.services import training as grant_training
    from grants.services import weaknesses as grant_weaknesses

    submission = grant_services.submission_create(
        SYSTEM, municipality.grant_project, user=None, message=f"Melding {token}"
    )
    comment = grant_services.comment_add(
        SYSTEM, submission, user=None, text=f"Kommentar {token}", page=submission.pages.first()
    )
    grant_services.submission_decide(SYSTEM, submission, user=None, approve=False)
    # The project's own rows: a milestone, a group member, a training and a weakness.
    project = municipality.grant_project
    milestone = grant_milestones.milestone_add(
        SYSTEM, project, title=f"Milepæl {token}", due_date=timezone.localdate()
    )
    member = grant_project.member_add(
        SYSTEM, project, group="reference", name=f"Medlem {token}", represents=token
    )
    unit = Unit.objects.filter(municipality=municipality).first()
    assert unit is not None, "the demo gives every municipality units"
    training = grant_training.training_add(
        SYSTEM,
        project,
        unit=unit,
        held_on=timezone.localdate(),
        trained=3,
        staff_total=10,
        roles=f"Roller {token}",
    )
    weakness = grant_weaknesses.weakness_add(
        SYSTEM, project, description=f"Svakhet {token}", measure=f"Tiltak {token}", element=page
    )
    # The national roles page names an adviser's role and a project leader's membership.
    from accounts.models import NationalRole, StaffMembership, StaffRole

    national_role = NationalRole.objects.order_by("pk").first()
    leader = StaffMembership.objects.filter(
        municipality=municipality, role=StaffRole.PROJECT_LEADER
    ).first()
    assert national_role is not None and leader is not None
    ids: dict[str, list[object]] = {
        "milestone": [milestone.pk],
        "member": [member.pk],
        "training": [training.pk],
        "weakness": [weakness.pk],
        "national_role": [national_role.pk],
        "membership": [leader.pk],
        "round": [submission.round],
        "comment": [comment.pk],
        "position": [1],
        "page": [page.pk, home.pk],
        "home": [home.pk],
        "revision": [revision.pk],
        "document": [document.pk],
        "image": [image.pk],
        "collection": [municipality.collection_id],
        "workflow": [workflow.pk],
        "task": [task_state.task_id],
        "task_state": [task_state.pk],
        "workflow_state": [workflow_state.pk],
        "upload": [upload.pk],
        "session": [session.pk],
        "site": [municipality.site_id],
        "group": [municipality.editors_id, municipality.approvers_id, municipality.staff_id],
        "user": [editor.pk],
        "number": [municipality.number],
    }
    name = municipality.name.split()[0].lower()
    people = User.objects.filter(groups__in=ids["group"]).exclude(first_name="").distinct()
    names = tuple(person.get_full_name().lower() for person in people)
    markers = (token, name, municipality.site.hostname.lower(), *names)
    return Other(municipality, token, search_word, ids, markers)


# What each URL argument is filled with: lists of the other municipality's IDs (by kind) and,
# for arguments that name a page, also one of the user's own pages, so that mixed requests
# (move my page into theirs) are tried too.
_ARGUMENT_KINDS = {
    "page_id": ["page"],
    "page_to_move_id": ["page", "own_page"],
    "parent_page_id": ["home", "page"],
    "destination_id": ["home", "own_home"],
    "page_pk": ["page"],
    "object_id": ["page"],
    "pk": [
        "page",
        "revision",
        "document",
        "image",
        "collection",
        "workflow",
        "task",
        "site",
        "group",
        "user",
    ],
    "workflow_pk": ["workflow"],
    "revision_id": ["revision"],
    "revision_id_a": ["earliest", "revision"],
    "revision_id_b": ["latest", "revision"],
    "document_id": ["document"],
    "doc_id": ["document"],
    "image_id": ["image"],
    "collection_id": ["collection"],
    "task_id": ["task"],
    "task_state_id": ["task_state"],
    "workflow_state_id": ["workflow_state"],
    "uploaded_file_id": ["upload"],
    "session_id": ["session"],
    "redirect_id": ["nothing"],
    "number": ["number"],
    "round": ["round"],
    "comment_id": ["comment"],
    "role_id": ["national_role"],
    "membership_id": ["membership"],
    "position": ["position"],
    "kind": ["status", "slutt"],
    "milestone_id": ["milestone"],
    "member_id": ["member"],
    "training_id": ["training"],
    "weakness_id": ["weakness"],
    "action_name": ["approve", "reject", "copy"],
    "filter_spec": ["original"],
    "uidb64": ["MQ"],
    "token": ["x"],
}
# Arguments that come in pairs name a model.
_MODEL_PAIRS = [
    ("wagtailcore", "page"),
    ("samhandlingsmodell", "elementpage"),
    ("wagtaildocs", "document"),
    ("wagtailimages", "image"),
    ("wagtailcore", "groupapprovaltask"),
    ("auth", "user"),
]
_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _admin_patterns() -> Iterator[tuple[str, str]]:
    def walk(patterns: list, prefix: str, namespace: tuple[str, ...]) -> Iterator:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), ":".join((*namespace, pattern.name or ""))

    for route, name in walk(get_resolver().url_patterns, "", ()):
        if route.startswith("admin/"):
            yield route, name


def _bulk_actions() -> list[tuple[str, str, str]]:
    return [
        (model._meta.app_label, model._meta.model_name, action.action_type)
        for action in hooks.get_hooks("register_bulk_action")
        for model in action.models
    ]


def _fillings(route: str, values: dict[str, list[object]]) -> Iterator[dict[str, object]]:
    names = [a or b for a, b in _ARGUMENT.findall(route)]
    if {"app_label", "model_name", "action"} <= set(names):
        for app_label, model_name, action in _bulk_actions():
            yield {"app_label": app_label, "model_name": model_name, "action": action}
        return
    pairs: list[dict[str, object]] = [{}]
    for first, second in (
        ("app_label", "model_name"),
        ("app_name", "model_name"),
        ("content_type_app_name", "content_type_model_name"),
    ):
        if first in names and second in names:
            pairs = [{first: a, second: m} for a, m in _MODEL_PAIRS]
            names = [n for n in names if n not in (first, second)]
    choices = []
    for name in names:
        kinds = _ARGUMENT_KINDS.get(name)
        assert kinds is not None, (
            f"The admin URL {route!r} takes an argument {name!r} that this test does not know: "
            "add what it names to _ARGUMENT_KINDS (and judge it in municipalities/admin_guard.py)."
        )
        candidates = {str(v): v for kind in kinds for v in values.get(kind, [kind])}
        choices.append([(name, value) for value in candidates.values()])
    for pair in pairs:
        for combination in itertools.product(*choices):
            yield {**pair, **dict(combination)}


def _url(route: str, arguments: dict[str, object]) -> str:
    def fill(match: re.Match) -> str:
        return str(arguments[match.group(1) or match.group(2)])

    url = _ARGUMENT.sub(fill, route)
    url = url.replace("^", "").replace("$", "").replace(r"\.", ".").replace(".*", "x")
    return "/" + url


def _text(response) -> str:  # type: ignore[no-untyped-def]
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    text = body.decode(errors="replace")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text).lower()


def _requests(other: Other, own: Municipality) -> Iterator[tuple[str, str, bool]]:
    """Every admin URL with the other municipality's IDs, and (once per URL pattern) with the
    query strings that listings, choosers, search, bulk actions and the admin API read.
    The flag says whether to try the request on the other municipality's host too."""
    own_home = own.site.root_page
    own_page = Page.objects.child_of(own_home).first()
    assert own_page is not None
    values = {**other.ids, "own_home": [own_home.pk], "own_page": [own_page.pk]}
    home = other.ids["home"][0]
    id_list = "&".join(
        f"id={pk}" for kind in ("page", "document", "image") for pk in other.ids[kind]
    )
    queries = [
        f"?q={other.search_word}&child_of=root&parent_page_id={home}",
        f"?{id_list}",
        f"?id=all&childOf={home}&child_of={home}&descendant_of={home}",
    ]
    for route, name in _admin_patterns():
        for number, arguments in enumerate(_fillings(route, values)):
            url = _url(route, arguments)
            yield name, url, number == 0
            if number == 0:
                for query in queries:
                    yield name, url + query, False


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own_number", ["9901", "9902"])
def test_no_admin_view_shows_anything_of_another_municipality(role, own_number):
    own = Municipality.objects.get(number=own_number)
    other_number = next(n for n in SLUGS if n != own_number)
    other = _seed_other(Municipality.objects.get(number=other_number))
    user = User.objects.get(username=f"{SLUGS[own_number]}-{role}")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    own_name = user.get_full_name().lower()
    leaks = []
    hosts = (own.site.hostname, other.municipality.site.hostname)
    for name, url, on_both_hosts in _requests(other, own):
        for host in hosts if on_both_hosts else hosts[:1]:
            response = client.get(url, HTTP_HOST=host)
            if response.status_code >= 500:
                leaks.append(f"{url} on {host} ({name}): {response.status_code}")
                continue
            text = _text(response)
            # On the other municipality's own host its name and host name are public (the
            # page header of a 404 carries them); its titles and files are not.
            markers = other.markers if host == own.site.hostname else (other.token,)
            # The user's own name is no leak, even when someone there has the same (the two
            # demo project leaders are both Kim Koordinator).
            markers = tuple(marker for marker in markers if marker != own_name)
            found = [marker for marker in markers if marker in text]
            if found:
                leaks.append(f"{url} on {host} ({name}): {response.status_code} shows {found}")
    assert not leaks, "\n".join(leaks)


def test_the_test_finds_a_leak_when_the_guard_is_not_there(settings):
    """The markers are found when nothing stops them: as a national administrator, who may
    see everything, the other municipality's draft, document and workflow show up."""
    other = _seed_other(Municipality.objects.get(number="9902"))
    client = Client()
    client.force_login(User.objects.get(username="nasjonal-admin"))
    page_id = other.ids["page"][0]
    for url in (
        f"/admin/pages/search/?q={other.search_word}",
        f"/admin/pages/{other.ids['home'][0]}/",
        f"/admin/pages/{page_id}/edit/",
        "/admin/documents/",
        "/admin/reports/workflow/",
    ):
        text = _text(client.get(url, HTTP_HOST="eksempelvik.localhost"))
        assert other.token in text, url


@pytest.mark.parametrize(
    "url_name",
    [
        "/admin/",
        "/admin/pages/{home}/",
        "/admin/pages/{page}/edit/",
        "/admin/pages/search/?q=tiltak",
        "/admin/choose-page/",
        "/admin/choose-page/{home}/",
        "/admin/choose-page/chosen-multiple/?id={page}",
        "/admin/api/main/pages/?child_of={home}",
        "/admin/documents/",
        "/admin/documents/edit/{document}/",
        "/admin/images/{image}/",
        "/admin/documents/chooser/",
        "/admin/images/chooser/",
        "/admin/bulk/wagtaildocs/document/delete/?id={document}",
        "/admin/bulk/wagtailcore/page/publish/?id={page}&childOf={home}",
        "/admin/pages/{page}/history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/modellsjekk/9901/",
        "/admin/kommune/9901/",
    ],
)
def test_an_editor_still_reaches_everything_of_her_own_municipality(url_name):
    """The guard shuts out the other municipality, not the editor's own work."""
    own = _seed_other(Municipality.objects.get(number="9901"))
    client = Client()
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    url = url_name.format(
        home=own.ids["home"][0],
        page=own.ids["page"][0],
        document=own.ids["document"][0],
        image=own.ids["image"][0],
    )
    response = client.get(url, HTTP_HOST="eksempelvik.localhost")
    assert response.status_code == 200, url
    assert "fjordvik" not in _text(response)


def test_menus_offer_municipal_users_only_views_they_may_open():
    client = Client()
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    text = client.get("/admin/", HTTP_HOST="eksempelvik.localhost").content.decode()
    for closed in (
        "/admin/workflows/",
        "/admin/reports/workflow/",
        "/admin/forms/",
        "/admin/redirects/",
        "/admin/users/",
        "/admin/sites/",
    ):
        assert closed not in text, closed
    assert "/admin/modellsjekk/" in text
