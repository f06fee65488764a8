"""Settings for the test suite: the normal settings in test mode, with fast password hashing.

Playwright drives the browser from the test thread while the live server runs,
so Django's async-safety check is relaxed for tests only.
"""

import os

os.environ.setdefault("DANVAN_ENV", "test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from danvan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflow_app"]  # noqa: F405  (a third workflow, for the kit tests only)
#: The duplicate index is built from the test's own letters at every question (no process cache, no
#: snapshot: ids are reused after a test's rollback); tests of the kept index turn it on.
DANVAN_MATCHING_KEEP = False
