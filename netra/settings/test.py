"""Test settings: SQLite by default, PostgreSQL when NETRA_TEST_DB=postgres."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

DEBUG = False
SECRET_KEY = "netra-test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())

# Each test process gets its own database, so two runs on one machine never collide.
if os.environ.get("NETRA_TEST_DB") == "postgres":
    DATABASES["default"] = env.db_url(
        "NETRA_TEST_PG_URL", default="postgres://postgres@127.0.0.1:5432/postgres"
    )
    DATABASES["default"]["TEST"] = {"NAME": f"test_netra_{os.getpid()}"}
else:
    # In-memory SQLite, shared with the live-server thread of the browser tests.
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
