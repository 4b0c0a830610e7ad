//go:build !linux

package index

// adviseRandom is a hint only Linux is given here.
func adviseRandom([]byte) {}

// dropPages is a hint only Linux is given here.
func dropPages([]byte) {}
