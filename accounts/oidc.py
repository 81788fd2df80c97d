"""Login with OpenID Connect (ADR 007): ID-porten for guardians and youth, the municipality's
identity provider for staff.

Authlib runs the protocol: authorization code flow with PKCE (S256), `state` and `nonce` kept
in the session, and the ID token checked for signature (the provider's published keys),
issuer, audience, expiry and nonce. This module decides who the person is in Samhandling:

- ID-porten: the `pid` claim (fødselsnummer) is matched by its keyed hash to a person's
  account, or to a guardian or youth of a log in this municipality; an account is made only
  for such a person. Anyone else is refused.
- Staff: the provider's issuer and `sub` are matched to a linked staff account; at the first
  login a verified e-mail address that belongs to exactly one active staff account of this
  municipality makes the link. Unknown staff are refused, never created.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import ExternalLogin, PersonIdentity, StaffMembership
from municipalities.models import Municipality

# What the session holds after an OpenID Connect login: the provider's name and the ID token
# (encrypted: it holds the fødselsnummer), which the provider wants back at logout.
SESSION_KEY = "stafettlogg_oidc"


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scope: str
    token_endpoint_auth_method: str
    acr_values: tuple[str, ...]
    municipalities: tuple[str, ...]

    def serves(self, municipality: Municipality) -> bool:
        return not self.municipalities or municipality.number in self.municipalities


def provider(name: str, municipality: Municipality) -> Provider | None:
    """The configured provider ``name`` if it serves ``municipality``."""
    config = settings.SAMHANDLING_OIDC_PROVIDERS.get(name)
    if not config:
        return None
    found = Provider(
        name=name,
        issuer=config["issuer"],
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        scope=config["scope"],
        token_endpoint_auth_method=config["token_endpoint_auth_method"],
        acr_values=tuple(config["acr_values"]),
        municipalities=tuple(config["municipalities"]),
    )
    return found if found.serves(municipality) else None


def providers_for(municipality: Municipality) -> dict[str, Provider]:
    found = {name: provider(name, municipality) for name in settings.SAMHANDLING_OIDC_PROVIDERS}
    return {name: p for name, p in found.items() if p is not None}


@cache
def client(found: Provider) -> DjangoOAuth2App:
    """The protocol client for one provider; it reads the provider's discovery document once
    and keeps it (and the signing keys, refreshed when a new key id appears)."""
    oauth = OAuth()
    app: DjangoOAuth2App = oauth.register(
        name=found.name,
        client_id=found.client_id,
        client_secret=found.client_secret,
        server_metadata_url=f"{found.issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": found.scope,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": found.token_endpoint_auth_method,
            "default_timeout": 10,
        },
    )
    return app


def check_metadata(found: Provider) -> None:
    """The discovery document must name the configured issuer (against mix-up: tokens are
    then checked against this issuer)."""
    metadata = client(found).load_server_metadata()
    if metadata.get("issuer", "").rstrip("/") != found.issuer:
        raise LoginRefused("issuer")


class LoginRefused(Exception):
    """Login is refused; ``reason`` is a code for the audit trail (never personal data)."""

    messages = {
        "protocol": _(
            "The login could not be completed. Start again from the login page; if it "
            "happens again, contact the municipality."
        ),
        "issuer": _("The login service answered with the wrong identity. Login is refused."),
        "level": _("This login requires a higher security level (for example BankID)."),
        "no_logs": _(
            "We found no stafettlogg where you are registered as a guardian or as a young "
            "person. If you think this is wrong, contact the stafettholder or the municipality."
        ),
        "unknown_staff": _(
            "Your account at the municipality is not linked to a user in the stafettlogg. "
            "Ask the municipality's administrator to create a user with your work e-mail "
            "address. No access has been given."
        ),
        "inactive": _("This account is not active."),
    }

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return str(self.messages.get(self.reason, self.messages["protocol"]))


def _claim_str(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return value if isinstance(value, str) else ""


def _knows_person(municipality: Municipality, hashed: str) -> str | None:
    """The name of the person a part of the product knows by this fødselsnummer hash in this
    municipality ("" when it holds no name), or None. The parts answer through the
    ``identify_person`` hook (the stafettlogg: a guardian, or a youth old enough to take part)."""
    for answer in hooks.get_hooks("identify_person"):
        name = answer(municipality, hashed)
        if name is not None:
            return str(name)
    return None


@transaction.atomic
def idporten_user(municipality: Municipality, found: Provider, claims: dict[str, Any]) -> User:
    """The account of the person ID-porten vouches for, made on their first login if they are
    a guardian or youth of a log here."""
    if found.acr_values and _claim_str(claims, "acr") not in found.acr_values:
        raise LoginRefused("level")
    try:
        fnr = clean_fnr(_claim_str(claims, "pid"))
    except ValidationError:
        raise LoginRefused("protocol") from None
    hashed = fnr_hash(fnr)
    identity = PersonIdentity.objects.select_related("user").filter(fnr_hash=hashed).first()
    if identity is not None:
        if not identity.user.is_active:
            raise LoginRefused("inactive")
        return identity.user
    known = _knows_person(municipality, hashed)
    if known is None:
        raise LoginRefused("no_logs")
    names = known.split()
    user = User.objects.create_user(
        f"person-{secrets.token_hex(8)}",
        first_name=" ".join(names[:-1]) if len(names) > 1 else "".join(names),
        last_name=names[-1] if len(names) > 1 else "",
    )  # no password: this person logs in with ID-porten only
    PersonIdentity.objects.create(user=user, fnr_encrypted=encrypt_fnr(fnr), fnr_hash=hashed)
    return user


@transaction.atomic
def staff_user(municipality: Municipality, found: Provider, claims: dict[str, Any]) -> User:
    """The staff account linked to this identity, linked now by a verified e-mail address if
    this is the first login. Never makes an account."""
    subject = _claim_str(claims, "sub")
    if not subject:
        raise LoginRefused("protocol")
    link = (
        ExternalLogin.objects.select_related("user")
        .select_for_update()
        .filter(issuer=found.issuer, subject=subject)
        .first()
    )
    if link is None:
        email = _claim_str(claims, "email").strip()
        if not email or claims.get("email_verified") is False:
            raise LoginRefused("unknown_staff")
        candidates = list(
            User.objects.filter(
                email__iexact=email, log_memberships__municipality=municipality
            ).distinct()[:2]
        )
        if len(candidates) != 1:
            raise LoginRefused("unknown_staff")
        link = ExternalLogin.objects.create(
            user=candidates[0], issuer=found.issuer, subject=subject
        )
    user = link.user
    if not user.is_active:
        raise LoginRefused("inactive")
    if not StaffMembership.objects.filter(user=user, municipality=municipality).exists():
        raise LoginRefused("unknown_staff")
    link.last_login_at = timezone.now()
    link.save(update_fields=["last_login_at"])
    return user
