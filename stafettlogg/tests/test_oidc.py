"""Login with OpenID Connect, end to end against a real OpenID Provider on loopback (the npm
package `oidc-provider`, see oidc_op.py): ID-porten for guardians and youth, the
municipality's identity provider for staff; PKCE, state and nonce; forged tokens refused;
logout at both ends."""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from accounts import oidc
from accounts.models import ExternalLogin, PersonIdentity
from audit.models import AuditEvent
from audit.services import SYSTEM
from devdata.log_demo import demo_fnr
from stafettlogg import services

from .conftest import HOST_A, World
from .oidc_op import OpenIDProvider, ProviderBrowser

APP = f"http://{HOST_A}"
IDPORTEN_CALLBACK = f"{APP}/stafettlogg/logg-inn/idporten/svar/"
STAFF_CALLBACK = f"{APP}/stafettlogg/logg-inn/staff/svar/"
LOGIN_PAGE = f"{APP}/stafettlogg/logg-inn/"

GUARDIAN_FNR = demo_fnr(date(1985, 6, 1), 200)  # the World's guardian (has an account)
NEW_GUARDIAN_FNR = demo_fnr(date(1990, 3, 3), 120)
STRANGER_FNR = demo_fnr(date(1970, 1, 1), 150)


def youth_fnr() -> str:
    return demo_fnr(date(timezone.localdate().year - 16, 1, 15), 600)


@pytest.fixture(scope="module")
def idporten(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenIDProvider]:
    accounts = {
        name: {"sub": f"idporten-{name}", "claims": {"pid": fnr}}
        for name, fnr in {
            "gro": GUARDIAN_FNR,
            "ny": NEW_GUARDIAN_FNR,
            "stig": STRANGER_FNR,
            "yngve": youth_fnr(),
        }.items()
    }
    with OpenIDProvider(
        tmp_path_factory.mktemp("idporten"),
        client_id="samhandling-idporten",
        client_secret="idporten-test-secret",
        redirect_uris=[IDPORTEN_CALLBACK],
        post_logout_redirect_uris=[LOGIN_PAGE],
        accounts=accounts,
        acr="idporten-loa-substantial",
    ) as op:
        yield op


@pytest.fixture(scope="module")
def staff_idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenIDProvider]:
    def account(sub: str, email: str, verified: bool = True) -> dict[str, Any]:
        claims = {"email": email, "email_verified": verified, "name": "Test Ansatt"}
        return {"sub": sub, "claims": claims}

    with OpenIDProvider(
        tmp_path_factory.mktemp("staff"),
        client_id="samhandling-ansatt",
        client_secret="staff-test-secret",
        redirect_uris=[STAFF_CALLBACK],
        post_logout_redirect_uris=[LOGIN_PAGE],
        accounts={
            "kari": account("entra-kari", "Kari.Holder@Eksempelvik.test"),
            "ukjent": account("entra-ukjent", "ukjent@eksempelvik.test"),
            "uverifisert": account("entra-uverifisert", "kari.holder@eksempelvik.test", False),
            "fjordvik": account("entra-fjordvik", "framand@fjordvik.test"),
        },
    ) as op:
        yield op


@pytest.fixture
def providers(
    settings: Any, idporten: OpenIDProvider, staff_idp: OpenIDProvider
) -> Iterator[dict[str, OpenIDProvider]]:
    def config(op: OpenIDProvider, client_id: str, secret: str, scope: str) -> dict[str, Any]:
        return {
            "issuer": op.issuer,
            "client_id": client_id,
            "client_secret": secret,
            "scope": scope,
            "token_endpoint_auth_method": "client_secret_basic",
            "acr_values": [],
            "municipalities": [],
        }

    settings.SAMHANDLING_OIDC_PROVIDERS = {
        "idporten": config(
            idporten, "samhandling-idporten", "idporten-test-secret", "openid profile"
        )
        | {"acr_values": ["idporten-loa-substantial", "idporten-loa-high"]},
        "staff": config(staff_idp, "samhandling-ansatt", "staff-test-secret", "openid email"),
    }
    yield {"idporten": idporten, "staff": staff_idp}
    idporten.tamper = staff_idp.tamper = None
    idporten.forge_signature = False


def start(client: Client, provider: str, next_path: str = "") -> str:
    query = f"?next={urllib.parse.quote(next_path)}" if next_path else ""
    response = client.get(f"/stafettlogg/logg-inn/{provider}/{query}")
    assert response.status_code == 302, response.content[:300]
    return str(response["Location"])


