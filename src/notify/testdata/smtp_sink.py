#!/usr/bin/python3
"""A real SMTP server for Stafett's tests (Debian's python3-aiosmtpd).

usage: smtp_sink.py OUT [--auth USER:PASS] [--starttls CERT KEY]
                        [--fail-first N]

Listens on 127.0.0.1 (a free port), prints "PORT <n>" on stdout once it
accepts connections, and appends every accepted message to OUT as one JSON
line: {"mail_from", "rcpt_tos", "data", "auth_user", "tls"}. With
--fail-first N the first N messages are refused with a transient 451 (the
client must retry). Runs until stdin closes or it gets SIGTERM.

Run it with /usr/bin/python3: a pyenv python3 on PATH may lack aiosmtpd.
"""
import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out, fail_first):
        self.out = out
        self.fail_left = fail_first
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_left > 0:
                self.fail_left -= 1
                return "451 4.3.0 Midlertidig feil, prøv igjen"
            user = session.auth_data.login.decode() if isinstance(
                session.auth_data, LoginPassword) else None
            line = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "auth_user": user,
                "tls": session.ssl is not None,
            }
            with open(self.out, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--auth")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--fail-first", type=int, default=0)
    a = p.parse_args()

    kwargs = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword)
                  and data.login.decode() == user
                  and data.password.decode() == password)
            return AuthResult(success=ok, auth_data=data)

        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(a.starttls))
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.starttls[0], a.starttls[1])
        kwargs.update(tls_context=ctx, require_starttls=True)

    port = free_port()
    controller = Controller(Sink(a.out, a.fail_first), hostname="127.0.0.1",
                            port=port, server_hostname="localhost", **kwargs)
    controller.start()
    print("PORT", port, flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()),
                     daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
