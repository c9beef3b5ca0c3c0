"""Links between a station and the central server, for the sync tests and bench/sync.py.

`FaultProxy` works at the request level. It terminates TLS with the server's own certificate (the station
verifies it against the same test CA, so nothing in the client is switched off), reads each HTTP/1.1 request
off the kept-alive connection, and draws a fault for that request: the connection reset during the TLS
handshake, the request cut in the middle of its body (an interrupted upload), the response dropped after the
server committed, a stall past the client's timeout, or a 500/503 answered in the server's place. A proxy that
only cuts TCP connections mostly hits handshakes and health probes, because connections are kept alive; this
one hits the uploads themselves. Every request is logged (method, path, bytes each way, fault).

`ShapedLink` is a TCP link with a bandwidth and a round-trip time (store and forward, one bottleneck queue per
direction shared by all connections), counting the bytes that cross it: the 3G-class field link of the bench,
or, unshaped, a byte counter between a station and the server.
"""

from __future__ import annotations

import collections
import contextlib
import random
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HANDSHAKE_FAULTS = ("handshake_reset", "handshake_eof")
REQUEST_FAULTS = ("reset", "cut_upload", "drop_response", "stall", "500", "503", "close_after")


def _listen() -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def _reset(sock: socket.socket | None) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a dropped mobile link or a middlebox does."""
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


@dataclass
class Message:
    head: bytes
    body: bytes
    first_line: str
    headers: dict[str, str]

    @property
    def method(self) -> str:
        return self.first_line.split(" ", 1)[0]

    @property
    def path(self) -> str:
        return self.first_line.split(" ")[1].split("?", 1)[0] if " " in self.first_line else ""

    @property
    def status(self) -> int:
        return int(self.first_line.split(" ")[1])

    @property
    def raw(self) -> bytes:
        return self.head + self.body


def read_message(rfile, request: bool, method: str = "GET") -> Message | None:
    """One HTTP/1.1 message off a buffered socket file: head, then a Content-Length or chunked body."""
    lines = []
    while True:
        line = rfile.readline(65537)
        if not line:
            return None
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            break
    head = b"".join(lines)
    text = head.decode("latin-1").split("\r\n")
    headers = {}
    for h in text[1:]:
        if ":" in h:
            k, v = h.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    body = b""
    no_body = not request and (method == "HEAD" or text[0].split(" ")[1] in ("204", "304"))
    if no_body:
        pass
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size_line = rfile.readline()
            parts.append(size_line)
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while True:  # trailers, then the blank line
                    t = rfile.readline()
                    parts.append(t)
                    if t in (b"\r\n", b"\n", b""):
                        break
                break
            parts.append(rfile.read(size + 2))
        body = b"".join(parts)
    elif "content-length" in headers:
        body = rfile.read(int(headers["content-length"]))
    elif not request:
        body = rfile.read()  # until the server closes
    return Message(head, body, text[0], headers)


@dataclass
class Logged:
    method: str
    path: str
    fault: str
    request_bytes: int  # what the station sent
    response_bytes: int
    body: bytes | None = None
    forwarded: int = 0  # what reached the server (less than request_bytes when the upload was cut)


class FaultProxy:
    """Request-level faults between a station and the server, over real TLS on both sides.

    rates: fault name -> probability per request (REQUEST_FAULTS) or per connection (HANDSHAKE_FAULTS).
    plan(n, method, path) may name the fault for the n-th request itself (None: draw from rates).
    connection_plan: faults for the next connections, in order, before any drawn one.
    """

    def __init__(
        self,
        target_port: int,
        cert: Path,
        key: Path,
        ca: Path,
        rates: dict[str, float] | None = None,
        seed: int = 1,
        stall_s: float = 3.0,
        plan: Callable[[int, str, str], str | None] | None = None,
        keep_bodies: tuple[str, ...] = (),
        delay_s: float = 0.0,
        cut_fraction: float | None = None,
    ) -> None:
        self.target_port, self.rates, self.stall_s, self.plan = target_port, dict(rates or {}), stall_s, plan
        self.keep_bodies, self.delay_s, self.cut_fraction = keep_bodies, delay_s, cut_fraction
        self.connection_plan: collections.deque[str] = collections.deque()
        self.rng = random.Random(seed)
        self._server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._server_ctx.load_cert_chain(str(cert), str(key))
        self._client_ctx = ssl.create_default_context(cafile=str(ca))
        self.sock = _listen()
        self.port = self.sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.counts: collections.Counter[str] = collections.Counter()
        self.log: list[Logged] = []
        self._n = 0
        self._lock = threading.Lock()
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    # --- drawing faults --------------------------------------------------------------------------
    def _draw(self, names: tuple[str, ...]) -> str:
        roll = self.rng.random()
        for name in names:
            rate = self.rates.get(name, 0.0)
            if roll < rate:
                return name
            roll -= rate
        return "pass"

    def _request_fault(self, method: str, path: str) -> str:
        with self._lock:
            n, self._n = self._n, self._n + 1
            fault = self.plan(n, method, path) if self.plan else None
            fault = fault or self._draw(REQUEST_FAULTS)
            self.counts[fault] += 1
            return fault

    def requests_to(self, suffix: str, method: str | None = None) -> list[Logged]:
        return [e for e in self.log if e.path.endswith(suffix) and (method is None or e.method == method)]

    # --- serving ---------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with self._lock:
                fault = self.connection_plan.popleft() if self.connection_plan else self._draw(HANDSHAKE_FAULTS)
                if fault != "pass":
                    self.counts[fault] += 1
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    def _handshake_fault(self, client: socket.socket, fault: str) -> None:
        client.settimeout(5)
        with contextlib.suppress(OSError):
            client.recv(4096)  # the ClientHello arrived; the link dies before the server's answer
        if fault == "handshake_reset":
            _reset(client)
        else:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    def _serve(self, client: socket.socket, conn_fault: str) -> None:
        if conn_fault in HANDSHAKE_FAULTS:
            self._handshake_fault(client, conn_fault)
            return
        try:
            tls = self._server_ctx.wrap_socket(client, server_side=True)
        except (OSError, ssl.SSLError):
            _reset(client)
            return
        upstream: ssl.SSLSocket | None = None
        try:
            rfile = tls.makefile("rb")
            up_rfile = None
            while True:
                req = read_message(rfile, request=True)
                if req is None:
                    return
                fault = self._request_fault(req.method, req.path)
                entry = Logged(req.method, req.path, fault, len(req.raw), 0)
                if req.path.endswith(self.keep_bodies) and self.keep_bodies:
                    entry.body = req.body
                self.log.append(entry)
                if fault == "reset":
                    return
                if fault in ("500", "503"):
                    body = b'{"detail":"injected fault"}'
                    head = f"HTTP/1.1 {fault} Injected\r\ncontent-length: {len(body)}\r\n\r\n"
                    tls.sendall(head.encode() + body)
                    entry.response_bytes = len(head) + len(body)
                    continue
                if upstream is None:
                    raw = socket.create_connection(("127.0.0.1", self.target_port), timeout=120)
                    upstream = self._client_ctx.wrap_socket(raw, server_hostname="127.0.0.1")
                    up_rfile = upstream.makefile("rb")
                if fault == "cut_upload" and len(req.body) > 1:
                    cut = self.rng.randint(1, len(req.body) - 1)
                    if self.cut_fraction is not None:
                        cut = max(1, int(len(req.body) * self.cut_fraction))
                    upstream.sendall(req.head + req.body[:cut])
                    entry.forwarded = len(req.head) + cut
                    time.sleep(0.05)  # the server has read part of the body when the link dies
                    return
                if self.delay_s:
                    time.sleep(self.delay_s)  # a slow link: keeps a pass busy long enough to meet another one
                upstream.sendall(req.raw)
                entry.forwarded = len(req.raw)
                resp = read_message(up_rfile, request=False, method=req.method)
                if resp is None:
                    return
                entry.response_bytes = len(resp.raw)
                if fault == "drop_response":
                    return  # the server committed; the station never hears
                if fault == "stall":
                    time.sleep(self.stall_s)
                    return
                tls.sendall(resp.raw)
                if fault == "close_after":  # answered, then the connection closes: the next request needs a handshake
                    with contextlib.suppress(OSError, ssl.SSLError):
                        tls = tls.unwrap()
                    with contextlib.suppress(OSError):
                        tls.shutdown(socket.SHUT_RDWR)
                        tls.close()
                    return
                if "close" in (req.headers.get("connection", "") + resp.headers.get("connection", "")).lower():
                    return
        except (OSError, ssl.SSLError, ValueError):
            return
        finally:
            _reset(upstream)
            _reset(tls)

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self.sock.close()


def first(suffix: str, fault: str, method: str = "POST", times: int = 1) -> Callable[[int, str, str], str | None]:
    """A plan: the first `times` requests whose path ends with `suffix` get `fault`, then none."""
    left = [times]

    def plan(_n: int, m: str, path: str) -> str | None:
        if m == method and path.endswith(suffix) and left[0] > 0:
            left[0] -= 1
            return fault
        return "pass"

    return plan


class _Direction:
    """One direction of the link: a bottleneck queue and a wire that carries `rate` bytes/s after `delay` s."""

    def __init__(self, rate: float | None, delay: float, queue_bytes: int) -> None:
        self.rate, self.delay, self.queue_bytes = rate, delay, queue_bytes
        self.free_at = 0.0  # when the wire has sent everything queued so far
        self.lock = threading.Lock()
        self.bytes = 0

    def schedule(self, n: int) -> float:
        """When n bytes arriving now are delivered at the far end."""
        with self.lock:
            self.bytes += n
            now = time.monotonic()
            start = max(now, self.free_at)
            self.free_at = start + (n / self.rate if self.rate else 0.0)
            return self.free_at + self.delay


class ShapedLink:
    """A TCP link to 127.0.0.1:target_port with `rate_bps` bits/s each way and `rtt_s` round trip, counting bytes.

    With rate_bps=None and rtt_s=0 it only counts (the bench's wire meter)."""

    def __init__(self, target_port: int, rate_bps: float | None = None, rtt_s: float = 0.0, queue_bytes=64_000):
        self.target_port = target_port
        rate = rate_bps / 8 if rate_bps else None
        self.up = _Direction(rate, rtt_s / 2, queue_bytes)
        self.down = _Direction(rate, rtt_s / 2, queue_bytes)
        self.sock = _listen()
        self.port = self.sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.connections = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def total_bytes(self) -> int:
        return self.up.bytes + self.down.bytes

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                _reset(client)
                continue
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for src, dst, d in ((client, upstream, self.up), (upstream, client, self.down)):
                self._pipe(src, dst, d)

    def _pipe(self, src: socket.socket, dst: socket.socket, d: _Direction) -> None:
        if d.rate is None and d.delay == 0:
            threading.Thread(target=self._copy, args=(src, dst, d), daemon=True).start()
            return
        q: collections.deque[tuple[float, bytes]] = collections.deque()
        cv = threading.Condition()
        queued = [0]

        def reader() -> None:
            try:
                while data := src.recv(16384):
                    with cv:
                        while queued[0] > d.queue_bytes:  # a full bottleneck queue holds the sender back (TCP)
                            cv.wait()
                        q.append((d.schedule(len(data)), data))
                        queued[0] += len(data)
                        cv.notify_all()
            except OSError:
                pass
            with cv:
                q.append((0.0, b""))
                cv.notify_all()

        def writer() -> None:
            try:
                while True:
                    with cv:
                        while not q:
                            cv.wait()
                        at, data = q.popleft()
                    if not data:
                        break
                    pause = at - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    dst.sendall(data)
                    with cv:
                        queued[0] -= len(data)
                        cv.notify_all()
            except OSError:
                pass
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

        threading.Thread(target=reader, daemon=True).start()
        threading.Thread(target=writer, daemon=True).start()

    @staticmethod
    def _copy(src: socket.socket, dst: socket.socket, d: _Direction) -> None:
        try:
            while data := src.recv(262144):
                with d.lock:
                    d.bytes += len(data)
                dst.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self.sock.close()
