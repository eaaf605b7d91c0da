#!/usr/bin/env python3
"""bench/abuse/attack.py - abusive clients against a running `peel serve`, on
loopback only, each attack bounded in time, with a probe from another client.

    bench/abuse/attack.py BASE_URL [ATTACK...] [--seconds S] [--json OUT]

BASE_URL must be http://127.0.0.1:PORT (loopback; the script refuses anything
else). The attacks come from 127.0.1.x, the probe from 127.0.0.99, so that a
per-address limit cannot hide the attack from the probe or the probe from the
attack. During each attack the probe asks for the home page every 0.25 s with
a 1 s timeout; after the attack stops it keeps asking until it has had 5 good
answers in a row (at most 30 s). Reported per attack: probes answered within
1 s during the attack, the slowest, and how long after the attack the site
served normally again.

The attacks (all by default):
  slowloris    300 connections from 10 addresses, each sending one header
               line every 2 s and never finishing its request
  hit-and-run  10,000 connections that each send one byte and close
  many-params  requests with 1,000 query parameters (and their answers)
  body         GET and POST with bodies, chunked and with Content-Length
  costly       16 connections asking for uncached explorer results as fast
               as they can; the probe asks for a cached page
  slow-reader  8 downloads of the unfiltered CSV export that read 1 KB/s
  big-file     6 downloads of a large published file (--big-file, the one
               bench/abuse/run publishes) that read 1 KB/s: memory stays
               flat (run prints peel serve's peak)

Exit status 0 when every attack met the goal (every probe within 1 s, normal
service within 5 s of the attack stopping), 1 otherwise.
"""
import argparse
import asyncio
import json
import random
import sys
import time
import urllib.parse

PROBE_ADDR = "127.0.0.99"


