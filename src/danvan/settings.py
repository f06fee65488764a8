"""DanVan settings: one module, every knob from the environment.

``DANVAN_ENV`` selects the mode: ``development`` (default: safe local defaults,
SQLite under ``var/``), ``test`` or ``production`` (requires ``SECRET_KEY`` and
``ALLOWED_HOSTS`` and passes ``danvan check --deploy --fail-level WARNING``).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository root when running from a checkout; data lives under var/.
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR", BASE_DIR / "var"))

ENV = os.environ.get("DANVAN_ENV", "development")
if ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DANVAN_ENV={ENV!r}: expected development, test or production")
PRODUCTION = ENV == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


if PRODUCTION:
    try:
        SECRET_KEY = os.environ["SECRET_KEY"]
        ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", [])
    except KeyError as exc:
        raise ImproperlyConfigured("Production needs SECRET_KEY in the environment") from exc
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS in the environment")
    DEBUG = _env_bool("DEBUG", False)
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-key-do-not-use-in-production-0123456789abcdef")
    ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
    DEBUG = _env_bool("DEBUG", ENV == "development")

CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "danvan.admin_site.DanVanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "ninja",
    "simple_history",
    # The libraries' apps under Vietnamese names in the admin (danvan.admin_site).
    "danvan.admin_site.AxesConfig",
    "danvan.admin_site.TasksDbConfig",
    "django_otp",
    "danvan.admin_site.OtpTotpConfig",
    "danvan.admin_site.OtpStaticConfig",
    "danvan.core",
    "danvan.units",
    "danvan.accounts",
    "danvan.lists",
    "danvan.stats",
    "danvan.workflow",
    "danvan.initiatives",
    "danvan.petitions",
    "danvan.onestop",
    "danvan.satisfaction",
    "danvan.dialogues",
    "danvan.democracy",
    "danvan.inspections",
    "danvan.indicators",
    "danvan.reports",
    "danvan.api",
    "danvan.web",
    "danvan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # After the password, a session that owes its second factor reaches only that step and the logout.
    "danvan.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files served by the app itself behind the reverse proxy (runserver does it in development).
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.web.context_processors.shell",
            ],
            "builtins": ["danvan.core.templatetags.vi"],
        },
    },
]

# --- Cache ----------------------------------------------------------------
# In the database, shared by every process (the public forms' rate limits live here); no cache server
# needed. `danvan createcachetable` (run by the set-up) creates the table.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "danvan_cache"}}
#: Public forms (online petitions, status look-up): how many posts per client address.
DANVAN_PUBLIC_RATE = os.environ.get("DANVAN_PUBLIC_RATE", "10/h")
# Ratings at a counter's kiosk: every citizen served there shares the tablet's address.
DANVAN_RATING_RATE = os.environ.get("DANVAN_RATING_RATE", "120/h")

# --- Background tasks -------------------------------------------------------
# Django's tasks API with a database queue: `danvan db_worker` runs it; nothing else to install.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Database -------------------------------------------------------------
# Embedded default: SQLite in WAL mode. Production: DATABASE_URL=postgres://…
_default_sqlite = f"sqlite:///{DATA_DIR / 'danvan.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before anything checks them.
    "axes.backends.AxesStandaloneBackend",
    "danvan.accounts.backends.ScopedPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
# A user at one address, and an address across usernames (one password tried on many accounts).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Two-factor sign-in (docs/decisions/0010-two-factor.md): a code from an authenticator app (TOTP) or a
# recovery code after the password, for whoever has enrolled; the roles below must enrol. Empty in
# development, so that the demo accounts sign in with their password alone; in the environment, a
# comma-separated list of role codes ("" for none).
DANVAN_2FA_REQUIRED_ROLES = _env_list(
    "DANVAN_2FA_REQUIRED_ROLES", [] if ENV == "development" else ["admin", "unit_admin", "leader"]
)
OTP_TOTP_ISSUER = "DanVan"
# The admin lists devices without their secret keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Language and time ------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
# node_modules assets are copied here by `make setup` (scripts/vendor_assets.py).
STATICFILES_DIRS = [PACKAGE_DIR / "static", BASE_DIR / "build" / "vendor"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail -------------------------------------------------------------------
_smtp = "django.core.mail.backends.smtp.EmailBackend"
_email_backend = os.environ.get(
    "EMAIL_BACKEND", _smtp if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": _env_bool("EMAIL_USE_TLS", False),
            }
            if _email_backend == _smtp
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DanVan <danvan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A strict content security policy: nothing from other origins, no inline script.
# The API docs page (Swagger UI from django-ninja's bundled static) needs inline styles.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}

# --- DanVan ------------------------------------------------------------------
# Days ahead that count as "due soon" for legal deadlines (working days).
DANVAN_DUE_SOON_WORKING_DAYS = int(os.environ.get("DANVAN_DUE_SOON_WORKING_DAYS", "3"))
DANVAN_API_PAGE_SIZE = 50
# The one-stop office's opening hours on a working day: the clocks of dossiers run only inside them
# (danvan.workflow.hours; a dossier promised "17 giờ 00" is promised at the afternoon's close).
DANVAN_OFFICE_HOURS = os.environ.get("DANVAN_OFFICE_HOURS", "07:30-11:30,13:30-17:00")
# An export of a list up to this many rows is built in the request; a longer one is a background task
# with a progress page (danvan.lists).
DANVAN_EXPORT_SYNC_ROWS = int(os.environ.get("DANVAN_EXPORT_SYNC_ROWS", "3000"))
