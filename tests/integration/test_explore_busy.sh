#!/usr/bin/env bash
# test_explore_busy.sh - the explorer's downloads have their own share of the
# connection pool (SERVER_MAX_STREAMS = 8, web/context.h): with 8 downloads
# held open by clients that read slowly, a ninth is refused at once with
# 503, a page saying why and Retry-After (curl --retry honours it), while
# pages are still served; when the 8 have been read to the end, their slots
# come back and a download succeeds again, whole.
#
# No timing: a held download's slot is taken before its status line is
# sent, so the ninth is asked only once all 8 status lines have arrived; the
# 8 clients shrink their receive buffers and read a few KB a second (enough
# to stay inside the server's 10-second idle timeout, which would free a
# stalled client's slot), so the body (several times the kernel's largest
# send buffer) is far from all sent. The slots coming back is waited for by
# polling, bounded.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd curl python3

"$PEEL" generate --out "$WORK/data" --kinds street --from 2021-04 --to 2023-03 --rows 1500 >/dev/null
"$PEEL" import --quiet "$WORK/data/police-uk"
"$PEEL" plan load "$PEEL_SOURCE_DIR/plans/llr-2024-29.yaml" >/dev/null
start_server

fetch "$BASE/explore.csv" >"$WORK/whole.csv"
size=$(wc -c <"$WORK/whole.csv")
wmem=$(awk '{print $3}' /proc/sys/net/ipv4/tcp_wmem 2>/dev/null || echo 4194304)
((size > 2 * wmem)) || skip "the export ($size bytes) is not much larger than a socket's send buffer ($wmem): a held download could finish"
pass "the export is $size bytes, the largest send buffer $wmem"

section "eight downloads held, a ninth refused"
out=$(python3 - "$BASE" "$WORK/whole.csv" 2>&1 <<'PY'
import socket, sys, threading, time, urllib.parse

base, whole = sys.argv[1], open(sys.argv[2], "rb").read()
host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
MAX_STREAMS = 8

def fail(why):
    sys.exit(why)

def connect():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: the window stays small
    s.settimeout(30)
    s.connect((host, port))
    return s

def send(s, path):
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())

def head(s):
    """The status and headers, and whatever of the body came with them."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(1024)
        if not chunk:
            fail(f"the connection closed before its headers: {data[:200]!r}")
        data += chunk
    top, rest = data.split(b"\r\n\r\n", 1)
    lines = top.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    return int(lines[0].split()[1]), headers, rest

def read_all(s, rest):
    body = bytearray(rest)
    while chunk := s.recv(1 << 16):
        body += chunk
    return bytes(body)

def dechunk(body):
    out, i = bytearray(), 0
    while True:
        j = body.find(b"\r\n", i)
        if j < 0:
            fail(f"a chunked body cut short after {len(out)} bytes")
        n = int(body[i:j].split(b";")[0], 16)
        if n == 0:
            return bytes(out)
        out += body[j + 2 : j + 2 + n]
        i = j + 2 + n + 2

def get(path):
    s = connect()
    send(s, path)
    status, headers, rest = head(s)
    body = read_all(s, rest)
    s.close()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = dechunk(body)
    return status, headers, body

class Held(threading.Thread):
    """A download read slowly (a few KB a second: the server's 10-second
    idle timeout never fires, the body never ends) until drain is set, then
    to the end."""
    def __init__(self, s, rest):
        super().__init__(daemon=True)
        self.s, self.body = s, bytearray(rest)
        self.drain, self.error = threading.Event(), None
    def run(self):
        try:
            while not self.drain.wait(0.2):
                self.body += self.s.recv(1024)
            self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
            while chunk := self.s.recv(1 << 16):
                self.body += chunk
        except OSError as e:
            self.error = e
        self.s.close()

held = []
for i in range(MAX_STREAMS):
    s = connect()
    send(s, "/explore.csv")
    status, headers, rest = head(s)
    if status != 200:
        fail(f"download {i + 1} of {MAX_STREAMS}: status {status}")
    if headers.get("transfer-encoding", "").lower() != "chunked":
        fail(f"download {i + 1} is not chunked: {headers}")
    h = Held(s, rest)
    h.start()
    held.append(h)
print(f"{MAX_STREAMS} downloads hold their slots (200, read a few KB a second)")

status, headers, body = get("/explore.csv")
if status != 503:
    fail(f"the ninth download: status {status}, not 503")
if headers.get("retry-after") != "30":
    fail(f"the 503 has Retry-After {headers.get('retry-after')!r}, not 30")
if headers.get("cache-control") != "no-store":
    fail(f"the 503 may be cached: Cache-Control {headers.get('cache-control')!r}")
text = body.decode("utf-8")
if "8 downloads are running" not in text or "try again in 30 seconds" not in text:
    fail(f"the 503 page does not say why: {text[:400]}")
print("the ninth: 503, Retry-After: 30, the page says 8 downloads are running")
status, _, _ = get("/explore.json?group_by=month")
if status != 503:
    fail(f"a JSON download is a download too: {status}")

for path in ["/", "/explore?group_by=fy", "/metric/shoplifting"]:
    status, _, _ = get(path)
    if status != 200:
        fail(f"GET {path} while the downloads are held: {status}")
print("pages are 200 meanwhile")

for h in held:
    h.drain.set()
for i, h in enumerate(held):
    h.join(120)
    if h.is_alive() or h.error:
        fail(f"held download {i + 1}: {h.error or 'not read to the end in 2 minutes'}")
    body = dechunk(bytes(h.body))
    if body != whole:
        fail(f"held download {i + 1}: {len(body)} bytes, not the {len(whole)} of the export")
print(f"the {MAX_STREAMS} held downloads, read to the end, are each the whole export")

# The server frees a slot once it sees its response done: poll, bounded.
for attempt in range(200):
    status, headers, body = get("/explore.csv")
    if status == 200:
        break
    time.sleep(0.05)
if status != 200 or body != whole:
    fail(f"after the downloads finished: status {status}, {len(body)} bytes")
# and every slot came back, not just one
held = []
for i in range(MAX_STREAMS):
    s = connect()
    send(s, "/explore.csv")
    status, _, _ = head(s)
    held.append(s)
    if status != 200:
        fail(f"after they finished, download {i + 1} of {MAX_STREAMS} at once: {status}")
for s in held:
    s.close()
print(f"afterwards a download is whole again, and {MAX_STREAMS} at once are 200")
PY
) || fail "$out"
while IFS= read -r line; do pass "$line"; done <<<"$out"

section "stopping"
kill -0 "$SERVER_PID" || fail "peel serve died"
stop_server
check_not_contains "no sanitizer report" "$(cat "$WORK/serve.err")" "Sanitizer"
check_not_contains "a refusal is not logged as an error" "$(cat "$WORK/serve.err")" "503"
