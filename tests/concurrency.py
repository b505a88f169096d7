"""Requests sent at the same moment, each from its own thread, to the serving app (real concurrency)."""

import threading

from tests.conftest import thread_client


def at_once(app, calls: list[tuple[str, str, dict, dict | None]]) -> list[tuple[int, dict]]:
    """Send every (method, path, headers, JSON body) at the same moment; the responses in the calls' order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i: int, method: str, path: str, headers: dict, body: dict | None) -> None:
        client = thread_client(app)
        barrier.wait()
        response = client.open(path, method=method, json=body, headers=headers)
        results[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results
