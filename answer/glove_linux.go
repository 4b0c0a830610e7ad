package answer

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// dropTablePages lets go of the pages wholly inside b, a part of the
// binary's read-only data: they are mapped from the executable, never
// written, so the next read faults the same bytes in again from the page
// cache. It does nothing unless /proc/self/maps shows b inside one
// read-only private mapping of a file, as MADV_DONTNEED would zero the
// pages of memory that is not.
// canDropPages reports whether dropTablePages lets go of b's pages.
func canDropPages(b string) bool { return len(b) > 0 && readOnlyFileMapped(b) }

func dropTablePages(b string) {
	if len(b) == 0 || !readOnlyFileMapped(b) {
		return
	}
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.StringData(b)))
	lo, hi := (start+page-1)&^(page-1), (start+uintptr(len(b)))&^(page-1)
	if hi > lo {
		syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_DONTNEED)
	}
}

var mappedFrom sync.Map // of uintptr (the string's address) to bool

// readOnlyFileMapped says whether b lies inside one read-only private
// mapping of a file ("r--p" with an inode), checked once per address.
func readOnlyFileMapped(b string) bool {
	start := uintptr(unsafe.Pointer(unsafe.StringData(b)))
	if ok, seen := mappedFrom.Load(start); seen {
		return ok.(bool)
	}
	ok := false
	if maps, err := os.ReadFile("/proc/self/maps"); err == nil {
		for _, line := range strings.Split(string(maps), "\n") {
			// start-end perms offset device inode path
			f := strings.Fields(line)
			if len(f) < 6 {
				continue
			}
			lo, hi, _ := strings.Cut(f[0], "-")
			from, err1 := strconv.ParseUint(lo, 16, 64)
			to, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 != nil || err2 != nil || uint64(start) < from || uint64(start) >= to {
				continue
			}
			ok = f[1] == "r--p" && f[4] != "0" && uint64(start)+uint64(len(b)) <= to
			break
		}
	}
	mappedFrom.Store(start, ok)
	return ok
}
