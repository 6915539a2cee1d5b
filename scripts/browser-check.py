#!/usr/bin/env python3
"""Open the shipped examples' HTML and SVG in headless Chromium, screenshot them, print them to
PDF on A4, and fail if a page logs a console error, is wider than the page, or cuts text off.

Each file is checked twice: with the fonts the papers name first (Liberation Sans, Arial's
metrics), and with Liberation rejected through fontconfig so that Chromium falls back to a wider
font (DejaVu Sans, about a tenth wider), as on a machine that has neither Liberation nor Arial.
A paper that fits only in the font it names is cut off when printed anywhere else.

Talks to chromium-driver (chromedriver) over its WebDriver protocol: plain HTTP and JSON, so
nothing beyond Python 3's standard library is needed.

usage: scripts/browser-check.py [--out DIR] [FILE ...]
       (default files: Examples/papers/*.html, Examples/audit/*.html and Examples/graphs/*.svg)
       scripts/browser-check.py --self-test
       (first shows that a page with each fault is failed, and that the fallback font is really
       used, then checks the examples)
"""
import base64
import contextlib
import glob
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# A4 at 96 CSS pixels to the inch: 210 mm is 794 px; inside 12 mm margins the printable width
# is 186 mm, 703 px.
A4_WIDTH_PX = 794
A4_PRINTABLE_PX = 703

