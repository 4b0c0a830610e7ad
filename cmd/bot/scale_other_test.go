//go:build !linux

package main

// peakRSSMB is 0: only Linux reports peak RSS here.
func peakRSSMB() float64 { return 0 }