def finish(client: Client, callback_url: str) -> Any:
    parts = urllib.parse.urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def log_in(client: Client, provider: str, username: str, browser: ProviderBrowser | None = None):
    browser = browser or ProviderBrowser()
    stop_at = IDPORTEN_CALLBACK if provider == "idporten" else STAFF_CALLBACK
    return finish(client, browser.log_in(start(client, provider), username, stop_at))


def logged_in_user(client: Client) -> User | None:
    response = client.get("/stafettlogg/")
    if response.status_code != 200:
        return None
    return response.wsgi_request.user  # type: ignore[return-value]


# -- ID-porten -------------------------------------------------------------------------------


def test_the_login_page_offers_id_porten_and_the_staff_login(world: World, providers) -> None:
    page = Client(HTTP_HOST=HOST_A).get("/stafettlogg/logg-inn/").content.decode()
    assert "Logg inn med ID-porten" in page
    assert "/stafettlogg/logg-inn/staff/" in page
    assert 'name="password"' in page  # password + TOTP stays


def test_authorization_request_uses_pkce_state_nonce_and_the_security_level(
    world: World, providers
) -> None:
    url = start(Client(HTTP_HOST=HOST_A), "idporten")
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert url.startswith(providers["idporten"].issuer)
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43
    assert len(params["state"][0]) >= 20 and len(params["nonce"][0]) >= 20
    assert params["acr_values"] == ["idporten-loa-substantial"]
    assert params["redirect_uri"] == [IDPORTEN_CALLBACK]
    assert params["ui_locales"] == ["nb"]


def test_the_provider_refuses_a_request_without_pkce(world: World, providers) -> None:
    """The provider requires PKCE, so every successful login here proves the verifier."""
    query = urllib.parse.urlencode(
        {
            "client_id": "samhandling-idporten",
            "response_type": "code",
            "scope": "openid",
            "redirect_uri": IDPORTEN_CALLBACK,
            "state": "s" * 20,
        }
    )
    back = ProviderBrowser().log_in(
        f"{providers['idporten'].issuer}/auth?{query}", "gro", IDPORTEN_CALLBACK
    )
    assert "error=invalid_request" in back and "code=" not in back


def test_guardian_logs_in_with_id_porten_and_sees_the_log(world: World, providers) -> None:
    client = Client(HTTP_HOST=HOST_A)
    response = log_in(client, "idporten", "gro")
    assert response.status_code == 302
    assert response["Location"] == "/stafettlogg/"
    page = client.get("/stafettlogg/").content.decode()
    assert "Testbarn Ett" in page and "Testbarn To" not in page
    assert client.get(f"/stafettlogg/{world.log.pk}/").status_code == 200
    assert logged_in_user(client) == world.users["guardian"]
    event = AuditEvent.objects.filter(action="auth.login").latest("seq")
    assert event.actor_id == world.users["guardian"].pk
    assert event.detail == {"method": "idporten"}
    # The ID token (which holds the fødselsnummer) is kept encrypted in the session.
    assert GUARDIAN_FNR not in str(dict(client.session))
    assert not client.session[oidc.SESSION_KEY]["id_token"].startswith("ey")


def test_login_returns_to_the_page_asked_for(world: World, providers) -> None:
    client = Client(HTTP_HOST=HOST_A)
    target = f"/stafettlogg/{world.log.pk}/tidslinje/"
    url = start(client, "idporten", next_path=target)
    response = finish(client, ProviderBrowser().log_in(url, "gro", IDPORTEN_CALLBACK))
    assert response["Location"] == target


def test_a_new_guardian_gets_an_account_at_the_first_login_and_keeps_it(
    world: World, providers
) -> None:
    services.guardian_add(SYSTEM, world.log, name="Nina Ny Foresatt", fnr=NEW_GUARDIAN_FNR)
    users_before = User.objects.count()
    client = Client(HTTP_HOST=HOST_A)
    assert log_in(client, "idporten", "ny").status_code == 302
    user = logged_in_user(client)
    assert user is not None and user.get_full_name() == "Nina Ny Foresatt"
    assert not user.has_usable_password()
    assert User.objects.count() == users_before + 1
    assert "Testbarn Ett" in client.get("/stafettlogg/").content.decode()
    again = Client(HTTP_HOST=HOST_A)
    log_in(again, "idporten", "ny")
    assert logged_in_user(again) == user
    assert User.objects.count() == users_before + 1


