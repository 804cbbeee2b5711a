"""The one settings module. Every knob comes from the environment.

With no environment at all the product runs on SQLite, a file-system Celery
broker and a file-based cache, so `make run` needs no server. `DATABASE_URL`
switches to PostgreSQL and `REDIS_URL` to Redis (broker and cache).
Production mode is `DJANGO_DEBUG=false`.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
VAR_DIR = Path(env_str("LNDSTRATEGY_VAR_DIR", str(BASE_DIR / "var")))

if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-do-not-use-in-production")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a long random string in production.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "organisations",
    "maturity",
    "diagnosis",
    "policy",
    "actions",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lndstrategy.middleware.PrivatePageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
    # The site's 404 page for a view's "not found", in debug mode too (`make run`).
    "lndstrategy.middleware.StyledNotFoundMiddleware",
    # After axes, so the block covers the view only (axes' lockout records are its own).
    "lndstrategy.middleware.WritingRequestTransactionMiddleware",
]

ROOT_URLCONF = "lndstrategy.urls"
WSGI_APPLICATION = "lndstrategy.wsgi.application"
ASGI_APPLICATION = "lndstrategy.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The one rounding rule in every template: {{ value|rounded:2 }}, {{ change|signed:1 }}.
            "builtins": ["lndstrategy.number_filters"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.current_organisation",
                "organisations.context_processors.navigation",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The embedded default lives in var/; a fresh checkout has no such folder yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lndstrategy.sqlite3'}"),
        # Persistent connections (each request no longer opens one, ~10 ms CPU on PostgreSQL),
        # checked before reuse so a connection the server dropped is replaced, not an error.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share one SQLite file. WAL lets readers and a writer
    # work at once; a writer waits up to the busy timeout for another instead of failing; and
    # IMMEDIATE transactions take the write lock when they begin, because SQLite fails at once
    # (without waiting) a transaction that read first and then finds another writer committed.
    # synchronous=NORMAL is safe with WAL and saves an fsync per commit. Options given in the
    # URL's query string (``?timeout=5``) take precedence; its init_command runs after ours.
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    _pragmas = ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"]
    if _sqlite.get("init_command"):
        _pragmas.append(str(_sqlite["init_command"]))
    _sqlite["init_command"] = "; ".join(_pragmas)
    _sqlite.setdefault("timeout", env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1))
    _sqlite.setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    # File-based so the web process and the worker share one cache without a server.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection (docs/permissions.md, organisations/lockout.py): a lock applies to one
# username from one address, so an attacker elsewhere cannot lock a real user out; and one
# address trying many usernames is locked after a higher number of failures in all.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "organisations.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["lndstrategy.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

_mail_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mail_options: dict[str, object] = {}
if _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
elif _mail_backend.endswith("filebased.EmailBackend"):
    _mail_options = {"file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "L&D Strategy <no-reply@lndstrategy.local>")

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)
# Password reset emails per hour, per email address and per client IP (organisations/services.py).
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3, minimum=1)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10, minimum=1)

# Celery. Without REDIS_URL the broker is kombu's file-system transport: it
# crosses process boundaries (web → worker) with no server, so `make run` shows
# regeneration happening asynchronously, as it does in production.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(_broker_dir / "processed"),
        # Otherwise kombu puts its control (pidbox) exchange in the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "lndstrategy")
# Two queues (docs/regeneration.md): snapshots (scores and figures) and everything else on the
# default queue; documents (PDF, XLSX, CSV) on their own, served by their own worker, so a
# document build never delays the next snapshot.
REPORTS_DOCUMENTS_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-documents"
CELERY_TASK_ROUTES = {"reports.exports.tasks.export_snapshot": {"queue": REPORTS_DOCUMENTS_QUEUE}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if REDIS_URL:
    # A message taken by a worker that then dies goes back to the queue after this long. It
    # must outlast the longest task plus its countdown (else a live task runs twice); the
    # sweep, not this, is what recovers lost work within REPORTS_SWEEP_SECONDS (the file-system
    # broker has no redelivery at all). docs/regeneration.md, "After a crash".
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": max(300, CELERY_TASK_TIME_LIMIT + 120)}
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}
# Reminders to respondents who have not submitted (rules in diagnosis/reminders.py).
CELERY_BEAT_SCHEDULE["diagnosis-reminders"] = {
    "task": "diagnosis.tasks.remind_due_respondents",
    "schedule": 3600.0,
}

# Regeneration of report snapshots (docs/regeneration.md): changes within the countdown
# coalesce into one run; a build holds a lock that expires if its worker dies; the sweep
# re-enqueues any organisation whose snapshot lags its data.
# A regeneration waits until no change came for REPORTS_DEBOUNCE_MS, at most
# REPORTS_COALESCE_SECONDS after the first change of the burst: one save is fresh in well
# under 2 s, and a burst of edits still costs one or two builds.
REPORTS_DEBOUNCE_SECONDS = env_int("REPORTS_DEBOUNCE_MS", 300, minimum=0) / 1000
REPORTS_COALESCE_SECONDS = env_int("REPORTS_COALESCE_SECONDS", 2, minimum=0)
REPORTS_PENDING_SECONDS = env_int("REPORTS_PENDING_SECONDS", 30, minimum=1)
REPORTS_LOCK_SECONDS = env_int("REPORTS_LOCK_SECONDS", 15, minimum=1)
REPORTS_BUILD_SOFT_SECONDS = env_int("REPORTS_BUILD_SOFT_SECONDS", 60, minimum=1)
REPORTS_BUILD_HARD_SECONDS = env_int("REPORTS_BUILD_HARD_SECONDS", 90, minimum=1)
# Exported documents (docs/exports.md): after each snapshot a separate task builds the PDF,
# XLSX and CSV files (PDF charts by Kaleido driving Chromium). Off skips that step.
REPORTS_BUILD_EXPORTS = env_bool("REPORTS_BUILD_EXPORTS", True)
REPORTS_EXPORT_DELAY_SECONDS = env_int("REPORTS_EXPORT_DELAY_SECONDS", 5, minimum=0)
REPORTS_CHROMIUM_PATH = env_str("REPORTS_CHROMIUM_PATH", "/usr/bin/chromium")
CELERY_BEAT_SCHEDULE["reports-sweep"] = {
    "task": "reports.tasks.sweep_stale_snapshots",
    # With the heartbeats of docs/regeneration.md, work lost in a crash is found within this.
    "schedule": env_int("REPORTS_SWEEP_SECONDS", 30, minimum=1),
}

# Content Security Policy: Django's own middleware; inline scripts need the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Link tokens never reach a log (lndstrategy/log_redaction.py): the filter sits on every handler,
# and on the loggers that print request paths, so any handler added later sees redacted text too.
# Django's own request loggers propagate to these handlers instead of Django's defaults.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "lndstrategy.log_redaction.RedactTokens"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_tokens"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["redact_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "filters": ["redact_tokens"],
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Absolute links in emails (invitations, questionnaire links, password reset).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
