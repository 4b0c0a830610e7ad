//go:build !linux

package main

import "os"

// peakRSSMB is 0: only Linux reports peak RSS here.
func peakRSSMB(*os.ProcessState) float64 { return 0 }
