"""Real Chromium (Debian's package) driven by Playwright against the live test server."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A Vietnamese officer's browser: the interface answers in Vietnamese.
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _password_alone_signs_in(settings) -> None:
    """The journeys sign leaders and the administrator in with the password alone, as the demo does
    (docs/decisions/0010-two-factor.md); the second step is walked in tests/accounts/test_two_factor.py."""
    settings.DANVAN_2FA_REQUIRED_ROLES = []
