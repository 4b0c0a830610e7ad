#!/usr/bin/env python3
"""Time `bot ask --json` over a pipe on a file of questions, one a line.

    SEEDS_DIR=... INDEX_DIR=... python3 docs/metatime.py BOT QUESTIONS [ROUNDS] [-v]

Asks every question ROUNDS times (default 5) after one unmeasured round,
each timed from writing it to reading its line of JSON, and prints p50 and
p99 over all of them; -v also prints each question's p50 and p99, slowest
first. BENCHMARKS.md ("Questions about the articles at scale") uses it.
"""
import subprocess, sys, time
if len(sys.argv) < 3:
    sys.exit("usage: metatime.py BOT QUESTIONS [ROUNDS] [-v]")
bot, qfile = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "-v" else 5
qs = [l.rstrip("\n") for l in open(qfile) if l.strip()]
p = subprocess.Popen([bot, "ask", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
lat = {q: [] for q in qs}
for r in range(rounds + 1):
    for q in qs:
        t = time.perf_counter()
        p.stdin.write(q + "\n"); p.stdin.flush(); p.stdout.readline()
        if r:
            lat[q].append((time.perf_counter() - t) * 1e3)
p.stdin.close(); p.wait()
pct = lambda xs, f: sorted(xs)[int((len(xs) - 1) * f)]
if "-v" in sys.argv:
    for q, v in sorted(lat.items(), key=lambda kv: -pct(kv[1], .5)):
        print(f"{pct(v, .5):8.2f} {pct(v, .99):8.2f}  {q}")
xs = [x for v in lat.values() for x in v]
print(f"{len(qs)} questions x {rounds} rounds: p50 {pct(xs, .5):.2f} ms  p99 {pct(xs, .99):.2f} ms")
