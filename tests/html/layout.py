#!/usr/bin/env python3
# tests/html/layout.py BROWSER PLAN: drives one headless Chromium through the DevTools
# protocol on a pipe (--remote-debugging-pipe: no port, no package) for every page of
# PLAN, so that run.sh starts the browser once rather than about 40 times. PLAN has a
# line per page, its fields separated by tabs: the page's URL, then what to make of it,
# each in a tab of its own (a new target), the page loaded afresh:
#   dom=FILE       the DOM, as `chromium --dump-dom` writes it (the doctype, then
#                  document.documentElement.outerHTML), at --dump-dom's 800 × 600;
#   console=FILE   every message the page logged while the DOM was taken, one a line
#                  (what --enable-logging=stderr prints as :CONSOLE lines: console
#                  calls, errors, and the browser's own, a CSP violation or a resource
#                  that failed to load);
#   layout=FILE@VIEW,VIEW...  layout.js's findings at each VIEW, "WIDTH" (the screen's
#                  media at a viewport WIDTH CSS pixels wide: a phone's 390) or
#                  "WIDTH:print" (the printer's media: an A4 page's 718 pixels between
#                  1 cm margins), each line prefixed with "VIEW: ": "viewport W scroll
#                  S", then every element wider than the viewport outside a scroll
#                  container and every chart text cut off by its <svg> (layout.js says
#                  how), and "VIEW: console: ..." for every message the page logged;
#   shot=WxH@FILE  a PNG screenshot of a W × H window (`--screenshot --window-size`);
#   pdf=FILE       the page printed to PDF without header and footer (`--print-to-pdf
#                  --no-pdf-header-footer`).
# layout.js runs in the page through the protocol (its evaluation is not the page's
# script: the page's Content-Security-Policy still forbids every script of its own).
# `layout.py BROWSER URL VIEW...` prints the layout of one page at each VIEW on stdout.
# Exit status 2 when the browser cannot be driven (run.sh then says so and skips).
import base64
import json
import os
import subprocess
import sys
import time

browser = sys.argv[1]
script = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "layout.js"),
              encoding="utf-8").read()
DOM = ("(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n'"
       " : '') + document.documentElement.outerHTML")

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


def evaluate(s, expression, promise=False):
    r = call("Runtime.evaluate", s, expression=expression, returnByValue=True,
             awaitPromise=promise)
    if "exceptionDetails" in r:
        raise RuntimeError("%s: %s" % (expression[:40], r["exceptionDetails"]))
    return r["result"].get("value")


def console():
    """The messages logged since the tab was opened."""
    lines = []
    for e in events:
        if e.get("method") == "Runtime.consoleAPICalled":
            lines.append(" ".join(str(a.get("value", "")) for a in e["params"]["args"]))
        elif e.get("method") == "Log.entryAdded":
            lines.append(e["params"]["entry"].get("text", ""))
        elif e.get("method") == "Runtime.exceptionThrown":
            lines.append(e["params"]["exceptionDetails"].get("text", ""))
    return lines


def opened(url, width, height, mobile=False, media="screen"):
    """A new tab with url loaded at width × height; returns (target, session)."""
    del events[:]
    target = call("Target.createTarget", url="about:blank")["targetId"]
    s = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    call("Page.enable", s)
    call("Runtime.enable", s)
    call("Log.enable", s)
    call("Emulation.setDeviceMetricsOverride", s, width=width, height=height,
         deviceScaleFactor=1, mobile=mobile)
    call("Emulation.setEmulatedMedia", s, media=media)
    call("Page.navigate", s, url=url)
    wait_for("Page.loadEventFired", time.time() + 60)
    # what the load logged late (a violation reported after the event) comes first
    evaluate(s, "new Promise(function (r) { setTimeout(r, 50); })", promise=True)
    return target, s


def layout(url, views):
    lines = []
    for view in views:
        width, _, media = view.partition(":")
        target, s = opened(url, int(width), 900, mobile=int(width) < 600,
                           media=media or "screen")
        found = evaluate(s, script).split("\n") + ["console: " + m for m in console()]
        call("Target.closeTarget", targetId=target)
        lines += ["%s: %s" % (view, line) for line in found]
    return lines


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def do(url, job):
    what, _, arg = job.partition("=")
    if what == "dom" or what == "console":
        return  # both made by dom_and_console
    if what == "layout":
        path, _, views = arg.rpartition("@")
        write(path, "".join(l + "\n" for l in layout(url, views.split(","))).encode())
    elif what == "shot":
        size, _, path = arg.partition("@")
        w, _, h = size.partition("x")
        target, s = opened(url, int(w), int(h))
        png = call("Page.captureScreenshot", s, format="png")["data"]
        call("Target.closeTarget", targetId=target)
        write(path, base64.b64decode(png))
    elif what == "pdf":
        target, s = opened(url, 800, 600)
        pdf = call("Page.printToPDF", s, displayHeaderFooter=False)["data"]
        call("Target.closeTarget", targetId=target)
        write(arg, base64.b64decode(pdf))
    else:
        raise ValueError("a plan's job %r" % job)


def dom_and_console(url, jobs):
    paths = dict(j.partition("=")[::2] for j in jobs if j.split("=")[0] in ("dom", "console"))
    if not paths:
        return
    target, s = opened(url, 800, 600)
    dom = evaluate(s, DOM)
    messages = console()
    call("Target.closeTarget", targetId=target)
    if "dom" in paths:
        write(paths["dom"], (dom + "\n").encode())
    if "console" in paths:
        write(paths["console"], "".join(m + "\n" for m in messages).encode())


try:
    if len(sys.argv) > 3:
        for line in layout(sys.argv[2], sys.argv[3:]):
            print(line)
    else:
        for line in open(sys.argv[2], encoding="utf-8"):
            url, *jobs = line.rstrip("\n").split("\t")
            dom_and_console(url, jobs)
            for job in jobs:
                do(url, job)
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
