"""A replay server per test, and a client with no pauses that records its back-off sleeps."""

from __future__ import annotations

import pytest

from etl.fetch.http import BASE_URL_VARIABLE, Client
from tests.fetch.replay import ReplayServer


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch):
    with ReplayServer() as replay:
        monkeypatch.setenv(BASE_URL_VARIABLE, replay.url)
        yield replay


@pytest.fixture()
def sleeps() -> list[float]:
    return []


@pytest.fixture()
def client(sleeps: list[float]) -> Client:
    return Client(timeout=2.0, pause=0.0, retries=2, backoff=0.01, sleep=sleeps.append)
