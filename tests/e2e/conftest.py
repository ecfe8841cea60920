"""Browser tests: a live Django server, the local worker, and Debian's Chromium."""

import os
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API keeps an event loop on the main thread; the ORM calls the tests
# make there are still synchronous (Playwright's documented setting for Django).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# As root, with no network beyond this machine, Chromium must not try to phone home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("Chromium is missing: `apt-get install chromium` (.ci/run does it).")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Every page of every browser test reports Content-Security-Policy violations (issue 15,
# must-show 4); the test fails on any. Playwright's init script runs before the page's own
# scripts and is not subject to the page's policy.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}`,
    sample: event.sample,
  });
});
"""


def watched_context(browser, **options):
    """A browser context whose pages report CSP violations into `context.csp_violations`."""
    context = browser.new_context(**options)
    context.set_default_timeout(30_000)
    violations: list[dict] = []
    context.expose_binding("__cspViolation", lambda _source, report: violations.append(report))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.csp_violations = violations
    return context


@pytest.fixture
def page(browser, live_server):
    context = watched_context(
        browser, viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    yield context.new_page()
    context.close()
    assert context.csp_violations == [], "Content-Security-Policy violations"


@pytest.fixture
def phone_page(browser, live_server):
    context = watched_context(browser, **PHONE, base_url=live_server.url)
    yield context.new_page()
    context.close()
    assert context.csp_violations == [], "Content-Security-Policy violations"


@pytest.fixture
def sign_in(live_server):
    def sign_in(page, user, password="correct horse battery"):  # noqa: S107
        page.goto("/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/galleries/")

    return sign_in


def client_ready(page):
    """Waits until the client page's script answers: the server draws the first tiles, so
    they (and their hearts) are on the page before the script that wires them has run."""
    expect(page.locator("#client[data-ready=true]")).to_be_attached()
