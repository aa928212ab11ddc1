"""Base settings, safe for production.

Every server setting comes from the environment (see ``.env.example``). Without an
environment the defaults are the production-safe ones: DEBUG off, secure cookies,
HSTS. ``dev`` and ``test`` relax them; production is this module plus environment.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
import fontpkg_sarabun
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from prongsai.core.map_tiles import (
    DEFAULT_TILE_ATTRIBUTION,
    DEFAULT_TILE_URL,
    tile_origin,
)
from prongsai.core.object_storage import s3_storages, storage_origins

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "prongsai"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=True) and (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

# --- Core -----------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
# Organisations may map their own host names; the middleware accepts those too.
PRONGSAI_ALLOW_ORGANIZATION_HOSTS = env.bool(
    "PRONGSAI_ALLOW_ORGANIZATION_HOSTS", default=True
)
PRONGSAI_BASE_URL = env("PRONGSAI_BASE_URL", default="http://127.0.0.1:8000")
# The OIT link checker fetches this site's pages at their public address; set
# this (e.g. 127.0.0.1) when the server cannot reach its own public address, to
# connect to the proxy there (the real host name is still sent and checked).
PRONGSAI_LINKCHECK_OWN_ADDRESS = env("PRONGSAI_LINKCHECK_OWN_ADDRESS", default="")
# Host names of the platform itself: no organisation may take them as its own
# host name, nor (unless allowed) a name under them.
PRONGSAI_PLATFORM_HOSTS = env.list(
    "PRONGSAI_PLATFORM_HOSTS",
    default=[urlsplit(PRONGSAI_BASE_URL).hostname or "", "localhost", "127.0.0.1"],
)
PRONGSAI_ALLOW_PLATFORM_SUBDOMAINS = env.bool(
    "PRONGSAI_ALLOW_PLATFORM_SUBDOMAINS", default=False
)
# `load_demo` (published demo passwords) runs only where this is on: the dev
# and test settings; production needs `load_demo --force` (random passwords).
PRONGSAI_DEMO_ALLOWED = False
# An organisation-owned query that is not scoped to an organisation raises in
# tests and development and is logged in production (prongsai.core.tenancy).
PRONGSAI_TENANCY_STRICT = False
# The name e-mails and pages give this install (with the host of the base URL).
PRONGSAI_SITE_NAME = env("PRONGSAI_SITE_NAME", default="Prongsai โปร่งใส")
# The OCDS ocid prefix of this install's publisher, registered with the Open
# Contracting Partnership (https://standard.open-contracting.org/); the default
# marks the data as not yet registered.
PRONGSAI_OCID_PREFIX = env("PRONGSAI_OCID_PREFIX", default="ocds-prongsai")
# The tile server of every map (the budget's projects, the complaints map) and
# the attribution its licence asks for (HTML, shown in the map's corner). The
# CSP's img-src below is derived from it. Empty: no map, the lists only.
PRONGSAI_MAP_TILE_URL = env("PRONGSAI_MAP_TILE_URL", default=DEFAULT_TILE_URL)
PRONGSAI_MAP_TILE_ATTRIBUTION = env(
    "PRONGSAI_MAP_TILE_ATTRIBUTION", default=DEFAULT_TILE_ATTRIBUTION
)
try:
    MAP_TILE_ORIGIN = tile_origin(PRONGSAI_MAP_TILE_URL)
except ValueError as error:
    raise ImproperlyConfigured(f"PRONGSAI_MAP_TILE_URL: {error}") from None
# Old secret keys still accepted for signatures and for secrets that were
# encrypted under a key derived from them (see prongsai/core/fields.py).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
# Keys for secrets stored in the database (LINE/Facebook tokens), newest first:
# the first encrypts, all decrypt. Rotate by putting a new key in front and
# running `prongsai rotate_field_encryption`. The single-key variable of earlier
# versions is still read, after the list.
PRONGSAI_FIELD_ENCRYPTION_KEYS = [
    key
    for key in [
        *env.list("PRONGSAI_FIELD_ENCRYPTION_KEYS", default=[]),
        env("PRONGSAI_FIELD_ENCRYPTION_KEY", default=""),
    ]
    if key
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
# A kept connection is tested before each request reuses it, so after a
# PostgreSQL restart or failover the web processes reconnect by themselves
# instead of failing one request per thread on the dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(
    "DJANGO_CONN_HEALTH_CHECKS", default=True
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# Read replicas (PostgreSQL streaming replicas of DATABASE_URL), comma-separated:
# reads go there only where safe (prongsai/core/db_router.py; docs/deploy.md).
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), 1):
    DATABASES[f"replica{_number}"] = {
        **env.db_url_config(_url),
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(f"replica{_number}")
# After a write, the client reads the primary for this long (replication lag).
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=5)
DATABASE_ROUTERS = (
    ["prongsai.core.db_router.ReplicaRouter"] if DATABASE_REPLICAS else []
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    # Only for its templates and static files: the API docs page is served
    # from this site, never from a CDN.
    "ninja",
]
LOCAL_APPS = [
    "prongsai.core",
    "prongsai.accounts",
    "prongsai.organizations",
    "prongsai.notifications",
    "prongsai.search",
    "prongsai.ita",
    "prongsai.procurement",
    "prongsai.integrity",
    "prongsai.budget",
    "prongsai.plans",
    "prongsai.risks",
    "prongsai.eservices",
    "prongsai.complaints",
    "prongsai.sitecontent",
    "prongsai.oit",
    # After the apps that publish datasets, so that its demo loader (which
    # builds the catalogue) runs once their demo records exist.
    "prongsai.opendata",
    "prongsai.surveys",
    "prongsai.portal",
    # The JSON API reads every app's selectors; nothing depends on it.
    "prongsai.api",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "prongsai.organizations.middleware.OrganizationHostMiddleware",
    # Cached public pages are answered here, before the session, language,
    # CSRF, auth and axes middleware (a hit reads no session and runs no
    # query); a miss goes on and is kept with the headers added below.
    "prongsai.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Thai unless the visitor chose English (never the browser's
    # Accept-Language): replaces django.middleware.locale.LocaleMiddleware.
    "prongsai.core.middleware.LanguageMiddleware",
    # Before anything reads the session or the database: PostgreSQL cannot
    # store a NUL character, so a request carrying one is a Thai 400 page.
    "prongsai.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # AxesMiddleware turns a lockout into the lockout page; keep it last.
    "axes.middleware.AxesMiddleware",
]
if DATABASE_REPLICAS:
    # Around everything that may read: marks each request safe for replica
    # reads or not, and pins a client that has just written to the primary.
    MIDDLEWARE.insert(0, "prongsai.core.db_router.ReplicaPinMiddleware")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# --- Accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "prongsai.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Prongsai"
# Accept the previous and next 30-second code too (RFC 6238 §5.2: network
# delay and clock drift); a code is still accepted only once.
MFA_TOTP_TOLERANCE = 1
# Roles whose holders must have TOTP before they may use the back office.
PRONGSAI_MFA_REQUIRED_ROLES = ["org_admin", "executive", "integrity_officer"]

# Lockout after repeated failures, keyed on the pair username + IP address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "prongsai.accounts.security.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The client address: prongsai/core/clientip.py, for axes, allauth and
# Prongsai's own limits alike. Proxies in front that append to X-Forwarded-For
# (nginx alone: 1); 0 = REMOTE_ADDR. AXES_PROXY_COUNT is the old name.
PRONGSAI_TRUSTED_PROXY_COUNT = env.int(
    "PRONGSAI_TRUSTED_PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0)
)
AXES_CLIENT_IP_CALLABLE = "prongsai.core.clientip.client_ip"
# The JSON API's limits (prongsai/api/limits.py): requests per minute of one
# client address (public reads) and of one token (writes).
PRONGSAI_API_READS_PER_MINUTE = env.int("PRONGSAI_API_READS_PER_MINUTE", default=120)
PRONGSAI_API_WRITES_PER_MINUTE = env.int("PRONGSAI_API_WRITES_PER_MINUTE", default=60)
ALLAUTH_TRUSTED_PROXY_COUNT = PRONGSAI_TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
AXES_VERBOSE = False
# Keep only the failure counters lockout needs, not a log of every sign-in.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "login"]

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "prongsai_language"
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("fonts/sarabun", Path(fontpkg_sarabun.__file__).parent / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Files with no public URL (complaint photos, confidential evidence, E-Service
# attachments), sent only by permission-checked views (prongsai.core.storage).
PRONGSAI_PRIVATE_MEDIA_ROOT = env("PRONGSAI_PRIVATE_MEDIA_ROOT", default="")

# Days personal data is kept, per kind (prongsai.core.retention); override with
# PRONGSAI_RETENTION_DAYS=complaints.inbound_event=60,eservices.request=365
PRONGSAI_RETENTION_DAYS = {
    "complaints.inbound_event": 90,
    "complaints.chat_session": 30,
    "eservices.request": 730,
    "eservices.attachment": 365,
    "notifications.notification": 180,
    "oit.link_check": 90,
}
for _item in filter(None, env.str("PRONGSAI_RETENTION_DAYS", default="").split(",")):
    _key, _sep, _days = _item.partition("=")
    if not (_sep and _days.strip().isdigit()):
        raise ImproperlyConfigured(
            "PRONGSAI_RETENTION_DAYS: write kind=days pairs separated by commas, "
            "e.g. complaints.inbound_event=60,eservices.request=365"
        )
    PRONGSAI_RETENTION_DAYS[_key.strip()] = int(_days)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media in S3-compatible object storage (MinIO, cloud object stores) when a
# bucket is named (prongsai/core/object_storage.py); local disk otherwise.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="")
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default="")
MEDIA_ORIGINS: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    STORAGES.update(
        s3_storages(
            bucket=AWS_STORAGE_BUCKET_NAME,
            private_bucket=env("PRONGSAI_PRIVATE_BUCKET_NAME", default=""),
            endpoint_url=AWS_S3_ENDPOINT_URL,
            region=env("AWS_S3_REGION_NAME", default=""),
            custom_domain=AWS_S3_CUSTOM_DOMAIN,
            signed_url_seconds=env.int("PRONGSAI_SIGNED_URL_SECONDS", default=60),
        )
    )
    MEDIA_ORIGINS = storage_origins(
        endpoint_url=AWS_S3_ENDPOINT_URL, custom_domain=AWS_S3_CUSTOM_DOMAIN
    )
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=False)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Cache ----------------------------------------------------------------------------


def redis_caches(url: str) -> dict:
    """The cache on Redis at ``url``; while Redis is down the site runs without
    it and rate limits fail open (prongsai/core/cache.py). Short timeouts keep
    pages fast then."""
    return {
        "default": {
            "BACKEND": "prongsai.core.cache.FailSafeCache",
            "LOCATION": url,
            "OPTIONS": {
                "BACKEND": "django_redis.cache.RedisCache",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "prongsai",
        }
    }

# Anonymous visitors of public pages get a cached copy, renewed on every change
# of the organisation (see prongsai/core/pagecache.py) and at least this often.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)

# --- Celery -----------------------------------------------------------------------
# Without a broker every task runs eagerly in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request must not hang on a broker that is down: publishing gives up
# after about a second and the task waits in the outbox (prongsai/core/outbox.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE: dict = {
    "oit-check-links-daily": {
        "task": "prongsai.oit.tasks.oit_check_links_all",
        "schedule": crontab(hour=2, minute=30),
    },
    # The executives' weekly digest of their desk (Monday morning).
    "portal-desk-weekly-digest": {
        "task": "prongsai.portal.tasks.desk_digest_all",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    "oit-reminders-daily": {
        "task": "prongsai.oit.tasks.oit_send_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # e-GP contracts (CGD open API) and announcements (RSS) of every
    # organisation with the feed set up; at night, when the RSS is open.
    "procurement-egp-feed": {
        "task": "prongsai.procurement.tasks.egp_feed_all",
        "schedule": crontab(hour=3, minute=15),
    },
    "opendata-sync": {
        "task": "prongsai.opendata.tasks.dataset_sync_all",
        "schedule": 60 * 60,  # the catalogue follows the registers hourly
    },
    # Reminders to measure owners: due dates coming or passed, missing updates.
    "plans-remind-owners": {
        "task": "prongsai.plans.tasks.plans_remind_owners",
        "schedule": crontab(hour=8, minute=0),
    },
    # Members who have not made the year's declaration of interests (monthly each).
    "integrity-coi-yearly-reminders": {
        "task": "prongsai.integrity.tasks.coi_send_yearly_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    "eservices-deadline-reminders": {
        "task": "prongsai.eservices.tasks.request_send_deadline_reminders",
        "schedule": 60 * 60,  # hourly; each request is reminded at most once a day
    },
    # Late asset loans: borrowers and custodians reminded once a day.
    "integrity-asset-loans-overdue": {
        "task": "prongsai.integrity.tasks.asset_loans_remind_overdue",
        "schedule": crontab(hour=8, minute=30),
    },
    # Confidential-role grants nobody confirmed take effect after 24 hours.
    "organizations-role-grants": {
        "task": "prongsai.organizations.tasks.role_grants_activate",
        "schedule": 60 * 10,
    },
    # The province and national pages read summaries: one task per
    # organisation at night, then the provinces rolled up once they are done.
    "region-summaries": {
        "task": "prongsai.portal.tasks.region_summaries_refresh_all",
        "schedule": crontab(hour=1, minute=0),
    },
    "region-provinces": {
        "task": "prongsai.portal.tasks.region_provinces_refresh",
        "schedule": crontab(hour=2, minute=0),
    },
    "complaints-confidential-digest": {
        "task": "prongsai.complaints.tasks.confidential_send_digests",
        "schedule": 60 * 60 * 24,
    },
    "complaints-reminders": {
        "task": "prongsai.complaints.tasks.complaints_send_reminders",
        "schedule": 60 * 60 * 24,
    },
    # Chat drafts left for 30 minutes are filed (complaints.services_chat).
    "complaints-chat-idle-drafts": {
        "task": "prongsai.complaints.tasks.chat_drafts_file_idle",
        "schedule": 60 * 5,
    },
    # Photos kept from complaint forms sent back with errors live one hour.
    "complaints-kept-uploads": {
        "task": "prongsai.complaints.tasks.kept_uploads_clean",
        "schedule": 60 * 15,
    },
    "complaints-inbound-requeue": {
        "task": "prongsai.complaints.tasks.inbound_events_requeue",
        "schedule": 60,
    },
    # Notifications (prongsai.notifications): failed sends retried with
    # backoff, and the daily digest for members who chose it.
    "notifications-retry": {
        "task": "prongsai.notifications.tasks.notifications_retry_due",
        "schedule": 60,
    },
    "notifications-digest": {
        "task": "prongsai.notifications.tasks.notifications_send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "core-outbox-drain": {
        "task": "prongsai.core.tasks.outbox_drain",
        "schedule": 60,  # tasks kept while the broker was down
    },
    # One job for every kind of personal data (prongsai.core.retention).
    "retention": {
        "task": "prongsai.core.tasks.retention_apply_task",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- E-mail -------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
if (
    EMAIL_CONFIG.get("EMAIL_BACKEND")
    == "django.core.mail.backends.console.EmailBackend"
):
    # The demo's console backend never prints a report or a reporter's address.
    EMAIL_BACKEND = "prongsai.core.mail.ConsoleBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Prongsai <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = 10
EMAIL_SUBJECT_PREFIX = "[Prongsai] "

# --- Security -----------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=True)
    else None
)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 12)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The maps' tiles (PRONGSAI_MAP_TILE_URL).
        "img-src": [
            "'self'",
            "data:",
            *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else []),
            *MEDIA_ORIGINS,
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

CSRF_FAILURE_VIEW = "prongsai.core.views.csrf_failure"
ADMIN_URL = env("DJANGO_ADMIN_URL", default="platform-admin/")

# --- Logging ------------------------------------------------------------------------
# Request bodies, IP addresses and user agents are never logged: the request
# logger's records carry the request object, so it is filtered out.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "strip_request": {"()": "prongsai.core.logging.StripRequestFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["strip_request"],
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # axes writes the username and IP address into every message.
        "axes": {"level": "CRITICAL"},
        # Pillow's debug output prints image metadata (EXIF, GPS positions).
        "PIL": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO; keep warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
