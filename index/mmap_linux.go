package index

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// adviseRandom tells the kernel that a mapping is read a passage here and
// there: a quote faults in its own page, not the 128 kB read around it,
// so a serving process holds the pages it quotes from, not the whole text.
func adviseRandom(b []byte) { syscall.Madvise(b, syscall.MADV_RANDOM) }

// dropsPages says whether dropPages lets pages go here.
const dropsPages = true

// dropPages lets go of the pages of a file mapping the process has read
// through once (the passage table, checked at open) and will come back to
// a passage at a time: they stay in the page cache, out of the process's
// resident set. b must be a mapping of a file, never heap memory, which
// MADV_DONTNEED would zero.
func dropPages(b []byte) { syscall.Madvise(b, syscall.MADV_DONTNEED) }

// dropMappedUnder lets go of the pages of every read-only shared mapping
// of a file under dir (Bleve's segments): they stay in the page cache.
// Mappings are found in /proc/self/maps, which names each by its path;
// none of them may be unmapped meanwhile (see segmentsMu), as its
// addresses could be reused by memory MADV_DONTNEED would zero.
func dropMappedUnder(dir string) {
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	prefix := dir + string(filepath.Separator)
	for _, line := range strings.Split(string(b), "\n") {
		// start-end perms offset device inode path
		at := strings.Index(line, " /")
		if at < 0 || !strings.HasPrefix(line[at+1:], prefix) {
			continue
		}
		span, rest, _ := strings.Cut(line, " ")
		if perms, _, _ := strings.Cut(rest, " "); perms != "r--s" {
			continue
		}
		lo, hi, _ := strings.Cut(span, "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}
