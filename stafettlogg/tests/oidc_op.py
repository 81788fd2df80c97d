"""A real OpenID Provider for the tests (`oidc_provider.mjs`: the npm package `oidc-provider`
in a Node process on loopback), behind a small HTTP proxy that is its public address.

The proxy passes everything through. A test can tell it to tamper with the next ID token the
token endpoint returns (another audience, another issuer, expired, another nonce, a forged
signature), as an attacker between the provider and the application would: the application
must refuse each of them.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.cookiejar import CookieJar
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
KID = "test-key-1"
Tamper = Callable[[dict[str, Any]], dict[str, Any]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})


class OpenIDProvider:
    """Start with ``with OpenIDProvider(...) as op``; ``op.issuer`` is the proxy's address."""

    def __init__(
        self,
        tmp: Path,
        *,
        client_id: str,
        client_secret: str,
        redirect_uris: list[str],
        post_logout_redirect_uris: list[str],
        accounts: dict[str, dict[str, Any]],
        acr: str | None = None,
    ) -> None:
        self.key = new_key()
        self.tamper: Tamper | None = None
        self.forge_signature = False
        self.requests: list[str] = []
        self.proxy_port = free_port()
        self.op_port = free_port()
        self.issuer = f"http://127.0.0.1:{self.proxy_port}"
        config = {
            "port": self.op_port,
            "issuer": self.issuer,
            "jwks": {"keys": [self.key.as_dict(private=True)]},
            "acr": acr,
            "accounts": accounts,
            "clients": [
                {
                    "client_id": client_id,
                    "client_secret": client_secret,
                    "redirect_uris": redirect_uris,
                    "post_logout_redirect_uris": post_logout_redirect_uris,
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                    "token_endpoint_auth_method": "client_secret_basic",
                }
            ],
        }
        self.config_path = tmp / f"op-{self.proxy_port}.json"
        self.config_path.write_text(json.dumps(config))
        self.process: subprocess.Popen[bytes] | None = None
        self.proxy: ThreadingHTTPServer | None = None

    # -- processes ---------------------------------------------------------------------------

    def __enter__(self) -> OpenIDProvider:
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), str(self.config_path)],
            cwd=SCRIPT.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().decode()
        if not line.startswith("ready"):
            self.__exit__()
            raise RuntimeError("the OpenID Provider did not start")
        self.proxy = ThreadingHTTPServer(("127.0.0.1", self.proxy_port), self._handler())
        threading.Thread(target=self.proxy.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proxy is not None:
            self.proxy.shutdown()
            self.proxy.server_close()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        op = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                op.requests.append(f"{self.command} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                upstream = http.client.HTTPConnection("127.0.0.1", op.op_port, timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                if self.path.startswith("/token") and response.status == 200:
                    data = op._tampered(data)
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in {"content-length", "transfer-encoding", "connection"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = _forward  # noqa: N815
            do_POST = _forward  # noqa: N815

        return Handler

    def _tampered(self, data: bytes) -> bytes:
        if self.tamper is None and not self.forge_signature:
            return data
        token = json.loads(data)
        claims = jwt.decode(token["id_token"], self.key).claims
        if self.tamper is not None:
            claims = self.tamper(claims)
        key = new_key() if self.forge_signature else self.key
        token["id_token"] = jwt.encode({"alg": "RS256", "kid": KID}, claims, key)
        return json.dumps(token).encode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class ProviderBrowser:
    """The browser's side at the provider: its cookies (the provider's session), following
    its redirects and filling in its login form."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )
        self.saw_login_form = False

    def log_in(self, authorize_url: str, username: str, stop_at: str) -> str:
        """Go to ``authorize_url``, log in as ``username`` if asked, and return the first
        redirect to a URL that starts with ``stop_at`` (the application's callback)."""
        self.saw_login_form = False
        url, data = authorize_url, None
        for _ in range(10):
            try:
                page = self.opener.open(url, data=data, timeout=10).read().decode()
                form = re.search(r'<form method="post" action="([^"]+)"', page)
                assert form, page[:500]
                self.saw_login_form = True
                url = urllib.parse.urljoin(url, form.group(1))
                data = urllib.parse.urlencode({"username": username}).encode()
            except urllib.error.HTTPError as redirect:
                if redirect.code not in (302, 303):
                    raise
                url = urllib.parse.urljoin(url, redirect.headers["Location"])
                data = None
                if url.startswith(stop_at):
                    return url
        raise AssertionError("the provider never sent the browser back")

    def log_out(self, end_session_url: str) -> str:
        """Confirm the logout at the provider; return where it sends the browser then."""
        page = self.opener.open(end_session_url, timeout=10).read().decode()
        action = re.search(r'<form[^>]*action="([^"]+)"', page)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', page)
        assert action and xsrf, page[:500]
        body = urllib.parse.urlencode({"xsrf": xsrf.group(1), "logout": "yes"}).encode()
        target = urllib.parse.urljoin(end_session_url, action.group(1))
        try:
            self.opener.open(target, data=body, timeout=10)
        except urllib.error.HTTPError as redirect:
            if redirect.code in (302, 303):
                return urllib.parse.urljoin(target, redirect.headers["Location"])
            raise
        raise AssertionError("the provider did not redirect after logout")
