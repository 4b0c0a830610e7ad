//go:build !linux

package index

// adviseRandom is a hint only Linux is given here.
func adviseRandom([]byte) {}

// dropsPages says whether dropPages lets pages go here.
const dropsPages = false

// dropPages is a hint only Linux is given here.
func dropPages([]byte) {}

// dropMappedUnder is a hint only Linux is given here.
func dropMappedUnder(string) {}
