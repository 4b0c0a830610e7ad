package main

import (
	"os"
	"syscall"
)

// peakRSSMB is a finished process's peak resident set size in MB.
func peakRSSMB(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024 // Linux reports KiB
	}
	return 0
}
