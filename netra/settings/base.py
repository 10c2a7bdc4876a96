"""Settings shared by every environment.

Configuration comes from environment variables (twelve-factor); every value has a
default that suits the embedded set-up: SQLite in ``var/``, files on disk, tasks run
in-process, no server to install.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("NETRA_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and files live here

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="netra-insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, no CDN
    "django_tasks",
    "django_tasks_db",
    "netra.core",
    "netra.accounts",
    "netra.regions",
    "netra.registry",
    "netra.elections",
    "netra.demo",
    "netra.rules",
    "netra.cases",
    "netra.notifications",
    "netra.prevention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netra.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "netra.urls"
WSGI_APPLICATION = "netra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "netra" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netra.core.context_processors.netra",
            ],
        },
    },
]

# Database: SQLite (WAL) under var/ unless DATABASE_URL names another server.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netra.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and the single writer work side by side; IMMEDIATE makes
            # a write transaction take the lock at BEGIN instead of failing mid-way.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian by default, English available; stored times are UTC, shown in WIB.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "netra" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "netra" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded evidence and imports are never served as plain media: views check permission.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
NETRA_IMPORT_MAX_BYTES = env.int("NETRA_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
# Fernet keys for reporter identities, newest first (comma separated); see cases/crypto.py.
NETRA_FIELD_KEYS = env.list("NETRA_FIELD_KEYS", default=[])
# Key of the verification codes printed on signed pacts and close-outs. Kept apart from
# SECRET_KEY so rotating that key does not invalidate every printed document.
NETRA_VERIFICATION_KEY = env.str("NETRA_VERIFICATION_KEY", default="")
# Evidence uploads (see cases/evidence.py) and the public form's throttles, per IP
# (tracking also per code, against PIN guessing); rates are "count/period" (s, m, h, d).
NETRA_EVIDENCE_MAX_FILE_BYTES = env.int("NETRA_EVIDENCE_MAX_FILE_BYTES", default=20 * 1024 * 1024)
NETRA_EVIDENCE_MAX_FILES = env.int("NETRA_EVIDENCE_MAX_FILES", default=10)
NETRA_EVIDENCE_MAX_TOTAL_BYTES = env.int(
    "NETRA_EVIDENCE_MAX_TOTAL_BYTES", default=100 * 1024 * 1024
)
NETRA_RATE_PUBLIC_REPORT = env.str("NETRA_RATE_PUBLIC_REPORT", default="5/h")
NETRA_RATE_PUBLIC_ATTEMPTS = env.str("NETRA_RATE_PUBLIC_ATTEMPTS", default="30/h")
NETRA_RATE_PUBLIC_ADD = env.str("NETRA_RATE_PUBLIC_ADD", default="10/h")
NETRA_RATE_TRACKING = env.str("NETRA_RATE_TRACKING", default="20/h")
NETRA_RATE_TRACKING_CODE = env.str("NETRA_RATE_TRACKING_CODE", default="10/h")

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "netra_cache",
        }
    }

# Tasks: the database backend needs no broker; `netra demo` runs a worker in-process.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "NETRA_TASKS_BACKEND", default="django_tasks_db.backend.DatabaseBackend"
        ),
    }
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="netra@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Behind a reverse proxy: the header it sets to the real client address (e.g. X-Real-IP),
# so audit records, sign-in limits and rate limits see users rather than the proxy.
NETRA_CLIENT_IP_HEADER = env.str("NETRA_CLIENT_IP_HEADER", default="")
RATELIMIT_IP_META_KEY = "netra.core.middleware.ratelimit_ip"

# Content Security Policy: only our own vendored assets, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
