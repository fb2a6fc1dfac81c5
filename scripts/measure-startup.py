#!/usr/bin/python3
"""Cold start to first paint and idle memory of a desktop app under X.

Starts BINARY with fresh XDG folders, waits for its top-level window (by
title) and grabs the window's pixels until they are no longer one flat
colour: that is the first paint. Then it lets the app idle and sums the
proportional set size (PSS, /proc/PID/smaps) of the whole process tree —
the app and the WebKit processes it started —, per process by its name
(app, WebKitWebProcess, WebKitNetworkProcess) and per kind of mapping. Prints one JSON
object per run. Uses python3-xlib (Debian package), so the grabbing costs no
process start per poll.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from Xlib import X, display, protocol


def find_window(root, title):
    stack = [root]
    while stack:
        window = stack.pop()
        try:
            name = window.get_wm_name()
            if name == title and window.get_attributes().map_state == X.IsViewable:
                return window
            stack.extend(window.query_tree().children)
        except Exception:  # windows come and go while we walk the tree
            continue
    return None


def painted(window):
    geometry = window.get_geometry()
    image = window.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap, 0xFFFFFFFF)
    data = image.data
    first = data[:4]
    return data != first * (len(data) // 4)


def close_cleanly(screen, window):
    """Asks the window to close, as its close button does (WM_DELETE_WINDOW),
    so the app ends the way a user ends it."""
    protocols = screen.intern_atom("WM_PROTOCOLS")
    delete = screen.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    window.send_event(event)
    screen.flush()


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack.extend(children.get(current, []))
    return tree


def mapping_kind(path, own):
    """What a mapping of /proc/PID/smaps holds, in the report's words."""
    name = os.path.basename(path)
    if not path:
        return "anonymous (JS heap, buffers)"
    if name == own or path.endswith("/" + own):
        return "own binary"
    if path == "[heap]":
        return "malloc heap"
    if name.startswith(("libwebkit2gtk", "libjavascriptcoregtk")):
        return "WebKit and JSC code"
    if name.startswith(("memfd:", "SYSV")) or path.startswith("/dev/shm"):
        return "shared buffers"
    if path.startswith("["):
        return "anonymous (JS heap, buffers)"
    return "other libraries"


def pss_by_mapping(pids, binary):
    """PSS in KiB per process name and kind of mapping: where the memory is
    (two processes of one name are added). The app's own process is named
    after its binary, cut to 15 characters, and is called "app" here."""
    result = {}
    own = os.path.basename(binary)
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            kinds = result.setdefault("app" if name == own[:15] else name, {})
            kind = None
            with open(f"/proc/{pid}/smaps") as f:
                for line in f:
                    fields = line.split()
                    if len(fields) >= 5 and "-" in fields[0] and ":" in fields[3]:
                        kind = mapping_kind(fields[5] if len(fields) > 5 else "", own)
                    elif fields and fields[0] == "Pss:" and kind:
                        kinds[kind] = kinds.get(kind, 0) + int(fields[1])
        except OSError:
            continue
    return result


def fresh_home(args):
    home = tempfile.mkdtemp(prefix="startup-")
    for name in ("xdg_data_home", "xdg_cache_home", "xdg_config_home"):
        os.makedirs(os.path.join(home, name))
    if args.database:
        data = os.path.join(home, "data")
        os.makedirs(data)
        shutil.copy(args.database, os.path.join(data, "taskforce.sqlite3"))
        if args.encrypt_with:
            # Encrypted as the app's default is, its key in the session's
            # keychain (run under scripts/with-keyring).
            subprocess.run(
                [args.encrypt_with, "--db", os.path.join(data, "taskforce.sqlite3"), "encrypt",
                 "--recovery-key-out", os.path.join(home, "herstelsleutel.txt")],
                check=True, stdout=subprocess.DEVNULL)
    return home


def run_once(args, home, keep=False):
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = os.path.join(home, name.lower())
    if args.database:
        env["TASKFORCE_DATA_DIR"] = os.path.join(home, "data")
    screen = display.Display()
    root = screen.screen().root
    started = time.monotonic()
    process = subprocess.Popen([args.binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    window = None
    paint = None
    deadline = started + args.timeout
    while time.monotonic() < deadline and process.poll() is None:
        if window is None:
            window = find_window(root, args.title)
        if window is not None:
            try:
                if painted(window):
                    paint = time.monotonic() - started
                    break
            except Exception:
                window = None
        time.sleep(0.002)
    result = {"binary": args.binary, "label": args.label}
    if paint is None:
        result["error"] = "no paint before the timeout" if process.poll() is None else f"exited with {process.returncode}"
    else:
        time.sleep(args.idle)
        tree = descendants(process.pid)
        by_mapping = pss_by_mapping(tree, args.binary)
        by_name = {name: sum(kinds.values()) for name, kinds in by_mapping.items()}
        result.update(
            first_paint_ms=round(paint * 1000, 1),
            idle_pss_mib=round(sum(by_name.values()) / 1024, 1),
            pss_mib={name: round(kib / 1024, 1) for name, kib in sorted(by_name.items())},
            processes=len(tree),
            pss_by_mapping_mib={
                name: {kind: round(kib / 1024, 1) for kind, kib in sorted(kinds.items())}
                for name, kinds in sorted(by_mapping.items())
            },
        )
    tree = descendants(process.pid)
    if window is not None:
        try:
            close_cleanly(screen, window)
        except Exception:
            pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for pid in tree[1:]:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    screen.close()
    if not keep:
        shutil.rmtree(home, ignore_errors=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--database", help="copied in as the app's database (TASKFORCE_DATA_DIR)")
    parser.add_argument("--encrypt-with", help="taskforce-cli that encrypts the copied database first")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds to idle before measuring memory")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    failures = 0
    # With a database, the app starts as it does on a normal day: the data
    # folder is kept between runs, and an unmeasured first run ends with a
    # clean close (daily backup made, file sealed), as the day before did.
    home = fresh_home(args)
    if args.database:
        run_once(args, home, keep=True)
    for run in range(args.runs):
        last = run + 1 == args.runs
        result = run_once(args, home, keep=bool(args.database) and not last)
        failures += "error" in result
        print(json.dumps(result), flush=True)
        time.sleep(1)
        if not args.database:
            home = fresh_home(args)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
