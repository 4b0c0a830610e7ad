#!/usr/bin/env python3
"""Time a cold start of `bot ask --json`: process start, index open, first answer.

    SEEDS_DIR=... INDEX_DIR=... python3 docs/coldstart.py BOT [RUNS]

Starts BOT ask --json RUNS times (default 7), writes one question, and
times each start until the answer's line is read. The index's files are in
the page cache: this is a process's cold start, not the disk's. With
UNSTAMP=1 the generations' verified stamps are removed before each start,
so every start checks every file of the index whole (index/verify.go).
"""
import os
import statistics
import subprocess
import sys
import time

bot = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
times = []
for _ in range(runs):
    if os.environ.get("UNSTAMP"):
        root = os.environ["INDEX_DIR"]
        for gen in os.listdir(root):
            try:
                os.remove(os.path.join(root, gen, "verified"))
            except OSError:
                pass
    start = time.perf_counter()
    p = subprocess.Popen([bot, "ask", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    p.stdin.write("How many soldiers died?\n")
    p.stdin.flush()
    if not p.stdout.readline():
        sys.exit("bot gave no answer")
    times.append((time.perf_counter() - start) * 1e3)
    p.stdin.close()
    p.wait()
print(f"first answer over {runs} starts: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms")
