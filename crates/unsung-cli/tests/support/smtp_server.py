"""A real SMTP server for Unsung's email tests: Python's aiosmtpd on 127.0.0.1, STARTTLS
required (or TLS from the first byte with --implicit-tls), AUTH checked against one user and
password, and each accepted message written to a folder as its own .eml file (renamed into
place, so a reader never sees half a message).

    python smtp_server.py --cert server.pem --key server.key --user U --password P --out DIR
                          [--implicit-tls] [--delay SECONDS]

Prints "PORT <n>" once it listens; stops when its standard input closes.
"""

import argparse
import asyncio
import os
import socket
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            # A slow server: the client may be killed while it waits for the answer.
            await asyncio.sleep(self.delay)
        name = f"{time.time_ns()}-{uuid.uuid4().hex}"
        part = os.path.join(self.out, name + ".part")
        with open(part, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(part, os.path.join(self.out, name + ".eml"))
        return "250 2.0.0 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == args.user.encode()
            and auth_data.password == args.password.encode()
        )
        return AuthResult(success=ok, handled=False)

    common = dict(
        authenticator=authenticate,
        auth_required=True,
        # With TLS from the first byte aiosmtpd does not see the session as TLS; the whole
        # connection is encrypted anyway. With STARTTLS, no login before the upgrade.
        auth_require_tls=not args.implicit_tls,
    )
    port = free_port()
    if args.implicit_tls:
        controller = Controller(
            Keep(args.out, args.delay),
            hostname="127.0.0.1",
            port=port,
            ssl_context=context,
            **common,
        )
    else:
        controller = Controller(
            Keep(args.out, args.delay),
            hostname="127.0.0.1",
            port=port,
            tls_context=context,
            require_starttls=True,
            **common,
        )
    controller.start()
    print(f"PORT {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
