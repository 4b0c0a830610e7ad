package index

import "syscall"

// adviseRandom tells the kernel that a mapping is read a passage here and
// there: a quote faults in its own page, not the 128 kB read around it,
// so a serving process holds the pages it quotes from, not the whole text.
func adviseRandom(b []byte) { syscall.Madvise(b, syscall.MADV_RANDOM) }

// dropPages lets go of the pages of a file mapping the process has read
// through once (the passage table, checked at open) and will come back to
// a passage at a time: they stay in the page cache, out of the process's
// resident set. b must be a mapping of a file, never heap memory, which
// MADV_DONTNEED would zero.
func dropPages(b []byte) { syscall.Madvise(b, syscall.MADV_DONTNEED) }
