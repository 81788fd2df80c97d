"""Login for staff, guardians and youth (today the stafettlogg's users): password
(rate-limited by django-axes), then a TOTP code (django-otp); a user without an authenticator
sets one up at the first login. Where the municipality has them, ID-porten and the staff
identity provider log in with OpenID Connect instead (``accounts.oidc``)."""

from __future__ import annotations

import base64
import io
import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from accounts import oidc, services
from accounts.identity import seal, unseal
from accounts.login_session import (
    MUST_CHANGE_PASSWORD,
    bind_to_municipality,
    fully_authenticated,
    made_here,
)
from accounts.models import StaffMembership
from accounts.selectors import national_roles
from audit.services import actor_from_request, record
from municipalities.http import MunicipalRequest

logger = logging.getLogger(__name__)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. After several failed attempts, login is blocked "
            "for a while."
        ),
        "inactive": _("This account is not active."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"


class TokenForm(forms.Form):
    """The six-digit code from the user's confirmed authenticator (django-otp's TOTP device,
    which also slows down repeated guessing)."""

    otp_token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        error_messages={"required": _("Enter the six-digit code.")},
        widget=forms.TextInput(
            attrs={"class": "ds-input", "inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: TOTPDevice | None = None

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].replace(" ", "")
        for device in TOTPDevice.objects.devices_for_user(self.user, confirmed=True):
            if token.isdigit() and device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(
            _("The code is wrong or too old. Try the newest code."), code="invalid"
        )


NEXT_KEY = "stafettlogg_next"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    if getattr(request, "municipality", None) is None:
        # The national host: the advisers' own area.
        return resolve_url(settings.NATIONAL_LOGIN_REDIRECT_URL)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _login_refusal(user: Any, municipality: Any) -> str:
    """Why ``user`` may not log in on this host ("" if they may): the national host is for the
    advisers of Bufdir and KORUS (and national administrators) only, and an adviser logs in
    there, not in a municipality where they have no role."""
    roles = national_roles(user)
    if municipality is None:
        if user.is_superuser or roles.any:
            return ""
        return str(
            _(
                "This login is for the advisers of Bufdir and KORUS. Staff of a municipality "
                "log in on the municipality's own site."
            )
        )
    if (
        roles.any
        and not user.is_superuser
        and not StaffMembership.objects.filter(user=user, municipality=municipality).exists()
    ):
        return str(
            _(
                "Advisers of Bufdir and KORUS log in on the national site, not on a "
                "municipality's site."
            )
        )
    return ""


def _with_next(name: str, target: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse(name)}?{urlencode({'next': target})}"


@never_cache
@sensitive_post_parameters("password")
def login(request: HttpRequest) -> HttpResponse:
    if fully_authenticated(request):
        return HttpResponseRedirect(_next(request))
    form = LoginForm(request, data=request.POST or None)
    municipality = getattr(request, "municipality", None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        refusal = _login_refusal(user, municipality)
        if refusal:
            # The password was right, but this is not the place: say where to log in.
            form.add_error(None, refusal)
            record(
                actor_from_request(request, "innlogging"),
                "auth.refused",
                municipality_id=municipality.pk if municipality else None,
                detail={"reason": "national_only" if municipality is None else "adviser"},
            )
        else:
            first_login = user.last_login is None
            auth_login(request, user)
            bind_to_municipality(request.session, municipality)
            if first_login:
                # The first password was chosen by a leader: the user sets their own.
                request.session[MUST_CHANGE_PASSWORD] = True
            target = _next(request)
            if user_has_device(user, confirmed=True):
                return redirect(_with_next("accounts:verify", target))
            return redirect(_with_next("accounts:setup_2fa", target))
    context = {
        "form": form,
        "next": _next(request),
        "providers": oidc.providers_for(municipality) if municipality else {},
    }
    return render(request, "accounts/login.html", context)


def _provider_or_404(request: HttpRequest, name: str) -> oidc.Provider:
    municipality = getattr(request, "municipality", None)
    found = oidc.provider(name, municipality) if municipality is not None else None
    if found is None:
        raise Http404
    return found


def _refused(request: MunicipalRequest, reason: str, status: int) -> HttpResponse:
    record(
        actor_from_request(request, "innlogging"),
        "auth.refused",
        municipality_id=request.municipality.pk,
        detail={"reason": reason},
    )
    context = {"message": oidc.LoginRefused(reason).message}
    return render(request, "accounts/refused.html", context, status=status)


@never_cache
def oidc_start(request: MunicipalRequest, provider: str) -> HttpResponse:
    """Send the browser to the provider's login, with state, nonce and a PKCE challenge (404
    on a host without a municipality, from ``_provider_or_404``)."""
    found = _provider_or_404(request, provider)
    request.session[NEXT_KEY] = _next(request)
    redirect_uri = request.build_absolute_uri(reverse("accounts:oidc_callback", args=[provider]))
    extra: dict[str, str] = {"ui_locales": request.LANGUAGE_CODE}
    if found.acr_values:
        extra["acr_values"] = found.acr_values[0]
    try:
        oidc.check_metadata(found)
        return oidc.client(found).authorize_redirect(request, redirect_uri, **extra)
    except oidc.LoginRefused as refused:
        return _refused(request, refused.reason, 502)
    except Exception:
        logger.exception("OpenID Connect: the provider %s did not answer", provider)
        return _refused(request, "protocol", 502)


@never_cache
def oidc_callback(request: MunicipalRequest, provider: str) -> HttpResponse:
    """The provider's answer: exchange the code (with the PKCE verifier), check the ID token
    and find the person; log in, or refuse with a page that says why."""
    found = _provider_or_404(request, provider)
    try:
        oidc.check_metadata(found)
        token = oidc.client(found).authorize_access_token(request)
        claims = token.get("userinfo")
        if not claims or "id_token" not in token:
            raise oidc.LoginRefused("protocol")
        municipality = request.municipality
        if found.name == "idporten":
            user = oidc.idporten_user(municipality, found, dict(claims))
        else:
            user = oidc.staff_user(municipality, found, dict(claims))
    except oidc.LoginRefused as refused:
        status = 400 if refused.reason == "protocol" else 403
        return _refused(request, refused.reason, status)
    except Exception as error:
        # A bad or replayed state, a token that fails its checks (signature, issuer,
        # audience, expiry, nonce), or a provider that does not answer.
        logger.warning("OpenID Connect login refused: %s", type(error).__name__)
        return _refused(request, "protocol", 400)
    target = request.session.pop(NEXT_KEY, "") or resolve_url(settings.LOGIN_REDIRECT_URL)
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    bind_to_municipality(request.session, request.municipality)
    request.session[oidc.SESSION_KEY] = {
        "provider": found.name,
        "id_token": seal(token["id_token"]),
    }
    role = "ansatt" if found.name == "staff" else "innbygger"
    record(
        actor_from_request(request, role),
        "auth.login",
        municipality_id=request.municipality.pk,
        detail={"method": found.name},
    )
    return HttpResponseRedirect(target)


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated or not made_here(request):
        return redirect("accounts:login")
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session.cycle_key()
        otp_login(request, form.device)
        record(actor_from_request(request, "ansatt"), "auth.login")
        return HttpResponseRedirect(_next(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


@never_cache
@sensitive_post_parameters("otp_token")
def setup_2fa(request: HttpRequest) -> HttpResponse:
    """Mandatory two-factor: show a QR code (and the key as text), confirm with one code."""
    if not request.user.is_authenticated or not made_here(request):
        return redirect("accounts:login")
    if user_has_device(request.user, confirmed=True):
        return redirect(_with_next("accounts:verify", _next(request)))
    unconfirmed = TOTPDevice.objects.filter(user=request.user, confirmed=False)
    if request.method == "POST":
        device = unconfirmed.order_by("-id").first()
        if device is None:
            return redirect(_with_next("accounts:setup_2fa", _next(request)))
    else:
        device = services.authenticator_new(request.user)
    error: Any = ""
    if request.method == "POST":
        token = request.POST.get("otp_token", "").strip().replace(" ", "")
        if token.isdigit() and device.verify_token(token):
            services.authenticator_confirm(actor_from_request(request, "ansatt"), device)
            request.session.cycle_key()
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        error = _("The code is wrong. Check that the phone's clock is right and try again.")
    svg = io.BytesIO()
    write_qrcode_image(device.config_url, svg)
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "qr_src": "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode(),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "error": error,
        "next": _next(request),
    }
    return render(request, "accounts/setup_2fa.html", context)


@never_cache
@sensitive_post_parameters()
def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.is_authenticated or not user.is_verified() or not made_here(request):
        return redirect("accounts:login")
    form = SetPasswordForm(user, data=request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "ds-input"
    if request.method == "POST" and form.is_valid():
        actor = actor_from_request(request, "ansatt")
        services.password_set(actor, user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        request.session.pop(MUST_CHANGE_PASSWORD, None)
        return HttpResponseRedirect(_next(request))
    context = {
        "form": form,
        "next": _next(request),
        "first": bool(request.session.get(MUST_CHANGE_PASSWORD)),
    }
    return render(request, "accounts/password.html", context)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out here; after an OpenID Connect login also at the provider, which sends the
    browser back to the login page."""
    if request.user.is_authenticated:
        record(actor_from_request(request, "ansatt"), "auth.logout")
    oidc_session = request.session.get(oidc.SESSION_KEY) or {}
    auth_logout(request)
    municipality = getattr(request, "municipality", None)
    found = oidc.provider(oidc_session.get("provider", ""), municipality) if municipality else None
    if found is not None:
        try:
            end = oidc.client(found).create_logout_url(
                post_logout_redirect_uri=request.build_absolute_uri(reverse("accounts:login")),
                id_token_hint=unseal(oidc_session["id_token"]),
                client_id=found.client_id,
            )
            return HttpResponseRedirect(end["url"])
        except Exception:
            logger.warning("OpenID Connect: no logout at the provider %s", found.name)
    return redirect("accounts:login")
