"""Settings for Samhandling, read from environment variables.

One module serves every environment. ``DJANGO_DEBUG=true`` gives the embedded development
defaults (SQLite, a fixed secret key, *.localhost hosts); without it the secure production
defaults apply and ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` must be set.
See docs/operations.md for the full list.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# Without DJANGO_SECRET_KEY in production the key stays empty: commands that never sign anything
# (makemigrations, check) still run, Django refuses any use of the empty key, and the web server
# refuses to start (config/wsgi.py). The same goes for DJANGO_ALLOWED_HOSTS.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ".localhost,localhost,127.0.0.1,[::1]" if DEBUG else ""
)

INSTALLED_APPS = [
    "core",
    "municipalities",
    "samhandlingsmodell",
    "handlingsveileder",
    "stafettlogg",
    "grants",
    "stats",
    "accounts",
    "audit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

# Demo and load data (`load_demo`, `seed_load`): on with DEBUG, off in production unless asked
# for (the benchmark runs production settings on a throwaway database and turns it on).
SAMHANDLING_DEV_DATA = env_bool("SAMHANDLING_DEV_DATA", DEBUG)
if SAMHANDLING_DEV_DATA:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("accounts") + 1, "devdata")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "municipalities.middleware.MunicipalityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "municipalities.admin_guard.MunicipalAdminGuardMiddleware",
    "municipalities.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "municipalities.context_processors.municipality",
            ],
        },
    },
    {
        # Only for templates in an app's jinja2/ folder, named with using="jinja2" (ADR 011).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": ["django.template.context_processors.i18n"],
            "extensions": ["wagtail.jinja2tags.core"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    # A database that does not answer gives the 503 page after this many seconds instead of
    # holding the worker until the web server kills it (core.views.server_error). Together
    # with the health checks above, the workers reconnect by themselves when it is back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )
    # Parameters bound by the server, and a statement that a connection has run 5 times is
    # prepared (psycopg's prepare_threshold; Django turns preparing off unless it is given):
    # the tenant, session, user and access queries of every request, and the log page's
    # UNION, which PostgreSQL otherwise plans again on every run (planning the tenant query
    # takes longer than running it). Behind a pooler in transaction mode, this needs
    # prepared-statement support there (PgBouncer 1.21+ with max_prepared_statements);
    # DJANGO_DB_SERVER_SIDE_BINDING=false turns both off.
    if env_bool("DJANGO_DB_SERVER_SIDE_BINDING", True):
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One writer at a time from the start of a transaction: concurrent appends to the audit
    # chain in `make dev` wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samhandling_cache",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
# The project's own strings, then Wagtail's in bokmål and nynorsk (Wagtail ships about half
# of them in nb and none in nn; scripts/wagtail_strings.py lists what is missing).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    (
        "vendor/designsystemet",
        BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist",
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files from the stafettlogg (signed consent forms): never under MEDIA_URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get(
                "SAMHANDLING_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")
            ),
            "base_url": None,
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

# Uploads: documents are PDF, DOCX or ODT up to 20 MB (checked in core.documents).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.documents.SafeDocumentForm"
DOCUMENT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"

WAGTAIL_SITE_NAME = "Samhandling"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_forms.AdminLoginForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "core/login.html"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "norwegian",
        "AUTO_UPDATE": True,
    }
}

# Background work (search indexing, later notices) goes through Django Tasks. Production uses
# the database backend and a worker (`manage.py db_worker`); `make dev` runs tasks at once so
# that no second process is needed.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "SAMHANDLING_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

LOGIN_URL = "/_util/login/"
# Where a staff login lands when it was not sent from a page (accounts.views).
LOGIN_REDIRECT_URL = "stafettlogg:mine"
# Where a login on the national host lands: the advisers' overview of the grant scheme.
NATIONAL_LOGIN_REDIRECT_URL = "grants:overview"
# Sessions end after this much inactivity: a request moves the expiry forward
# (core.middleware.SessionIdleMiddleware, at most once a minute, not a write per request).
# Django's database sessions, read with a compiled query (core/sessions.py, ADR 010).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SAMHANDLING_SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login attempts (django-axes): five failures for one username from one address lock that
# combination for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("SAMHANDLING_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy (nginx, a load balancer) the client's address is in X-Forwarded-For;
# set SAMHANDLING_PROXY_COUNT to the number of proxies in front of the application. The same
# address goes into the audit trail.
SAMHANDLING_PROXY_COUNT = int(os.environ.get("SAMHANDLING_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_VERBOSE = False

# Two-factor (django-otp, TOTP): the issuer shown in the authenticator app.
OTP_TOTP_ISSUER = "Samhandling"


def _oidc_provider(prefix: str, scope: str) -> dict[str, Any] | None:
    """An OpenID Connect provider from SAMHANDLING_<PREFIX>_* variables (ADR 007), or None
    when its issuer is not set."""
    issuer = os.environ.get(f"SAMHANDLING_{prefix}_ISSUER", "").rstrip("/")
    if not issuer:
        return None
    return {
        "issuer": issuer,
        "client_id": os.environ.get(f"SAMHANDLING_{prefix}_CLIENT_ID", ""),
        "client_secret": os.environ.get(f"SAMHANDLING_{prefix}_CLIENT_SECRET", ""),
        "scope": os.environ.get(f"SAMHANDLING_{prefix}_SCOPE", scope),
        "token_endpoint_auth_method": os.environ.get(
            f"SAMHANDLING_{prefix}_TOKEN_AUTH_METHOD", "client_secret_basic"
        ),
        "acr_values": env_list(f"SAMHANDLING_{prefix}_ACR_VALUES"),
        "municipalities": env_list(f"SAMHANDLING_{prefix}_MUNICIPALITIES"),
    }


# Login with OpenID Connect: ID-porten for guardians and youth (matched by the `pid` claim),
# and the municipality's identity provider for staff (matched to existing staff accounts).
# Password + TOTP stays for municipalities without them.
SAMHANDLING_OIDC_PROVIDERS = {
    name: provider
    for name, provider in {
        "idporten": _oidc_provider("IDPORTEN", "openid profile"),
        "staff": _oidc_provider("STAFF_OIDC", "openid email profile"),
    }.items()
    if provider is not None
}
if (
    "idporten" in SAMHANDLING_OIDC_PROVIDERS
    and not SAMHANDLING_OIDC_PROVIDERS["idporten"]["acr_values"]
):
    SAMHANDLING_OIDC_PROVIDERS["idporten"]["acr_values"] = [
        "idporten-loa-substantial",
        "idporten-loa-high",
    ]

# Fødselsnummer are stored encrypted (Fernet; several comma-separated keys allow rotation, the
# first encrypts) and looked up by a keyed hash. Both keys are required in production.
SAMHANDLING_FNR_KEYS = env_list("SAMHANDLING_FNR_KEYS")
SAMHANDLING_FNR_HASH_KEY = os.environ.get("SAMHANDLING_FNR_HASH_KEY", "")
if DEBUG and not SAMHANDLING_FNR_KEYS:
    SAMHANDLING_FNR_KEYS = ["ZGV2LW9ubHktZm5yLWtleS1uZXZlci1pbi1wcm9kISE="]
if DEBUG and not SAMHANDLING_FNR_HASH_KEY:
    SAMHANDLING_FNR_HASH_KEY = "dev-only-fnr-hash-key-never-use-in-production"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Security (production defaults; each can be turned off by environment for a loopback bench).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS: list[str] = []

# Public pages are cacheable by a front cache for this many seconds (anonymous users only).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("SAMHANDLING_PUBLIC_MAX_AGE", "60"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ikke-svar@samhandling.invalid")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Links in notices: the municipality's host with this scheme and port.
SAMHANDLING_LINK_SCHEME = os.environ.get("SAMHANDLING_LINK_SCHEME", "http" if DEBUG else "https")
SAMHANDLING_LINK_PORT = os.environ.get("SAMHANDLING_LINK_PORT", ":8000" if DEBUG else "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
