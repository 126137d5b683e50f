"""A replay server per test, and a client with no pauses that records its back-off sleeps."""

from __future__ import annotations

import pytest

from demo.council import council_files
from etl.fetch.http import BASE_URL_VARIABLE, Client
from tests.fetch import recordings
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


@pytest.fixture()
def votes_csv() -> bytes:
    return council_files((2026, 10))["council_votes/votings.csv"]


@pytest.fixture()
def recorded(server: ReplayServer, votes_csv: bytes) -> recordings.HandPlaced:
    """Every source's recorded answers on the server (the real samples' year 2023, weather 2022)."""
    return recordings.serve_all(server, 2023, 2022, votes_csv)
