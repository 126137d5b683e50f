"""A local HTTP server that replays recorded responses, so fetchers are tested with no internet.

Routes map (method, path) to a list of Recorded answers, given in turn (the last repeats), or to a function of
the request (for the map service, whose answer depends on the query). Each Recorded answer can also misbehave
as real services do: wait past the client's timeout, or close the connection before the promised body ends.
Every request is logged, so a test can say what was asked for and how often.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a timeout when above the client's)
    truncate_to: int | None = None  # send only this many bytes of the body, promising all of them


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    form: dict[str, list[str]]


Handler = Callable[[Request], Recorded]


class ReplayServer:
    def __init__(self, port: int = 0) -> None:
        self.routes: dict[tuple[str, str], list[Recorded] | Handler] = {}
        self.log: list[Request] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8")) if length else {}
                request = Request(method, parts.path, parse_qs(parts.query), form)
                server.log.append(request)
                answer = server._answer_for(request)
                if answer.delay:
                    time.sleep(answer.delay)
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                body = answer.body if answer.truncate_to is None else answer.body[: answer.truncate_to]
                try:
                    self.wfile.write(body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
                if answer.truncate_to is not None:
                    self.close_connection = True

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

            def log_message(self, *_args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, method: str, path: str, *answers: Recorded | Handler) -> None:
        if len(answers) == 1 and callable(answers[0]):
            self.routes[(method, path)] = answers[0]
        else:
            self.routes[(method, path)] = list(answers)  # type: ignore[arg-type]

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def _answer_for(self, request: Request) -> Recorded:
        route = self.routes.get((request.method, request.path))
        if route is None:
            return Recorded(404, b'{"errors": ["not recorded"]}', {"Content-Type": "application/json"})
        if callable(route):
            return route(request)
        return route.pop(0) if len(route) > 1 else route[0]

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