def parse_base(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("attack.py: loopback only: give http://127.0.0.1:PORT")
    return "127.0.0.1", u.port or 80


async def request(host, port, target, src=None, timeout=1.0, method="GET", headers=None,
                  body=b"", read_all=True):
    """One request on its own connection: (status, seconds) or (None, seconds)."""
    start = time.monotonic()
    try:
        r, w = await asyncio.wait_for(
            asyncio.open_connection(host, port, local_addr=(src, 0) if src else None), timeout)
        head = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
        for k, v in (headers or {}).items():
            head += f"{k}: {v}\r\n"
        w.write(head.encode() + b"\r\n" + body)
        await w.drain()
        line = await asyncio.wait_for(r.readline(), timeout - (time.monotonic() - start))
        status = int(line.split()[1]) if line.startswith(b"HTTP/") else None
        if read_all:
            await asyncio.wait_for(r.read(), max(0.05, timeout - (time.monotonic() - start)))
        w.close()
        return status, time.monotonic() - start
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return None, time.monotonic() - start


class Probe:
    def __init__(self, host, port, path="/"):
        self.host, self.port, self.path = host, port, path
        self.results = []  # (time, ok, seconds)

    async def once(self):
        status, secs = await request(self.host, self.port, self.path, PROBE_ADDR, timeout=1.0)
        ok = status == 200 and secs <= 1.0
        self.results.append((time.monotonic(), ok, secs))
        return ok

    async def during(self, stop):
        while not stop.is_set():
            await self.once()
            await asyncio.sleep(0.25)

    async def recovery(self, limit=30.0):
        """Seconds until 5 good answers in a row (None: not within limit)."""
        start = time.monotonic()
        good = 0
        while time.monotonic() - start < limit:
            if await self.once():
                good += 1
                if good == 5:
                    return round(time.monotonic() - start - 4 * 0.25, 2)
            else:
                good = 0
            await asyncio.sleep(0.25)
        return None


# ---- the attacks -------------------------------------------------------------

async def slowloris(host, port, seconds, stop):
    conns = []
    for i in range(300):
        src = f"127.0.1.{1 + i % 10}"
        try:
            r, w = await asyncio.open_connection(host, port, local_addr=(src, 0))
            w.write(f"GET /?slow={i} HTTP/1.1\r\nHost: x\r\n".encode())
            conns.append(w)
        except OSError:
            pass
    n = 0
    while not stop.is_set():
        await asyncio.sleep(2)
        for w in conns:
            try:
                w.write(f"X-Slow-{n}: {'y' * 20}\r\n".encode())
            except Exception:
                pass
        n += 1
    for w in conns:
        w.close()
    return {"connections": len(conns)}


async def hit_and_run(host, port, seconds, stop):
    done = 0
    sem = asyncio.Semaphore(500)

    async def one(i):
        nonlocal done
        async with sem:
            try:
                r, w = await asyncio.open_connection(
                    host, port, local_addr=(f"127.0.1.{1 + i % 10}", 0))
                w.write(b"G")
                await w.drain()
                w.close()
                done += 1
            except OSError:
                pass
    await asyncio.gather(*(one(i) for i in range(10000)))
    return {"connections": done}


async def many_params(host, port, seconds, stop):
    q = "&".join(f"a{i}=1" for i in range(1000))
    answers = {}
    slowest = 0.0
    while not stop.is_set():
        for path in ("/", "/explore"):
            status, secs = await request(host, port, f"{path}?{q}", "127.0.1.1", timeout=5.0)
            answers[str(status)] = answers.get(str(status), 0) + 1
            slowest = max(slowest, secs)
        await asyncio.sleep(0.05)
    return {"answers": answers, "slowest_s": round(slowest, 3)}


async def body(host, port, seconds, stop):
    answers = {}
    cases = [
        ("GET", {"Transfer-Encoding": "chunked"}, b"5\r\nhello\r\n0\r\n\r\n"),
        ("GET", {"Content-Length": "5"}, b"hello"),
        ("POST", {"Content-Length": "5"}, b"hello"),
        ("POST", {"Content-Length": "1000000000"}, b"x" * 1000),
    ]
    while not stop.is_set():
        for method, hdrs, data in cases:
            status, secs = await request(host, port, "/", "127.0.1.2", timeout=5.0,
                                         method=method, headers=hdrs, body=data)
            key = f"{method} {'chunked' if 'Transfer-Encoding' in hdrs else hdrs['Content-Length']}"
            answers.setdefault(key, {})
            answers[key][str(status)] = answers[key].get(str(status), 0) + 1
        await asyncio.sleep(0.05)
    return {"answers": answers}


async def costly(host, port, seconds, stop):
    answers = {}

    async def worker(i):
        while not stop.is_set():
            m = random.randint(4, 12)
            q = (f"/explore?from=2019-{m:02d}&to=2023-03&group_by=lsoa&group_by=crime_type"
                 f"&group_by=month")
            status, _ = await request(host, port, q, f"127.0.1.{1 + i % 10}", timeout=10.0)
            answers[str(status)] = answers.get(str(status), 0) + 1
    await asyncio.gather(*(worker(i) for i in range(16)))
    return {"answers": answers}


async def slow_reader(host, port, seconds, stop):
    conns = []
    for i in range(8):
        try:
            r, w = await asyncio.open_connection(host, port, local_addr=(f"127.0.1.{3 + i}", 0))
            w.write(b"GET /explore.csv HTTP/1.1\r\nHost: x\r\n\r\n")
            conns.append((r, w))
        except OSError:
            pass
    read = 0
    while not stop.is_set():
        for r, _ in conns:
            try:
                read += len(await asyncio.wait_for(r.read(1024), 0.1))
            except (asyncio.TimeoutError, OSError):
                pass
        await asyncio.sleep(1)
    for _, w in conns:
        w.close()
    return {"downloads": len(conns), "bytes_read": read}


async def big_file(host, port, seconds, stop, path):
    conns = []
    for i in range(6):
        try:
            r, w = await asyncio.open_connection(host, port, local_addr=(f"127.0.1.{20 + i}", 0))
            w.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            conns.append((r, w))
        except OSError:
            pass
    read, status = 0, set()
    while not stop.is_set():
        for r, _ in conns:
            try:
                part = await asyncio.wait_for(r.read(1024), 0.1)
                if read == 0 or part.startswith(b"HTTP/1.1 "):
                    status.add(part[9:12].decode(errors="replace"))
                read += len(part)
            except (asyncio.TimeoutError, OSError):
                pass
        await asyncio.sleep(1)
    for _, w in conns:
        w.close()
    return {"downloads": len(conns), "bytes_read": read, "statuses": sorted(status)}


ATTACKS = {
    "slowloris": slowloris,
    "hit-and-run": hit_and_run,
    "many-params": many_params,
    "body": body,
    "costly": costly,
    "slow-reader": slow_reader,
    "big-file": big_file,
}


async def run_one(name, host, port, seconds, big_file_path):
    probe = Probe(host, port, "/")
    if name == "costly":
        await probe.once()  # the page is cached before the attack
    stop = asyncio.Event()
    probing = asyncio.create_task(probe.during(stop))
    args = (big_file_path,) if name == "big-file" else ()
    attack = asyncio.create_task(ATTACKS[name](host, port, seconds, stop, *args))
    await asyncio.sleep(seconds)
    stop.set()
    info = await asyncio.wait_for(attack, 120)
    await probing
    during = probe.results
    probe.results = []
    recovered = await probe.recovery()
    ok = sum(1 for _, good, _ in during if good)
    out = {
        "attack": name,
        "probes": len(during),
        "probes_within_1s": ok,
        "slowest_probe_s": round(max((s for _, _, s in during), default=0), 3),
        "recovered_after_s": recovered,
        **info,
    }
    out["goal_met"] = ok == len(during) and recovered is not None and recovered <= 5
    return out


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base")
    ap.add_argument("attacks", nargs="*", default=list(ATTACKS))
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--json")
    ap.add_argument("--big-file", default="/reports/governance/2023-03/v1/report.pdf")
    a = ap.parse_args()
    host, port = parse_base(a.base)
    results = []
    for name in a.attacks:
        if name not in ATTACKS:
            sys.exit(f"attack.py: no attack '{name}': {', '.join(ATTACKS)}")
        r = await run_one(name, host, port, a.seconds, a.big_file)
        print(json.dumps(r), flush=True)
        results.append(r)
        await asyncio.sleep(1)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0 if all(r["goal_met"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
