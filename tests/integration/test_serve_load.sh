#!/usr/bin/env bash
# test_serve_load.sh - a bounded load on `peel serve` over loopback: 2,000
# requests from 16 concurrent keep-alive clients at a mix of the site's pages
# and data (whatever the home page links to, so new pages join the mix), some
# conditional (If-None-Match: 304) and some HEAD. Every answer must be the
# expected 200 or 304, every body identical to the one fetched before the
# load, and the server must still answer and stop cleanly afterwards.
# No timing is asserted: speed is bench/web's business.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cmd python3 curl

demo_store
# The server's own budget of pages made afresh per client (10 s of CPU a
# minute, web/guard.h), not lib.sh's that cannot be spent: the crawl below
# makes 60 pages from one address, each client of the load its share, and
# every one must be served, however busy the machine (the budget counts CPU,
# not the time a page waits for a core).
start_server --client-budget 10

section "2,000 requests, 16 clients"
python3 - "$BASE" <<'PY'
import hashlib, html.parser, http.client, queue, random, sys, threading
from urllib.parse import urlsplit, urljoin

base = sys.argv[1]
host, port = urlsplit(base).hostname, urlsplit(base).port
REQUESTS, CLIENTS, MAX_URLS = 2000, 16, 60
# The explorer's unfiltered downloads are the whole crime table (over 100 MB
# of the demo store): never in the mix, whatever the crawl order (lib.sh).
WHOLE_TABLE = {"/explore.csv", "/explore.json"}


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if tag == "a" and k == "href" and v and v.startswith("/") and not v.startswith("//"):
                self.links.append(v.split("#")[0])


def get(conn, method, path, headers=None):
    conn.request(method, path, headers=headers or {})
    r = conn.getresponse()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()


# The mix: pages and data reachable from /, breadth first, at most MAX_URLS,
# each fetched once for the body every later answer must equal.
conn = http.client.HTTPConnection(host, port, timeout=30)
want, todo = {}, ["/", "/static/peel.css"]
while todo and len(want) < MAX_URLS:
    path = todo.pop(0)
    if path in want:
        continue
    status, hdrs, body = get(conn, "GET", path)
    assert status == 200, (path, status)
    want[path] = (hashlib.sha256(body).hexdigest(), hdrs.get("etag"))
    if hdrs["content-type"].startswith("text/html"):
        p = Links()
        p.feed(body.decode("utf-8"))
        todo += [l for l in p.links if l not in want and l not in WHOLE_TABLE]
conn.close()
kinds = {p.rsplit(".", 1)[-1] if "." in p.rsplit("/", 1)[-1] else "page" for p in want}
print(f"  ok: {len(want)} URLs in the mix ({', '.join(sorted(kinds))})")

# The requests, in a fixed shuffled order: one in five conditional on the
# ETag (when the URL has one), one in ten a HEAD, the rest plain GETs.
rng = random.Random(5)
paths = sorted(want)
jobs = queue.Queue()
for i in range(REQUESTS):
    path = rng.choice(paths)
    etag = want[path][1]
    kind = "304" if etag and i % 5 == 0 else "HEAD" if i % 10 == 1 else "GET"
    jobs.put((path, kind))

lock = threading.Lock()
counts, errors = {}, []


def client(i):
    # Each client from its own loopback address: sixteen visitors, each
    # with its own budget for pages made afresh (web/guard.h), not one
    # visitor sixteen times over.
    src = (f"127.0.0.{10 + i}", 0)
    c = http.client.HTTPConnection(host, port, timeout=30, source_address=src)
    while True:
        try:
            path, kind = jobs.get_nowait()
        except queue.Empty:
            break
        try:
            if kind == "304":
                status, hdrs, body = get(c, "GET", path, {"If-None-Match": want[path][1]})
                good = status == 304 and body == b""
            elif kind == "HEAD":
                status, hdrs, body = get(c, "HEAD", path)
                good = status == 200 and body == b"" and hdrs.get("etag") == want[path][1]
            else:
                status, hdrs, body = get(c, "GET", path)
                good = status == 200 and hashlib.sha256(body).hexdigest() == want[path][0]
            # The pages that read their query (the explorer's results, the
            # decision register's search, the forward plan) are made afresh
            # each time, at most two at once (web/guard.h): under this
            # burst, the others are told to come back, which is a right
            # answer if it says when.
            made_afresh = path.startswith(("/explore", "/decisions/forward-plan")) or \
                path.split("?")[0] in ("/decisions", "/decisions.csv", "/decisions.json")
            if made_afresh and status in (429, 503):
                good = hdrs.get("retry-after", "").isdigit()
            # The pages of raising a concern are made for each visitor (the
            # form carries that visitor's own token: no-store, never an ETag),
            # so their bytes differ between answers by design.
            if path.startswith("/concerns") and kind == "GET":
                good = (status == 200 and "no-store" in hdrs.get("cache-control", "")) or \
                    (status in (429, 503) and hdrs.get("retry-after", "").isdigit())
            with lock:
                counts[(kind, status)] = counts.get((kind, status), 0) + 1
                if not good:
                    errors.append(f"{kind} {path}: status {status}, {len(body)} bytes")
        except (OSError, http.client.HTTPException) as e:
            with lock:
                errors.append(f"{kind} {path}: {e!r}")
            c.close()
            c = http.client.HTTPConnection(host, port, timeout=30, source_address=src)
    c.close()


threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for e in errors[:20]:
    print(f"  FAIL: {e}")
done = sum(counts.values())
print("  answers: " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(counts.items())))
assert done == REQUESTS, f"{done} of {REQUESTS} requests answered"
assert not errors, f"{len(errors)} wrong answers (the first are above)"
refused = sum(n for (k, s), n in counts.items() if s in (429, 503))
served = sum(n for (k, s), n in counts.items() if s in (200, 304))
assert served > 0.9 * REQUESTS, f"only {served} of {REQUESTS} requests served"
print(f"  ok: {REQUESTS} requests from {CLIENTS} clients, every one the expected status and body "
      f"({refused} explorer results told to come back later)")
PY

check_eq "the server still answers" "200" \
    "$(curl --noproxy '*' -s --max-time 20 -o /dev/null -w '%{http_code}' "$BASE/")"
stop_server
echo "serve_load: ok"
