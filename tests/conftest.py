"""Shared fixtures for browser tests: real headless Chromium, offline.

``chromium``  (session) one persistent Chromium context (Debian's
              /usr/bin/chromium driven by the ``playwright`` package, fresh
              profile, flags from shared/PYVIS.md).
``open_page`` opens a local HTML file in a new tab with every non-file
              request blocked and recorded, console errors and uncaught
              exceptions collected, and (by default) waits until a netviz map
              has drawn and loaded its evidence (``<html data-netviz-ready>``).
              Returns a :class:`Tab`.
``artifacts`` tests/artifacts/ (git-ignored): screenshots for a person to look at.
``shared``    the project's ``../shared/`` folder (dev corpus, real corpus, GDELT
              sample, GEXF schemas): present beside the repository in CI and
              for developers, never on a user's machine.

Tests that need ``../shared/`` ask for the ``shared`` fixture: on a user's
machine they skip with the reason, and when ``CI`` is set they fail instead.
Browser tests never skip silently: without playwright or Chromium they fail
when the ``CI`` environment variable is set, and skip with the reason otherwise.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: ../shared beside the repository (read-only; never copied into it)
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BENCH = Path(__file__).resolve().parent.parent / "bench"


def bench_script(name: str) -> Any:
    """A script of bench/ loaded as a module (bench/ is not a package), once per run."""
    if name not in sys.modules:
        if str(BENCH) not in sys.path:
            sys.path.insert(0, str(BENCH))  # a script may import another beside it (calibrate -> audit_real)
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}
#: a phone held upright (CSS pixels)
PHONE = {"width": 390, "height": 844}
#: set by netviz.js once the map has drawn and its evidence is loaded
READY = "html[data-netviz-ready]"


def _missing() -> str | None:
    """Why a browser test cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install -y chromium; never `playwright install`)"
    return None


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory):
    """A headless Chromium browser context (playwright ``BrowserContext``)."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI, but {reason}", pytrace=False)
        pytest.skip(f"browser test skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            viewport=VIEWPORT,
            args=LAUNCH_ARGS,
        )
        yield context
        context.close()


def _require(reason: str | None) -> None:
    """Skip with ``reason`` on a user's machine; fail when ``CI`` is set."""
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"this test must run in CI, but {reason}", pytrace=False)
        pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that asks for ``shared``: ``pytest -m "not shared"`` runs what a user can."""
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared/``: the dev and real corpora, the seeds' gold, GDELT, GEXF schemas."""
    _require(None if SHARED.is_dir() else f"{SHARED} is not here (it sits beside the repository for netviz's developers and CI only)")
    return SHARED


@dataclass
class Tab:
    """A page open in Chromium and what it did."""

    page: Any  # playwright.sync_api.Page
    #: URLs of blocked requests (anything but file:); an offline page makes none
    requests: list[str] = field(default_factory=list)
    #: console errors (CSP violations show up here) and uncaught exceptions
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate ``expression`` in the page."""
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_page(chromium) -> Callable[..., Tab]:
    """``open_page(path, ready=True, viewport=None)``: open ``path`` (at ``viewport`` size,
    e.g. ``PHONE``) and return its :class:`Tab`."""
    tabs: list[Tab] = []

    def _open(path: Path, ready: bool = True, timeout_ms: int = 20_000, viewport: dict | None = None) -> Tab:
        tab = Tab(chromium.new_page())
        tabs.append(tab)
        if viewport:
            tab.page.set_viewport_size(viewport)

        def route(r) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                tab.requests.append(r.request.url)
                r.abort()

        tab.page.route("**/*", route)
        tab.page.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
        tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.page.goto(Path(path).resolve().as_uri())
        if ready:
            # a selector, not wait_for_function: polling a string predicate
            # evaluates it in the page, which the page's CSP (no eval) refuses
            tab.page.wait_for_selector(READY, state="attached", timeout=timeout_ms)
        return tab

    yield _open
    for tab in tabs:
        tab.page.close()


@pytest.fixture
def artifacts() -> Path:
    """tests/artifacts/, created if needed."""
    folder = Path(__file__).parent / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder
