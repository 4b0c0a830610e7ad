package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// peakRSSMB is this process's peak resident set size in MB (VmHWM). The
// child measures itself: the rusage a parent gets for a child counts the
// parent's own pages from before the child's exec.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb / 1024
		}
	}
	return 0
}