# Measured in the page: elements whose content is wider than their box (text cut off or spilling
# into the next cell), anything beyond the page's right edge, SVG text outside the picture or
# overlapping other text.
MEASURE = r"""
const problems = [];
const doc = document.documentElement;
const pageWidth = window.innerWidth;
if (doc.scrollWidth > pageWidth + 1) problems.push(`content is ${doc.scrollWidth}px wide, the page ${pageWidth}px`);
function describe(el) {
  const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}> "${text}"`;
}
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.display === 'contents') continue;
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) continue;
  if (rect.right > pageWidth + 1) problems.push(`${describe(el)} reaches ${Math.round(rect.right)}px, beyond the page (${pageWidth}px)`);
  if (['TD', 'TH', 'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'CAPTION', 'CODE', 'A'].includes(el.tagName)
      && style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
    problems.push(`${describe(el)} is cut off: content ${el.scrollWidth}px in a ${el.clientWidth}px box`);
  }
}
for (const svg of document.querySelectorAll('svg')) {
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => ({t, r: t.getBoundingClientRect()}));
  for (const {t, r} of texts) {
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      problems.push(`SVG text "${t.textContent}" is cut off by the picture's edge`);
  }
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].r, b = texts[j].r;
    const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (overlapX > 1 && overlapY > 2)
      problems.push(`SVG texts overlap: "${texts[i].t.textContent}" and "${texts[j].t.textContent}"`);
  }
  if (!svg.querySelector('title')) problems.push('SVG has no <title>');
}
if (document.contentType === 'text/html') {
  if (!doc.getAttribute('lang')) problems.push('<html> has no lang');
  for (const th of document.querySelectorAll('thead th')) if (!th.getAttribute('scope')) problems.push(`${describe(th)} has no scope`);
  if (document.querySelectorAll('script').length) problems.push('the page has a script');
}
return problems;
"""


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            raise RuntimeError(f"{method} {path}: HTTP {error.code}: {detail[:400]}")

    def start(self):
        capabilities = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--hide-scrollbars", "--force-device-scale-factor=1",
                                            f"--window-size={A4_WIDTH_PX},1100"]},
        }}}
        self.session = self.call("POST", "/session", capabilities)["sessionId"]

    def s(self, path):
        return f"/session/{self.session}{path}"

    def cdp(self, command, params=None):
        return self.call("POST", self.s("/goog/cdp/execute"), {"cmd": command, "params": params or {}})

    def open(self, url, width, media):
        self.cdp("Emulation.setDeviceMetricsOverride", {"width": width, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
        self.cdp("Emulation.setEmulatedMedia", {"media": media})
        self.call("POST", self.s("/url"), {"url": url})

    def console_errors(self):
        entries = self.call("POST", self.s("/se/log"), {"type": "browser"}) or []
        return [e["message"] for e in entries if e.get("level") in ("SEVERE", "ERROR")]

    def measure(self):
        return self.call("POST", self.s("/execute/sync"), {"script": MEASURE, "args": []})

    def screenshot(self, path):
        shot = self.cdp("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def print_pdf(self, path):
        pdf = self.call("POST", self.s("/print"), {"page": {"width": 21.0, "height": 29.7},
                                                   "margin": {"top": 1.2, "bottom": 1.2, "left": 1.2, "right": 1.2},
                                                   "background": True, "shrinkToFit": False})
        data = base64.b64decode(pdf)
        with open(path, "wb") as out:
            out.write(data)
        return data.count(b"/Type /Page") - data.count(b"/Type /Pages") if b"/Type /Page" in data else data.count(b"/Type/Page") - data.count(b"/Type/Pages")

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", self.s(""))
            except Exception:
                pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Pages with one fault each, and the words the check must say about them.
BROKEN_PAGES = {
    "console-error.html": ('<!DOCTYPE html><html lang="en"><body><p>x</p><img src="missing.png"/></body></html>', "console:"),
    "too-wide.html": ('<!DOCTYPE html><html lang="en"><body><div style="width:1200px">wide</div></body></html>', "beyond the page"),
    "cut-off.html": ('<!DOCTYPE html><html lang="en"><body><table style="table-layout:fixed;width:100px"><tr>'
                     '<td style="white-space:nowrap">averyveryverylongcellvalue</td></tr></table></body></html>', "is cut off"),
    "svg-cut-off.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40"><title>t</title>'
                        '<text x="60" y="20">text past the edge</text></svg>', "cut off by the picture"),
}


# A date in a cell 86px wide: 16px Liberation Sans sets "01/11/2022" in 80px, DejaVu Sans in
# 92px. It fits in the named font and must be cut off in the fallback font; if it is not, the
# fallback pass is not measuring what it claims to.
FONT_PROBE = ("font-probe.html",
              '<!DOCTYPE html><html lang="en"><body style="font: 16px \'Liberation Sans\', Arial, sans-serif">'
              '<table style="table-layout:fixed;width:86px;border-collapse:collapse"><tr>'
              '<td style="white-space:nowrap;padding:0">01/11/2022</td></tr></table></body></html>', "is cut off")


def self_test(driver, out_dir, fonts):
    """Each broken page must fail with the expected words, and the font probe must fail exactly
    when the fallback font is used; returns the number of pages that did not behave so."""
    missed = 0
    probe_name, probe_markup, probe_expected = FONT_PROBE
    pages = dict(BROKEN_PAGES)
    pages[probe_name] = (probe_markup, probe_expected)
    with tempfile.TemporaryDirectory() as directory:
        for name, (markup, expected) in sorted(pages.items()):
            path = os.path.join(directory, name)
            with open(path, "w") as page:
                page.write(markup)
            problems = check(driver, path, out_dir, fonts.suffix)[0]
            caught = any(expected in problem for problem in problems)
            if name == probe_name:
                right = caught == fonts.fallback
                wanted = "cut off" if fonts.fallback else "fits"
                print(f"self-test {name} [{fonts.label}]: {'cut off' if caught else 'fits'}"
                      f"{'' if right else ' — WRONG, should be ' + wanted} (a date sized for Liberation Sans)")
                missed += not right
            else:
                print(f"self-test {name} [{fonts.label}]: {'caught' if caught else 'MISSED'} ({expected})")
                missed += not caught
    return missed


class Fonts:
    """The fonts Chromium is started with: the system's as installed, or with Liberation rejected
    (a fontconfig file that includes the system's and rejects every font named *Liberation*,
    passed to chromedriver and so to Chromium in FONTCONFIG_FILE)."""

    REJECT_LIBERATION = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">{system}</include>
  <selectfont><rejectfont><glob>*Liberation*</glob></rejectfont></selectfont>
</fontconfig>
"""

    def __init__(self, fallback, config_dir):
        self.fallback = fallback
        self.label = "fallback font" if fallback else "named fonts"
        self.suffix = ".fallback" if fallback else ""
        self.env = dict(os.environ)
        if fallback:
            config = os.path.join(config_dir, "reject-liberation.conf")
            with open(config, "w") as out:
                # The configuration in force (the system's unless the caller set another) plus the rejection.
                out.write(self.REJECT_LIBERATION.replace("{system}", os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")))
            self.env["FONTCONFIG_FILE"] = config

    def sans(self):
        """What fontconfig gives for "Liberation Sans" under these settings, e.g.
        'DejaVuSans.ttf: "DejaVu Sans" "Book"'."""
        try:
            return subprocess.run(["fc-match", "Liberation Sans"], env=self.env, capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError) as error:
            return f"(fc-match failed: {error})"

    def problem(self):
        """Why these settings do not test what they say, or None."""
        sans = self.sans()
        if self.fallback and "Liberation" in sans:
            return f"Liberation was not rejected: fc-match \"Liberation Sans\" gives {sans}"
        if self.fallback and "DejaVu" not in sans:
            return f"the fallback for Liberation Sans is not DejaVu Sans: fc-match gives {sans} (install fonts-dejavu-core)"
        if not self.fallback and "Liberation" not in sans:
            return f"Liberation Sans is not installed: fc-match gives {sans} (install fonts-liberation)"
        return None


def check(driver, path, out_dir, suffix=""):
    """Opens `path` on screen at A4 width and as printed; returns (problems, pages)."""
    name = os.path.basename(path) + suffix
    problems = []
    for width, media, label in ((A4_WIDTH_PX, "screen", "screen"), (A4_PRINTABLE_PX, "print", "print")):
        driver.open("file://" + path, width, media)
        problems += [f"{label}: console: {m}" for m in driver.console_errors()]
        problems += [f"{label}: {p}" for p in driver.measure()]
        if media == "screen":
            driver.screenshot(os.path.join(out_dir, name + ".png"))
    driver.open("file://" + path, A4_WIDTH_PX, "screen")
    pages = driver.print_pdf(os.path.join(out_dir, name + ".pdf"))
    return problems, pages


def main():
    args = sys.argv[1:]
    out_dir = "/tmp/probity-browser-check"
    selftest = False
    if args[:1] == ["--self-test"]:
        selftest, args = True, args[1:]
    if args[:1] == ["--out"]:
        out_dir, args = args[1], args[2:]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = args or sorted(glob.glob(os.path.join(root, "Examples/papers/*.html")) + glob.glob(os.path.join(root, "Examples/audit/*.html"))
                           + glob.glob(os.path.join(root, "Examples/graphs/*.svg")))
    if not files:
        print("browser-check: no files to check")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory() as config_dir:
        for fonts in (Fonts(False, config_dir), Fonts(True, config_dir)):
            print(f"== {fonts.label}: \"Liberation Sans\" is {fonts.sans()}")
            problem = fonts.problem()
            if problem:
                print(f"browser-check [{fonts.label}]: {problem}")
                failures += 1
                continue
            failures += check_all(files, out_dir, fonts, selftest)
    return 1 if failures else 0


def check_all(files, out_dir, fonts, selftest):
    """Checks every file in a Chromium started with `fonts`; returns the number that failed."""
    driver_binary = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), "chromedriver")
    port = free_port()
    driver_process = subprocess.Popen([driver_binary, f"--port={port}"], env=fonts.env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = WebDriver(port)
    failures = 0
    try:
        for _ in range(100):
            with contextlib.suppress(Exception):
                if driver.call("GET", "/status").get("ready"):
                    break
            time.sleep(0.1)
        driver.start()
        if selftest:
            failures += self_test(driver, out_dir, fonts)
        for path in files:
            path = os.path.abspath(path)
            name = os.path.basename(path) + fonts.suffix
            problems, pages = check(driver, path, out_dir, fonts.suffix)
            status = "ok" if not problems else "FAILED"
            print(f"{os.path.basename(path)} [{fonts.label}]: {status} ({pages} A4 page{'s' if pages != 1 else ''}; {out_dir}/{name}.png, .pdf)")
            for problem in problems[:40]:
                print(f"  {problem}")
            if len(problems) > 40:
                print(f"  … and {len(problems) - 40} more")
            failures += bool(problems)
    finally:
        driver.quit()
        driver_process.terminate()
        driver_process.wait(timeout=10)
    return failures


if __name__ == "__main__":
    sys.exit(main())
