"""The authorization matrix of the national advisers' area: every role × every national view
and action (GET and POST) × own municipality / another municipality / another region. Zero
leaks: a role outside a municipality's care gets 404 (or the login) and changes nothing; and
the advisers never reach a stafettlogg, on either demo municipality's site."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.models import NationalRole
from accounts.selectors import national_roles
from audit.services import SYSTEM
from devdata.management.commands.load_demo import DEMO_PASSWORD
from grants import services
from grants.access import GrantAction, access_for
from grants.models import CriterionReview, GrantProject, ReviewComment, Submission
from grants.selectors import national
from municipalities.models import Municipality
from stafettlogg.models import Log

from .national_clients import HOST_A, HOST_B, NATIONAL_HOST, verified_client

pytestmark = pytest.mark.django_db

# Who, with the municipalities (numbers) they may read on the national host and whether they
# may write there (comment, assess, decide). None: not logged in.
ROLES: dict[str, tuple[str | None, set[str], bool]] = {
    "anonymous": (None, set(), False),
    "superuser": ("nasjonal-admin", {"9901", "9902"}, False),
    "korus_own_region": ("korus-ost-radgiver", {"9901"}, False),
    "korus_other_region": ("korus-vest-radgiver", {"9902"}, False),
    "project_leader_own": ("eksempelvik-koordinator", set(), False),
    "project_leader_other": ("fjordvik-koordinator", set(), False),
    "municipal_editor": ("eksempelvik-redaktor", set(), False),
    "stafettlogg_staff": ("eksempelvik-stafettholder", set(), False),
    # Last: its writes succeed and change the rounds.
    "bufdir": ("bufdir-radgiver", {"9901", "9902"}, True),
}


@dataclass
class World:
    submissions: dict[str, Submission]
    comments: dict[str, ReviewComment]


@pytest.fixture
def world() -> World:
    bufdir = User.objects.get(username="bufdir-radgiver")
    submissions, comments = {}, {}
    for number in ("9901", "9902"):
        project = Municipality.objects.get(number=number).grant_project
        submissions[number] = services.submission_create(SYSTEM, project, user=None, message="")
        comments[number] = services.comment_add(
            SYSTEM, submissions[number], user=bufdir, text=f"Kommentar {number}"
        )
    return World(submissions, comments)


def _client(username: str | None) -> Client:
    if username is None:
        return Client(HTTP_HOST=NATIONAL_HOST)
    return verified_client(User.objects.get(username=username), NATIONAL_HOST)


def _reads(number: str) -> list[str]:
    return [
        f"/tilskudd/{number}/",
        f"/tilskudd/{number}/runder/1/",
        f"/tilskudd/{number}/runder/1/side/1/",
        f"/tilskudd/{number}/rapport/status.pdf",
        f"/tilskudd/{number}/rapport/slutt.docx",
    ]


def _writes(number: str, world: World) -> list[tuple[str, str, dict[str, str]]]:
    comment = world.comments[number].pk
    code = world.submissions[number].modellsjekk[0]["code"]
    base = f"/tilskudd/{number}/runder/1"
    return [
        ("post", f"{base}/kommentar/", {"text": "Matrise", "criterion": code}),
        ("post", f"{base}/kommentar/", {"text": "Matrise side", "position": "1"}),
        ("post", f"{base}/vurderinger/", {f"verdict-{code}": "met"}),
        ("get", f"{base}/kommentar/{comment}/slett/", {}),
        ("get", f"{base}/vedtak/", {}),
        ("post", f"{base}/kommentar/{comment}/slett/", {}),
        ("post", f"{base}/vedtak/", {"decision": "changes", "note": "Endre"}),
    ]


def _state() -> tuple[int, int, list[str]]:
    return (
        ReviewComment.objects.count(),
        CriterionReview.objects.count(),
        list(Submission.objects.order_by("pk").values_list("status", flat=True)),
    )


def _refused(response: object, role: str) -> bool:
    status = response.status_code  # type: ignore[attr-defined]
    if role == "anonymous":
        return status == 302 and response["Location"].startswith(reverse("accounts:login"))  # type: ignore[index]
    return status == 404


def test_every_role_reaches_exactly_what_it_may_on_the_national_host(world: World) -> None:
    leaks = []
    for role, (username, readable, writes) in ROLES.items():
        client = _client(username)
        overview = client.get("/tilskudd/")
        if readable:
            if overview.status_code != 200:
                leaks.append((role, "/tilskudd/", overview.status_code))
        elif not _refused(overview, role):
            leaks.append((role, "/tilskudd/", overview.status_code))
        for number in ("9901", "9902"):
            for url in _reads(number):
                response = client.get(url)
                ok = response.status_code == 200 if number in readable else _refused(response, role)
                if not ok:
                    leaks.append((role, url, response.status_code))
            before = _state()
            for method, url, data in _writes(number, world):
                response = getattr(client, method)(url, data)
                if writes:
                    ok = response.status_code in (200, 302) and not _refused(response, role)
                else:
                    ok = _refused(response, role)
                if not ok:
                    leaks.append((role, f"{method.upper()} {url}", response.status_code))
            if not writes and _state() != before:
                leaks.append((role, f"writes to {number} changed something", 0))
    assert leaks == []
    # Bufdir's writes went through: a comment on a criterion and a page each, the other
    # comment deleted, a verdict and the decision.
    for number in ("9901", "9902"):
        submission = world.submissions[number]
        submission.refresh_from_db()
        assert submission.status == "changes"
        assert not ReviewComment.objects.filter(pk=world.comments[number].pk).exists()
        assert ReviewComment.objects.filter(submission=submission).count() == 2
        assert CriterionReview.objects.filter(submission=submission, verdict="met").count() == 1


def test_the_overview_lists_exactly_the_municipalities_access_allows() -> None:
    projects = list(GrantProject.objects.select_related("municipality"))
    for role, (username, _readable, _writes) in ROLES.items():
        if username is None:
            continue
        user = User.objects.get(username=username)
        roles = national_roles(user)
        if not roles.any and not user.is_superuser:
            continue
        listed = {
            project.municipality.number
            for project in national.projects_in_care(national.care_of(user, roles))
        }
        allowed = {
            project.municipality.number
            for project in projects
            if access_for(user, project.municipality).can(GrantAction.VIEW_PROJECT)
        }
        assert listed == allowed, role


def test_municipal_users_find_no_advisers_area_on_their_own_site() -> None:
    for username, host in (
        ("eksempelvik-koordinator", HOST_A),
        ("eksempelvik-redaktor", HOST_A),
        ("fjordvik-koordinator", HOST_B),
    ):
        client = verified_client(User.objects.get(username=username), host)
        for url in ("/tilskudd/", "/tilskudd/9901/", "/tilskudd/9902/"):
            assert client.get(url).status_code == 404, (username, url)


def _stafettlogg_urls(number: str) -> list[str]:
    log = Log.objects.filter(municipality__number=number).exclude(status="draft").first()
    assert log is not None
    return [
        "/stafettlogg/",
        "/stafettlogg/ny/",
        "/stafettlogg/enhet/",
        "/stafettlogg/administrasjon/",
        f"/stafettlogg/{log.pk}/",
        f"/stafettlogg/{log.pk}/tidslinje/",
    ]


ADVISERS = ["bufdir-radgiver", "korus-ost-radgiver", "korus-vest-radgiver"]


@pytest.mark.parametrize("username", ADVISERS)
def test_advisers_never_reach_a_stafettlogg(username: str) -> None:
    user = User.objects.get(username=username)
    assert NationalRole.objects.filter(user=user).exists()
    national_session = verified_client(user, NATIONAL_HOST)
    for host, number in ((HOST_A, "9901"), (HOST_B, "9902")):
        for url in _stafettlogg_urls(number):
            # The national login does not hold on a municipality's site ...
            response = national_session.get(url, HTTP_HOST=host)
            assert response.status_code == 302, (host, url)
            assert response["Location"].startswith(reverse("accounts:login"))
            # ... and there is no stafettlogg on the national host.
            assert national_session.get(url).status_code == 404, url
        # Logging in on the municipality's site is refused.
        there = Client(HTTP_HOST=host)
        there.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
        assert "_auth_user_id" not in there.session
        assert there.get("/stafettlogg/").status_code == 302
        # Even a session made there by other means reads no log (stafettlogg.access). (The
        # user is read again: checking the password above may have re-hashed it.)
        forced = verified_client(User.objects.get(pk=user.pk), host)
        for url in _stafettlogg_urls(number)[4:]:
            assert forced.get(url).status_code in (403, 404), (host, url)
