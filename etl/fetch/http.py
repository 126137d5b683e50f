"""One HTTP client for every fetcher: retries with back-off, polite pacing, one base-URL override, and bodies
checked before anything is written.

Official services fail in ways a plain `requests.get` would save to disk as data: an HTML error page served
with status 200, a body cut short by a dropped connection, 429 "too many requests" and 412/403 from a bot
filter. Each becomes a FetchError whose message says what happened and what to do, so one failing source is
reported in words while the others still land.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

import requests

BASE_URL_VARIABLE = "HROMADA_FETCH_BASE_URL"
# Some public sites (openbudget.gov.ua, prozorro.gov.ua) answer scripts without a browser's User-Agent with 403.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 SMART-Hromada"
)
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER_SECONDS = 120.0


class FetchError(RuntimeError):
    """A request that did not bring data, said in words with what to do about it."""


class OfflineError(FetchError):
    """The service cannot be reached at all (no network, DNS, refused)."""


def override_base(url: str, base: str | None = None) -> str:
    """The URL with scheme and host replaced by HROMADA_FETCH_BASE_URL's, when set (one local server for all)."""
    base = base if base is not None else os.environ.get(BASE_URL_VARIABLE, "")
    if not base:
        return url
    target, replacement = urlsplit(url), urlsplit(base)
    prefix = replacement.path.rstrip("/")
    return urlunsplit((replacement.scheme, replacement.netloc, prefix + target.path, target.query, ""))


@dataclass
class Response:
    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    headers: dict[str, str]
    fetched_at: datetime

    def text(self) -> str:
        """The body as text: UTF-8 when it is valid UTF-8 (with or without a BOM), else the charset the server
        declares (openbudget says windows-1251), else Windows-1251.

        Cyrillic in Windows-1251 is practically never valid UTF-8, so trying UTF-8 first also rescues a body
        whose header names the wrong charset, in either direction.
        """
        try:
            return self.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        for charset in (self.charset, "cp1251"):
            if charset and charset not in ("utf-8", "utf8"):
                try:
                    return self.body.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    continue
        raise FetchError(f"{self.url}: the body is neither UTF-8 nor {self.charset or 'Windows-1251'} text")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip('"').lower()
    return None


def looks_like_html(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:200]


@dataclass
class Client:
    """requests.Session with the project's manners: a pause between requests, retries with back-off."""

    timeout: float = 60.0
    pause: float = 1.0
    retries: int = 4
    backoff: float = 2.0
    progress: Callable[[str], None] = lambda _msg: None
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)
    _last: float = 0.0

    def __post_init__(self) -> None:
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Language": "uk,en;q=0.8"})

    def request(
        self,
        url: str,
        *,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        accept: str = "*/*",
        expect: str = "data",
    ) -> Response:
        """GET (or POST with `data`) and return a checked response; raise FetchError with words otherwise.

        expect: "data" refuses an HTML page where data was asked for; "html" accepts one.
        """
        url = override_base(url)
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn()
            try:
                reply = self.session.request(
                    "POST" if data is not None else "GET",
                    url,
                    params=params,
                    data=data,
                    headers={"Accept": accept},
                    timeout=self.timeout,
                )
                body = reply.content  # urllib3 checks Content-Length: a body cut short raises here
            except requests.exceptions.ChunkedEncodingError:
                error = _cut_short(url)
            except requests.exceptions.Timeout:
                error = FetchError(
                    f"{url}: no answer within {self.timeout:g} s; the service is slow or busy, try again later "
                    "(or raise [fetch] timeout_seconds)"
                )
            except requests.exceptions.ConnectionError as exc:
                if _is_truncated(exc):
                    error = _cut_short(url)
                else:
                    error = OfflineError(
                        f"{_host(url)} cannot be reached (no internet connection, or the site is down); "
                        "check the connection, or run with --offline to use what was fetched before"
                    )
            except requests.exceptions.RequestException as exc:
                error = FetchError(f"{url}: the request failed ({type(exc).__name__}: {exc})")
            else:
                error = self._check(reply, body, expect)
                if error is None:
                    content_type = reply.headers.get("Content-Type", "")
                    return Response(
                        url=reply.url,
                        status=reply.status_code,
                        body=body,
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=_charset(content_type),
                        headers={k.lower(): v for k, v in reply.headers.items()},
                        fetched_at=datetime.now(UTC).replace(microsecond=0),
                    )
                if reply.status_code in RETRY_STATUSES and attempt <= self.retries:
                    delay = _retry_after(reply) or self.backoff * 2 ** (attempt - 1)
                    self.progress(f"  {reply.status_code} from {_host(url)}; trying again in {delay:g} s")
                    self.sleep(min(delay, MAX_RETRY_AFTER_SECONDS))
                    continue
                raise error
            if isinstance(error, OfflineError) or attempt > self.retries:
                raise error
            delay = self.backoff * 2 ** (attempt - 1)
            self.progress(f"  {error}; trying again in {delay:g} s")
            self.sleep(delay)

    def _wait_turn(self) -> None:
        """At most one request per `pause` seconds: the services are public and shared."""
        wait = self._last + self.pause - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()

    @staticmethod
    def _check(reply: requests.Response, body: bytes, expect: str) -> FetchError | None:
        status, url = reply.status_code, reply.url
        if status == 429:
            return FetchError(f"{url}: 429 too many requests; the service limits how often it answers, try later")
        if status in (403, 412):
            return FetchError(
                f"{url}: {status} refused by the site's protection against scripts; try again later, or download "
                "the file in a browser and place it under data/raw/ by hand"
            )
        if status == 404:
            return FetchError(f"{url}: 404 not found; check the code or address in hromada.toml [fetch]")
        if status >= 500:
            return FetchError(f"{url}: {status} server error at {_host(url)}; try again later")
        if status == 400:
            return FetchError(
                f"{url}: 400, the service did not accept the request; a setting in hromada.toml (a code, the centre, "
                "the years) may be outside what it serves"
            )
        if status >= 400:
            return FetchError(f"{url}: {status} {reply.reason}")
        if expect == "data" and ("html" in reply.headers.get("Content-Type", "").lower() or looks_like_html(body)):
            return FetchError(
                f"{url}: an HTML page came instead of data (a maintenance or error page); nothing was written, "
                "try again later"
            )
        return None


def _cut_short(url: str) -> FetchError:
    return FetchError(
        f"{url}: the answer was cut short (the connection closed before the whole body came); try again later"
    )


def _is_truncated(exc: Exception) -> bool:
    text = repr(exc)
    return "IncompleteRead" in text or "ChunkedEncodingError" in text or "ProtocolError" in text


def _retry_after(reply: requests.Response) -> float | None:
    value = reply.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _host(url: str) -> str:
    return urlsplit(url).netloc or url