def test_a_youth_of_a_log_gets_in_with_id_porten(world: World, providers) -> None:
    PersonIdentity.objects.filter(user=world.users["youth"]).delete()
    client = Client(HTTP_HOST=HOST_A)
    assert log_in(client, "idporten", "yngve").status_code == 302
    assert client.get(f"/stafettlogg/{world.log.pk}/").status_code == 200


def test_a_person_without_logs_is_refused_and_no_account_is_made(world: World, providers) -> None:
    PersonIdentity.objects.filter(user=world.users["stranger"]).delete()
    users_before = User.objects.count()
    client = Client(HTTP_HOST=HOST_A)
    response = log_in(client, "idporten", "stig")
    assert response.status_code == 403
    assert "Vi fant ingen stafettlogg" in response.content.decode()
    assert STRANGER_FNR not in response.content.decode()
    assert User.objects.count() == users_before
    assert logged_in_user(client) is None
    event = AuditEvent.objects.filter(action="auth.refused").latest("seq")
    assert event.detail == {"reason": "no_logs"} and event.actor_id is None


def test_a_too_low_security_level_is_refused(world: World, providers, settings) -> None:
    settings.SAMHANDLING_OIDC_PROVIDERS["idporten"]["acr_values"] = ["idporten-loa-high"]
    client = Client(HTTP_HOST=HOST_A)
    response = log_in(client, "idporten", "gro")
    assert response.status_code == 403
    assert "høyere sikkerhetsnivå" in response.content.decode()
    assert logged_in_user(client) is None


# -- forged and replayed answers -------------------------------------------------------------


