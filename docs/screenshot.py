"""Take screenshots of a running Odoo as a logged-in user, in headless Chromium (DevTools protocol).

    python docs/screenshot.py --url http://127.0.0.1:8069 --db property \
        --login admin --password admin --out docs/screenshots/manager-units.png \
        --path "/odoo/action-property_tenant.property_unit_action"

Used to refresh the pictures in the README (docs/screenshots/); needs only `requests`,
`websocket-client` and chromium. Chromium picks a free DevTools port itself, so runs never collide;
a width under 768 (e.g. --width 390 --height 844) emulates a phone.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

import requests
import websocket


def login(url, db, user, password):
    session = requests.Session()
    resp = session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password}},
        timeout=60,
    )
    resp.raise_for_status()
    if resp.json().get("error"):
        raise SystemExit(f"login failed: {resp.json()['error']}")
    return session


def set_lang(url, session, lang):
    """Switch the logged-in user's language (a user preference, kept after the run)."""
    uid = session.post(
        f"{url}/web/session/get_session_info", json={"jsonrpc": "2.0", "params": {}}, timeout=60
    ).json()["result"]["uid"]
    resp = session.post(
        f"{url}/web/dataset/call_kw/res.users/write",
        json={
            "jsonrpc": "2.0",
            "params": {
                "model": "res.users",
                "method": "write",
                "args": [[uid], {"lang": lang}],
                "kwargs": {},
            },
        },
        timeout=60,
    )
    if resp.json().get("error"):
        raise SystemExit(f"cannot switch language: {resp.json()['error']['data']['message']}")


class Chrome:
    def __init__(self, width, height):
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.profile = tempfile.mkdtemp(prefix="shot-")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                # port 0: chromium picks a free port and writes it to DevToolsActivePort,
                # so that two runs (or another engineer's chromium) never collide
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(150):
            try:
                with open(port_file) as f:
                    port = int(f.readline())
                targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=1).json()
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:  # noqa: BLE001 - chromium still starting
                time.sleep(0.2)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.msg_id = 0

    def call(self, method, **params):
        self.msg_id += 1
        self.ws.send(json.dumps({"id": self.msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.msg_id:
                return msg.get("result", {})

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="property")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--lang", default=None, help="e.g. zh_CN: switch the user's language first")
    parser.add_argument("--path", action="append", required=True, help="page path; repeatable")
    parser.add_argument("--out", action="append", required=True, help="PNG file per --path")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=6.0, help="seconds to let the page render")
    args = parser.parse_args()
    host = args.url.split("://", 1)[1].split(":")[0]
    session = login(args.url, args.db, args.login, args.password)
    if args.lang:
        set_lang(args.url, session, args.lang)
        session = login(args.url, args.db, args.login, args.password)  # session keeps the old lang
    session_id = session.cookies["session_id"]
    chrome = Chrome(args.width, args.height)
    try:
        if args.width < 768:  # a phone: Odoo's small-screen layout, touch events
            chrome.call(
                "Emulation.setDeviceMetricsOverride",
                width=args.width,
                height=args.height,
                deviceScaleFactor=1,
                mobile=True,
            )
            chrome.call("Emulation.setTouchEmulationEnabled", enabled=True)
        chrome.call("Network.enable")
        chrome.call("Network.setCookie", name="session_id", value=session_id, domain=host, path="/")
        for path, out in zip(args.path, args.out, strict=True):
            chrome.call("Page.navigate", url=args.url + path)
            time.sleep(args.wait)
            shot = chrome.call("Page.captureScreenshot", format="png")
            with open(out, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print(f"{out}: {args.url}{path}")
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
