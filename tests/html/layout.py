#!/usr/bin/env python3
# tests/html/layout.py BROWSER URL VIEW...: loads URL in headless Chromium once per VIEW,
# "WIDTH" (the screen's media at a viewport WIDTH CSS pixels wide: a phone's 390) or
# "WIDTH:print" (the printer's media: an A4 page's 718 pixels between 1 cm margins),
# driving one browser through the DevTools protocol on a pipe (--remote-debugging-pipe:
# no port, no package); runs layout.js in the page (the protocol's evaluation is not the
# page's script: its Content-Security-Policy still forbids every script of its own) and
# prints what it found, each line prefixed with "VIEW: ": "viewport W scroll S", then
# every element wider than the viewport outside a scroll container and every chart text
# cut off by its <svg> (layout.js says how). Also "VIEW: console: ..." for every
# message the page logged. Run by run.sh; exit status 2 when the browser cannot be
# driven (run.sh then says so and skips).
import json
import os
import subprocess
import sys
import time

browser, url, views = sys.argv[1], sys.argv[2], sys.argv[3:]
script = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "layout.js"),
              encoding="utf-8").read()

to_r, to_w = os.pipe()      # we write, chromium reads on its fd 3
from_r, from_w = os.pipe()  # chromium writes on its fd 4
proc = subprocess.Popen(
    [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
     "--no-first-run", "--remote-debugging-pipe", "about:blank"],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)))
os.close(to_r)
os.close(from_w)
out = os.fdopen(to_w, "wb")
inp = os.fdopen(from_r, "rb")
buf, ids, events = b"", [0], []


def message():
    global buf
    while b"\0" not in buf:
        chunk = inp.read1(65536)
        if not chunk:
            raise EOFError("the browser closed the pipe")
        buf += chunk
    m, buf = buf.split(b"\0", 1)
    return json.loads(m)


def call(method, session=None, **params):
    ids[0] += 1
    m = {"id": ids[0], "method": method, "params": params}
    if session:
        m["sessionId"] = session
    out.write(json.dumps(m).encode() + b"\0")
    out.flush()
    while True:
        r = message()
        if r.get("id") == ids[0]:
            if "error" in r:
                raise RuntimeError("%s: %s" % (method, r["error"]))
            return r["result"]
        events.append(r)


def wait_for(method, deadline):
    while time.time() < deadline:
        for e in events:
            if e.get("method") == method:
                return
        events.append(message())
    raise TimeoutError(method)


def look(view):
    """layout.js's findings on the page at view, and the console's messages."""
    width, _, media = view.partition(":")
    width = int(width)
    del events[:]
    target = call("Target.createTarget", url="about:blank")["targetId"]
    s = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    call("Page.enable", s)
    call("Runtime.enable", s)
    call("Log.enable", s)
    call("Emulation.setDeviceMetricsOverride", s, width=width, height=900,
         deviceScaleFactor=1, mobile=width < 600)
    call("Emulation.setEmulatedMedia", s, media=media or "screen")
    call("Page.navigate", s, url=url)
    wait_for("Page.loadEventFired", time.time() + 60)
    r = call("Runtime.evaluate", s, expression=script, returnByValue=True)
    if "exceptionDetails" in r:
        raise RuntimeError("layout.js: %s" % r["exceptionDetails"])
    lines = r["result"]["value"].split("\n")
    for e in events:
        if e.get("method") == "Runtime.consoleAPICalled":
            lines.append("console: " + " ".join(str(a.get("value", ""))
                                                for a in e["params"]["args"]))
        elif e.get("method") == "Log.entryAdded":
            lines.append("console: " + e["params"]["entry"].get("text", ""))
        elif e.get("method") == "Runtime.exceptionThrown":
            lines.append("console: " + e["params"]["exceptionDetails"].get("text", ""))
    call("Target.closeTarget", targetId=target)
    for line in lines:
        print("%s: %s" % (view, line))


try:
    for view in views:
        look(view)
    try:
        call("Browser.close")
    except (EOFError, RuntimeError):
        pass
except (EOFError, RuntimeError, TimeoutError, OSError, ValueError) as e:
    print("layout.py: %s" % e, file=sys.stderr)
    proc.kill()
    sys.exit(2)
finally:
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