TAMPERING = {
    "another audience": lambda c: c | {"aud": "another-client"},
    "another issuer": lambda c: c | {"iss": "https://evil.example"},
    "expired": lambda c: c | {"iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600},
    "another nonce": lambda c: c | {"nonce": "not-the-one-we-sent"},
}


@pytest.mark.parametrize("case", [*TAMPERING, "forged signature"])
def test_forged_id_tokens_are_refused(world: World, providers, case: str) -> None:
    op = providers["idporten"]
    if case == "forged signature":
        op.forge_signature = True
    else:
        op.tamper = TAMPERING[case]
    client = Client(HTTP_HOST=HOST_A)
    response = log_in(client, "idporten", "gro")
    assert response.status_code == 400, case
    assert "Innloggingen kunne ikke fullføres" in response.content.decode()
    assert logged_in_user(client) is None
    assert AuditEvent.objects.filter(action="auth.refused").latest("seq").detail == {
        "reason": "protocol"
    }


def test_the_unchanged_token_through_the_same_proxy_is_accepted(world: World, providers) -> None:
    """The control for the test above: re-signing with the provider's key and no change."""
    providers["idporten"].tamper = lambda claims: claims
    client = Client(HTTP_HOST=HOST_A)
    assert log_in(client, "idporten", "gro").status_code == 302
    assert logged_in_user(client) == world.users["guardian"]


def test_state_must_match_the_session_and_is_used_once(world: World, providers) -> None:
    client = Client(HTTP_HOST=HOST_A)
    callback = ProviderBrowser().log_in(start(client, "idporten"), "gro", IDPORTEN_CALLBACK)
    parts = urllib.parse.urlsplit(callback)
    params = urllib.parse.parse_qs(parts.query)
    # Another browser (an attacker's session) cannot use this code and state.
    other = Client(HTTP_HOST=HOST_A)
    assert finish(other, callback).status_code == 400
    assert logged_in_user(other) is None
    # A changed state is refused.
    changed = urllib.parse.urlencode({"code": params["code"][0], "state": "x" * 30})
    assert client.get(f"{parts.path}?{changed}").status_code == 400
    # The right one works once; a replay is refused.
    assert finish(client, callback).status_code == 302
    client.post("/stafettlogg/logg-ut/")
    assert finish(client, callback).status_code == 400


def test_an_error_from_the_provider_is_shown_as_a_plain_page(world: World, providers) -> None:
    client = Client(HTTP_HOST=HOST_A)
    url = start(client, "idporten")
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["state"][0]
    response = client.get(
        "/stafettlogg/logg-inn/idporten/svar/",
        {"error": "access_denied", "state": state},
    )
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()


def test_a_provider_that_does_not_answer_gives_a_clear_page(
    world: World, providers, settings
) -> None:
    settings.SAMHANDLING_OIDC_PROVIDERS["idporten"]["issuer"] = "http://127.0.0.1:9"
    response = Client(HTTP_HOST=HOST_A).get("/stafettlogg/logg-inn/idporten/")
    assert response.status_code == 502
    assert "Innloggingen kunne ikke fullføres" in response.content.decode()


def test_a_provider_not_configured_or_not_for_this_municipality_is_not_found(
    world: World, providers, settings
) -> None:
    assert Client(HTTP_HOST=HOST_A).get("/stafettlogg/logg-inn/feide/").status_code == 404
    settings.SAMHANDLING_OIDC_PROVIDERS["staff"]["municipalities"] = ["9902"]
    client = Client(HTTP_HOST=HOST_A)
    assert client.get("/stafettlogg/logg-inn/staff/").status_code == 404
    assert (
        "/stafettlogg/logg-inn/staff/" not in client.get("/stafettlogg/logg-inn/").content.decode()
    )


# -- staff -----------------------------------------------------------------------------------


def _kari(world: World) -> User:
    holder = world.users["holder"]
    holder.email = "kari.holder@eksempelvik.test"
    holder.save()
    return holder


def test_staff_are_linked_by_verified_email_and_then_known_by_subject(
    world: World, providers
) -> None:
    holder = _kari(world)
    client = Client(HTTP_HOST=HOST_A)
    assert log_in(client, "staff", "kari").status_code == 302
    assert logged_in_user(client) == holder
    assert "Testbarn Ett" in client.get("/stafettlogg/").content.decode()
    link = ExternalLogin.objects.get(user=holder)
    assert link.issuer == providers["staff"].issuer and link.subject == "entra-kari"
    # Later logins use the link, not the e-mail address.
    holder.email = "kari@ny-adresse.test"
    holder.save()
    again = Client(HTTP_HOST=HOST_A)
    assert log_in(again, "staff", "kari").status_code == 302
    assert logged_in_user(again) == holder
    assert AuditEvent.objects.filter(action="auth.login").latest("seq").detail == {
        "method": "staff"
    }


@pytest.mark.parametrize("username", ["ukjent", "uverifisert", "fjordvik"])
def test_unknown_staff_are_refused_and_never_created(
    world: World, providers, username: str
) -> None:
    _kari(world)
    world.users["foreign"].email = "framand@fjordvik.test"
    world.users["foreign"].save()
    users_before = User.objects.count()
    client = Client(HTTP_HOST=HOST_A)
    response = log_in(client, "staff", username)
    assert response.status_code == 403
    assert "ikke knyttet til en bruker i stafettloggen" in response.content.decode()
    assert User.objects.count() == users_before
    assert not ExternalLogin.objects.exists()
    assert logged_in_user(client) is None


def test_a_deactivated_staff_account_is_refused(world: World, providers) -> None:
    holder = _kari(world)
    log_in(Client(HTTP_HOST=HOST_A), "staff", "kari")
    holder.is_active = False
    holder.save()
    client = Client(HTTP_HOST=HOST_A)
    assert log_in(client, "staff", "kari").status_code == 403
    assert logged_in_user(client) is None


# -- logout ----------------------------------------------------------------------------------


def test_logout_ends_the_session_here_and_at_the_provider(world: World, providers) -> None:
    client = Client(HTTP_HOST=HOST_A)
    browser = ProviderBrowser()
    log_in(client, "idporten", "gro", browser)
    assert browser.saw_login_form
    response = client.post("/stafettlogg/logg-ut/")
    assert response.status_code == 302
    end_session = str(response["Location"])
    assert end_session.startswith(f"{providers['idporten'].issuer}/session/end")
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(end_session).query)
    assert params["post_logout_redirect_uri"] == [LOGIN_PAGE]
    assert params["id_token_hint"][0].startswith("ey")
    assert logged_in_user(client) is None
    assert AuditEvent.objects.filter(action="auth.logout").exists()
    # The provider sends the browser back to the login page, and its own session is over:
    # the next login asks for the user again.
    assert browser.log_out(end_session).startswith(LOGIN_PAGE)
    log_in(client, "idporten", "gro", browser)
    assert browser.saw_login_form


def test_a_password_login_still_logs_out_locally(world: World, providers) -> None:
    from .conftest import verified_client

    client = verified_client(world.users["holder"])
    response = client.post("/stafettlogg/logg-ut/")
    assert response["Location"] == "/stafettlogg/logg-inn/"
