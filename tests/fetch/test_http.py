"""The fetch client against a local server misbehaving as real services do."""

from __future__ import annotations

import socket

import pytest

from etl.fetch.context import check_csv
from etl.fetch.http import Client, FetchError, OfflineError, override_base
from tests.fetch.replay import Recorded

CSV = b"REP_PERIOD;FUND_TYP;COD_INCO\r\n01.2024;T;11010100\r\n"


def test_override_base_replaces_scheme_and_host_only() -> None:
    url = "https://api.openbudget.gov.ua/api/public/localBudgetData?year=2024"
    assert override_base(url, "http://127.0.0.1:9999") == "http://127.0.0.1:9999/api/public/localBudgetData?year=2024"
    assert (
        override_base(url, "http://mirror.local/ob/") == "http://mirror.local/ob/api/public/localBudgetData?year=2024"
    )
    assert override_base(url, "") == url


def test_429_then_success_waits_as_told(server, client: Client, sleeps: list[float]) -> None:
    server.add(
        "GET",
        "/data",
        Recorded(429, b"slow down", {"Retry-After": "3"}),
        Recorded(200, CSV, {"Content-Type": "text/csv"}),
    )
    response = client.request("https://example.org/data")
    assert response.body == CSV
    assert 3.0 in sleeps  # Retry-After honoured
    assert len(server.requests_to("/data")) == 2


def test_503_every_time_is_reported_after_the_retries(server, client: Client, sleeps: list[float]) -> None:
    server.add("GET", "/data", Recorded(503, b"busy"))
    with pytest.raises(FetchError, match=r"503 server error .* try again later"):
        client.request("https://example.org/data")
    assert len(server.requests_to("/data")) == 3  # the first try and two retries
    assert sleeps == [0.01, 0.02]  # back-off doubles


@pytest.mark.parametrize(
    "status, words", [(403, "protection against scripts"), (412, "protection against scripts"), (404, "not found")]
)
def test_refusals_are_not_retried_and_say_what_to_do(server, client: Client, status: int, words: str) -> None:
    server.add("GET", "/data", Recorded(status, b"<html>no</html>", {"Content-Type": "text/html"}))
    with pytest.raises(FetchError, match=words):
        client.request("https://example.org/data")
    assert len(server.requests_to("/data")) == 1


def test_timeout_is_retried_then_reported(server, sleeps: list[float]) -> None:
    server.add("GET", "/slow", Recorded(200, CSV, delay=1.0))
    client = Client(timeout=0.2, pause=0.0, retries=1, backoff=0.01, sleep=sleeps.append)
    with pytest.raises(FetchError, match=r"no answer within 0.2 s"):
        client.request("https://example.org/slow")
    assert len(server.requests_to("/slow")) == 2


def test_html_page_instead_of_data_is_refused(server, client: Client) -> None:
    page = b"<!DOCTYPE html><html><body>Technical works</body></html>"
    server.add("GET", "/data", Recorded(200, page, {"Content-Type": "text/csv"}))
    with pytest.raises(FetchError, match="HTML page came instead of data"):
        client.request("https://example.org/data")


def test_truncated_body_is_refused(server, client: Client) -> None:
    server.add("GET", "/data", Recorded(200, CSV * 50, {"Content-Type": "text/csv"}, truncate_to=40))
    with pytest.raises(FetchError, match="cut short"):
        client.request("https://example.org/data")


def test_a_body_cut_mid_row_without_a_length_is_caught_by_the_csv_check() -> None:
    with pytest.raises(FetchError, match="cut short"):
        check_csv("REP_PERIOD;FUND_TYP;COD_INCO\r\n01.2024;T", "u", ";", ("REP_PERIOD",), "an export")
    with pytest.raises(FetchError, match=r"not an export .*no column REP_PERIOD, FUND_TYP"):
        check_csv("date,temp\n", "u", ";", ("REP_PERIOD", "FUND_TYP"), "an export")
    assert check_csv(CSV.decode(), "u", ";", ("REP_PERIOD",), "an export") == 1


@pytest.mark.parametrize(
    "body, header",
    [
        ("REP_PERIOD;NAME_INC\r\n01.2024;Податок на доходи\r\n".encode("cp1251"), "text/csv;charset=windows-1251"),
        ("REP_PERIOD;NAME_INC\r\n01.2024;Податок на доходи\r\n".encode(), "text/csv;charset=windows-1251"),
        ("REP_PERIOD;NAME_INC\r\n01.2024;Податок на доходи\r\n".encode("cp1251"), "text/csv;charset=utf-8"),
        ("\ufeffREP_PERIOD;NAME_INC\r\n01.2024;Податок на доходи\r\n".encode(), "text/csv"),
    ],
    ids=["cp1251 as declared", "utf-8 declared as cp1251", "cp1251 declared as utf-8", "utf-8 with BOM"],
)
def test_text_is_decoded_right_whatever_the_charset_header_says(
    server, client: Client, body: bytes, header: str
) -> None:
    server.add("GET", "/data", Recorded(200, body, {"Content-Type": header}))
    assert "Податок на доходи" in client.request("https://example.org/data").text()


def test_no_network_is_said_in_words(monkeypatch: pytest.MonkeyPatch, client: Client) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("HROMADA_FETCH_BASE_URL", f"http://127.0.0.1:{port}")
    with pytest.raises(OfflineError, match=r"cannot be reached .* --offline"):
        client.request("https://api.openbudget.gov.ua/api/public/localBudgetData")
