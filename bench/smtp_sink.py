"""A local SMTP server that takes every message and keeps one line per recipient, for the notices
benchmark: the worker's real SMTP backend talks to it over TCP as it would to a mail relay.

    python -m bench.smtp_sink PORT LOG_FILE

It speaks just enough of RFC 5321 for `smtplib` (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
reads each message to its closing dot, and appends `recipient<TAB>bytes` to LOG_FILE, flushed
before it answers 250, so a message counted as sent by the worker is in the log. One thread per
connection; it stops on SIGTERM. Standard library only: `smtpd` is deprecated and gone in
Python 3.12, and `aiosmtpd` is not a dependency of the project.
"""

from __future__ import annotations

import signal
import socketserver
import sys
import threading


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int, log_path: str) -> None:
        super().__init__(("127.0.0.1", port), _Session)
        self.log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - closed in main()
        self.lock = threading.Lock()

    def record(self, recipients: list[str], size: int) -> None:
        with self.lock:
            self.log.writelines(f"{recipient}\t{size}\n" for recipient in recipients)
            self.log.flush()


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, text: str) -> None:
        self.wfile.write(text.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        self._reply("220 bench-sink ESMTP")
        recipients: list[str] = []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                self._reply("250-bench-sink\r\n250-8BITMIME\r\n250 PIPELINING")
            elif verb == b"MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == b"RCPT":
                address = line.decode("utf-8", "replace").split(":", 1)[-1].strip()
                recipients.append(address.split()[0].strip("<>") if address else "")
                self._reply("250 OK")
            elif verb == b"DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                size = 0
                while True:
                    chunk = self.rfile.readline(65536)
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    size += len(chunk)
                if not chunk:
                    return
                self.server.record(recipients, size)
                recipients = []
                self._reply("250 OK queued")
            elif verb == b"QUIT":
                self._reply("221 Bye")
                return
            else:  # HELO, RSET, NOOP and anything else: accepted
                self._reply("250 OK")


def main(port: int, log_path: str) -> None:
    server = _Server(port, log_path)

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        server.log.close()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
