"""The reverse-proxy configuration of docs/deploy.md, run for real.

libmicrohttpd answers an over-long request line (414), over-large headers
and malformed requests by itself, in HTML, before chanjiao sees them; the
nginx configuration that docs/deploy.md ships answers them first, in the
API's JSON envelope, and passes the client's scheme and address on to a
server started with --trusted-proxy.  This test takes that configuration
out of the document as it is written (so the document cannot drift from
what was tested), points it at a chanjiao on an ephemeral port with a
self-signed certificate, starts Debian's nginx (nginx-light, installed by
scripts/install-deps.sh for the tests) and checks every promise:

- 414 / 400 (headers too large) / 400 (malformed) come back as JSON;
- a sign-in through the proxy gets a Secure session cookie;
- the client's own X-Forwarded-For is replaced, so the address the limits
  see is the one nginx saw.
"""
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import cjtest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEPLOY_MD = os.path.join(HERE, "..", "..", "docs", "deploy.md")
ADMIN_PW = "proxy-test-password-2026"


def documented_server_block():
    """The first `server { … }` of the ```nginx block in docs/deploy.md."""
    with open(DEPLOY_MD, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"```nginx\n(.*?)```", text, re.S)
    assert m, "docs/deploy.md has no ```nginx block"
    conf = m.group(1)
    start = conf.index("server {")
    depth, i = 0, start
    while True:
        if conf[i] == "{":
            depth += 1
        elif conf[i] == "}":
            depth -= 1
            if depth == 0:
                return conf[start:i + 1]
        i += 1


class DeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)],
                                extra_args=("--trusted-proxy", "127.0.0.1"))
        d = cls.dir = os.path.join(cls.srv.dir, "nginx")
        os.makedirs(d)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-keyout", os.path.join(d, "key.pem"),
                        "-out", os.path.join(d, "cert.pem")], check=True, capture_output=True)
        cls.port = cjtest.free_port()
        block = documented_server_block()
        # Only the addresses and files of this machine change.
        block = re.sub(r"^\s*listen \[::\]:443[^;]*;\n", "", block, flags=re.M)
        block = re.sub(r"listen 443 ssl( http2)?;", "listen 127.0.0.1:%d ssl%s;" % (cls.port, r"\1"),
                       block)
        block = block.replace("/etc/ssl/chanjiao/fullchain.pem", os.path.join(d, "cert.pem"))
        block = block.replace("/etc/ssl/chanjiao/privkey.pem", os.path.join(d, "key.pem"))
        block = block.replace("http://127.0.0.1:8080", "http://127.0.0.1:%d" % cls.srv.port)
        try:
            cls.nginx = cjtest.start_nginx(d, block, cls.port)
        except AssertionError:
            cls.srv.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.nginx.terminate()
        cls.nginx.wait(timeout=20)
        cls.srv.stop()

    def raw(self, request):
        """Send request bytes over TLS; (status, headers dict lower-case, body)."""
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
            with ctx.wrap_socket(s, server_hostname="localhost") as t:
                t.sendall(request)
                data = b""
                while True:
                    chunk = t.recv(65536)
                    if not chunk:
                        break
                    data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers.setdefault(k.strip().lower(), []).append(v.strip())
        if headers.get("transfer-encoding") == ["chunked"]:
            out, rest = b"", body
            while rest:
                size, _, rest = rest.partition(b"\r\n")
                n = int(size, 16)
                if n == 0:
                    break
                out, rest = out + rest[:n], rest[n + 2:]
            body = out
        return status, headers, body

    def request(self, method, path, body=None, headers=()):
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: localhost", "Connection: close"]
        lines += list(headers)
        data = b""
        if body is not None:
            data = json.dumps(body).encode()
            lines += ["Content-Type: application/json", "Content-Length: %d" % len(data)]
        return self.raw(("\r\n".join(lines) + "\r\n\r\n").encode() + data)

    def assert_json_error(self, status, headers, body, want):
        self.assertEqual(status, want, body[:300])
        self.assertTrue(headers.get("content-type", [""])[0].startswith("application/json"),
                        headers)
        err = json.loads(body)["error"]
        self.assertIsInstance(err["code"], str)
        self.assertIsInstance(err["message"], str)
        self.assertIn("details", err)

    def test_requests_pass_through(self):
        status, _, body = self.request("GET", "/api/v1/health")
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["status"], "ok")

    def test_uri_too_long_is_json(self):
        self.assert_json_error(*self.request("GET", "/api/v1/health?" + "a" * 20000), 414)

    def test_headers_too_large_are_json(self):
        self.assert_json_error(*self.request("GET", "/api/v1/health",
                                             headers=["X-Big: " + "a" * 9000]), 400)

    def test_malformed_request_is_json(self):
        self.assert_json_error(*self.raw(b"GARBAGE\r\n\r\n"), 400)

    def test_session_cookie_is_secure_behind_the_proxy(self):
        status, headers, body = self.request("POST", "/api/v1/auth/login",
                                             {"username": "admin", "password": ADMIN_PW})
        self.assertEqual(status, 200, body)
        cookie = [c for c in headers.get("set-cookie", []) if c.startswith("chanjiao_session=")
                  or "session" in c.split("=")[0]]
        self.assertTrue(cookie, headers)
        self.assertIn("Secure", cookie[0])
        self.assertIn("HttpOnly", cookie[0])

    def test_client_cannot_plant_its_address(self):
        """Wrong passwords sent with a forged X-Forwarded-For are counted
        against 127.0.0.1 (what nginx saw), not the planted address."""
        for _ in range(2):
            status, _, _ = self.request("POST", "/api/v1/auth/login",
                                        {"username": "nobody-here", "password": "wrong-password-x"},
                                        headers=["X-Forwarded-For: 203.0.113.9"])
            self.assertEqual(status, 401)
        keys = [k for (k,) in self.srv.query("SELECT key FROM login_limits")]
        self.assertIn("a:127.0.0.1", keys)
        self.assertFalse([k for k in keys if "203.0.113.9" in k], keys)


if __name__ == "__main__":
    cjtest.run()
