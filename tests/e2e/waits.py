"""Waiting for the state a browser test needs, never for a length of time.

A loaded 2-core machine can take seconds for what an idle one does at once, so a test that sleeps is a test
that fails at random. Streamlit marks its root element with the script's run state
(`data-test-script-state`: running, notRunning, …); deck.gl draws into a WebGL canvas some frames after the
canvas appears, and picks (answers a click) only from what it has drawn.
"""

from __future__ import annotations

import io
import time

from playwright.sync_api import Locator, Page, expect

SETTLE_TIMEOUT_MS = 60_000  # generous: under load a page's run can take tens of seconds


def app_idle(page: Page, timeout: int = SETTLE_TIMEOUT_MS) -> None:
    """The app's script has finished its run and the browser is connected: every element of this run is in
    the page, and widgets, downloads and links are the current ones (a download button of the run before
    points at a file the server has already dropped)."""
    root = page.locator('[data-testid="stApp"]')
    expect(root).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(root).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)


def _painted_share(png: bytes) -> float:
    """The share of pixels in the middle ninth of a screenshot that are not the page's white background."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    height, width = pixels.shape[:2]
    middle = pixels[height // 3 : 2 * height // 3, width // 3 : 2 * width // 3]
    return float((middle.min(axis=2) < 235).mean()) if middle.size else 0.0


def map_drawn(canvas: Locator, timeout: float = SETTLE_TIMEOUT_MS / 1000) -> None:
    """deck.gl has drawn its layers where the test will click: the middle of the canvas is coloured.

    A click before that lands on an empty picking buffer and selects nothing, as it would for a person who
    clicks a blank map; a test must click what is there."""
    deadline = time.monotonic() + timeout
    share = 0.0
    while time.monotonic() < deadline:
        share = _painted_share(canvas.screenshot())
        if share > 0.5:
            return
        canvas.page.wait_for_timeout(200)  # a polling interval, not a guess at how long drawing takes
    raise AssertionError(f"the map was not drawn within {timeout:.0f} s (middle {share:.0%} painted)")
