"""Serve the recorded answers on a local port, to try `python -m etl fetch` by hand with no internet:

python -m tests.fetch.serve 8765 &
HROMADA_FETCH_BASE_URL=http://127.0.0.1:8765 python -m etl fetch --raw /tmp/raw --years 2018-2023
"""

from __future__ import annotations

import sys
import time

from demo.council import council_files
from tests.fetch import recordings
from tests.fetch.replay import ReplayServer


def main(port: int) -> None:
    server = ReplayServer(port)
    recordings.serve_all(server, 2023, 2022, council_files((2026, 10))["council_votes/votings.csv"])
    with server:
        print(f"Replaying the recorded answers at {server.url}", flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
