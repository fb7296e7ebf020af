"""`budgetbook serve --workers N`: N server processes on one port, each listening on a socket of
its own (SO_REUSEPORT), so that the kernel spreads the connections evenly among them. With one
socket shared by every worker (uvicorn's own multi-process mode), whichever worker wakes first
takes the connections, and a few kept-alive clients can pile onto one worker while the other
idles. Each worker builds the app from $BUDGETBOOK_DB (`app.app_from_env`), with its own answer
cache; all of them read the store's generation, so they give the same answers."""

from __future__ import annotations

import multiprocessing
import signal
import socket
from types import FrameType
from typing import Any


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, so that asyncio sets TCP_NODELAY on every connection (an answer on a
    # kept-alive connection otherwise waits 40 ms for the client's delayed ACK)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    config = uvicorn.Config("budgetbook.api.app:app_from_env", factory=True, host=host,
                            port=port, log_level="warning", **options)
    uvicorn.Server(config).run(sockets=[_listen(host, port)])


def serve(host: str, port: int, workers: int, options: dict[str, Any]) -> None:
    """Run `workers` server processes until this one is stopped (SIGINT or SIGTERM), then stop
    them and wait for them."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(host, port, options), name=f"budgetbook-{i}")
             for i in range(workers)]
    for p in procs:
        p.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        for p in procs:
            if p.is_alive():
                p.terminate()  # SIGTERM: uvicorn finishes the requests under way

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for p in procs:
        p.join()
