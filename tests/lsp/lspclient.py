"""lspclient.py: a scripted Language Server Protocol client over stdio, with Python's
standard library only. Client(cmd) starts the server; request() sends a request and
returns its response (keeping the notifications that came before it), notify() sends a
notification, wait_notification() waits for one by method.
"""
import json
import os
import select
import subprocess
import time


class ServerError(Exception):
    pass


class Client:
    def __init__(self, cmd, env=None, cwd=None):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd)
        self.buf = b""
        self.next_id = 1
        self.notifications = []

    # ---- framing ----
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def encode(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, msg):
        self.send_raw(self.encode(msg))

    def _read_more(self, deadline):
        wait = deadline - time.monotonic()
        if wait <= 0:
            raise TimeoutError("no answer from the server")
        ready, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not ready:
            raise TimeoutError("no answer from the server")
        chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
        if not chunk:
            raise EOFError("the server closed its output (exit %s)" % self.proc.poll())
        self.buf += chunk

    def read(self, timeout=10.0):
        """The next message from the server."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            self._read_more(deadline)
        head, rest = self.buf.split(b"\r\n\r\n", 1)
        length = None
        for line in head.split(b"\r\n"):
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v)
        if length is None:
            raise ServerError("a header without Content-Length: %r" % head)
        while len(rest) < length:
            self.buf = head + b"\r\n\r\n" + rest
            self._read_more(deadline)
            head, rest = self.buf.split(b"\r\n\r\n", 1)
        self.buf = rest[length:]
        return json.loads(rest[:length].decode("utf-8"))

    # ---- messages ----
    def request_raw(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def response(self, rid, timeout=10.0):
        while True:
            msg = self.read(timeout)
            if "method" in msg and "id" not in msg:
                self.notifications.append(msg)
            elif msg.get("id") == rid:
                return msg
            else:
                raise ServerError("an unexpected message: %r" % msg)

    def request(self, method, params=None, timeout=10.0):
        """The whole response message: {"id", "result"} or {"id", "error"}."""
        return self.response(self.request_raw(method, params), timeout)

    def result(self, method, params=None, timeout=10.0):
        msg = self.request(method, params, timeout)
        if "error" in msg:
            raise ServerError("%s: %r" % (method, msg["error"]))
        return msg["result"]

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_notification(self, method, timeout=10.0, uri=None):
        """The first notification of method (for uri) kept or arriving next."""
        deadline = time.monotonic() + timeout
        while True:
            for i, n in enumerate(self.notifications):
                if n["method"] == method and (uri is None or n["params"].get("uri") == uri):
                    return self.notifications.pop(i)
            msg = self.read(max(0.0, deadline - time.monotonic()))
            if "id" in msg:
                raise ServerError("an unexpected response: %r" % msg)
            self.notifications.append(msg)

    # ---- the lifecycle ----
    def initialize(self, root_uri=None):
        r = self.result("initialize", {"processId": os.getpid(), "rootUri": root_uri,
                                       "capabilities": {}})
        self.notify("initialized", {})
        return r

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "scen", "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def diagnostics(self, uri, timeout=10.0, version=None):
        """The next diagnostics published for uri (of that version, when given: older
        ones are dropped)."""
        while True:
            p = self.wait_notification("textDocument/publishDiagnostics", timeout, uri)["params"]
            if version is None or p.get("version") == version:
                return p

    def forget(self, uri):
        """Drops the notifications kept for uri."""
        self.notifications = [n for n in self.notifications
                              if n.get("params", {}).get("uri") != uri]

    def shutdown(self, timeout=10.0):
        self.result("shutdown")
        self.notify("exit")
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()

    def close(self):
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
