#!/usr/bin/env python3
"""Time `bot ask --json` from outside, over a pipe, one question at a time.

    SEEDS_DIR=... INDEX_DIR=... python3 docs/pipetime.py BOT [ROUNDS]

Starts BOT ask --json (with the environment as given), writes each dev-set
question (cmd/bot/testdata/devset.jsonl) on its stdin in turn, ROUNDS times
over (default 3), and times each from writing the question to reading its
line of JSON. Prints the first answer's time (process start, index open,
answer); p50 and p99 of the rest of the first round (every question seen
for the first time: caches cold) and of the later rounds (warm); and the
process's peak RSS, with what it holds after the last answer (on Linux):
anonymous memory (heap, stacks) apart from mapped files' pages.
"""
import json
import os
import resource
import subprocess
import sys
import time

bot = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "cmd", "bot", "testdata", "devset.jsonl")) as f:
    questions = [json.loads(l)["q"] for l in f if l.strip()]

start = time.perf_counter()
p = subprocess.Popen([bot, "ask", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
lat = []
for i, q in enumerate(questions * rounds):
    t = time.perf_counter() if i else start
    p.stdin.write(q.replace("\n", " ") + "\n")
    p.stdin.flush()
    line = p.stdout.readline()
    if not line:
        sys.exit("bot stopped answering")
    lat.append(time.perf_counter() - t)
# What the process holds after the last answer: its own memory (heap,
# stacks) apart from the pages of files it maps (the index's text, table
# and Bleve segments, and the binary), which are the page cache's.
held = {}
try:
    with open(f"/proc/{p.pid}/smaps_rollup") as f:
        for l in f:
            k, _, v = l.partition(":")
            if k in ("Rss", "Anonymous"):
                held[k] = int(v.split()[0]) / 1024
except OSError:
    pass
p.stdin.close()
p.wait()


def pct(xs):
    xs = sorted(xs)
    return f"p50 {xs[len(xs)//2]*1e3:.2f} / p99 {xs[int((len(xs)-1)*0.99)]*1e3:.2f} ms"


n = len(questions)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
line = f"questions {len(lat)}  first {lat[0]*1e3:.0f} ms  round 1 {pct(lat[1:n])}"
if rounds > 1:
    line += f"  later rounds {pct(lat[n:])}"
line += f"  peak RSS {rss:.0f} MB"
if held:
    line += f" (at the end {held['Rss']:.0f} MB: {held['Anonymous']:.0f} anonymous, {held['Rss'] - held['Anonymous']:.0f} mapped files)"
print(line)
