package index

import (
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
)

// residentText bounds how much of a generation's mapped text a serving
// process keeps resident. Quotes are cut from passages all over the text,
// and a page fault on a mapped file maps the neighbouring pages the page
// cache holds too (the kernel's fault-around, 64 kB), so a process reading
// every quote through the mapping would in time hold the whole text (44 MB
// at 10,000 story articles, 436 MB at 100,000). Most quotes come from few
// parts of it, though: at 10k the dev set's questions find 94 % of theirs
// in the most read 8 MB.
//
// So the text is read in windows of the fault-around's size, aligned as
// the kernel aligns them. A window is read through the mapping once it has
// been read twice lately and the budget has room for it; any other read is
// a pread of the file, which leaves nothing mapped. Every so often
// (cooling) each window's count of reads is halved, and the pages of the
// windows that are no longer read often, and of any window not admitted,
// are let go (dropPages: they stay in the page cache). Letting go of pages
// and faulting them in again both cost more than a pread, so windows stay
// admitted while they are read.
//
// What a read returns is the same either way: the file's bytes, copied.
type residentText struct {
	data   []byte
	file   *os.File
	base   int // the mapping's address modulo faultWindow
	budget int64
	period int64

	heat     []atomic.Uint32
	admitted []atomic.Uint64 // one bit a window
	count    atomic.Int64    // windows admitted
	reads    atomic.Int64
	coolMu   sync.Mutex
	// onCool, if set, is called at each cooling, after the text's pages
	// are let go.
	onCool func()

	// For tests: how many reads were preads, and how many coolings ran.
	preads, coolings atomic.Int64
}

const (
	// faultWindow is the kernel's default fault-around: the aligned 64 kB
	// about a faulting page that it maps when the page cache holds them.
	faultWindow = 64 << 10
	// admitHeat is how many reads since it last cooled admit a window.
	admitHeat = 2
	// coolEvery is the period of cooling, in reads per window of budget.
	coolEvery = 64
)

// DefaultResidentTextBytes is the default of Options.ResidentTextBytes.
const DefaultResidentTextBytes = 8 << 20

// newResidentText bounds the mapping data of the file f to budget bytes
// resident. It returns nil, for reads through the mapping alone, when the
// budget is not positive or holds the whole mapping.
func newResidentText(data []byte, f *os.File, budget int64) *residentText {
	if budget <= 0 || budget >= int64(len(data)) || f == nil {
		return nil
	}
	r := &residentText{data: data, file: f, base: int(uintptr(unsafe.Pointer(unsafe.SliceData(data))) % faultWindow)}
	r.budget = max(budget/faultWindow, 1)
	r.period = coolEvery * r.budget
	windows := r.window(len(data)-1) + 1
	r.heat = make([]atomic.Uint32, windows)
	r.admitted = make([]atomic.Uint64, (windows+63)/64)
	return r
}

// window is the window holding byte off of the mapping.
func (r *residentText) window(off int) int { return (r.base + off) / faultWindow }

func (r *residentText) isAdmitted(w int) bool {
	return r.admitted[w/64].Load()&(1<<(w%64)) != 0
}

// read returns text[start:end] of the mapping, copied, reading through
// the mapping or with a pread as above. text is the mapping as a string.
func (r *residentText) read(text string, start, end int) (string, error) {
	if r == nil || start >= end {
		return strings.Clone(text[start:end]), nil
	}
	if r.reads.Add(1)%r.period == 0 {
		r.cool()
	}
	lo, hi := r.window(start), r.window(end-1)
	through := true
	for w := lo; w <= hi; w++ {
		if r.heat[w].Add(1) < admitHeat && !r.isAdmitted(w) {
			through = false
		}
	}
	if through {
		through = r.admit(lo, hi)
	}
	if through {
		return strings.Clone(text[start:end]), nil
	}
	r.preads.Add(1)
	b := make([]byte, end-start)
	if _, err := r.file.ReadAt(b, int64(start)); err != nil {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// admit admits windows lo to hi if the budget has room for those not yet
// admitted, and says whether all are.
func (r *residentText) admit(lo, hi int) bool {
	if hi-lo >= 64 {
		return false // no quote is 4 MB long; read it from the file
	}
	var need int64
	var counted uint64 // bit k: window lo+k is counted in need
	for w := lo; w <= hi; w++ {
		if !r.isAdmitted(w) {
			need++
			counted |= 1 << (w - lo)
		}
	}
	if need == 0 {
		return true
	}
	if r.count.Add(need) > r.budget {
		r.count.Add(-need)
		return false
	}
	for w := lo; w <= hi; w++ {
		bit := uint64(1) << (w % 64)
		was := r.admitted[w/64].Or(bit)&bit != 0
		switch isCounted := counted&(1<<(w-lo)) != 0; {
		case isCounted && was:
			r.count.Add(-1) // admitted meanwhile by another read
		case !isCounted && !was:
			r.count.Add(1) // let go meanwhile by a cooling, admitted again here
		}
	}
	return true
}

// cool halves every window's heat and lets go of the pages of every
// window that is not admitted or no longer read often enough to be, in
// as few calls as the windows kept allow. Reads going on meanwhile are
// unaffected but for faulting pages in again; a window one of them
// admits is let go at the next cooling at worst.
func (r *residentText) cool() {
	if !r.coolMu.TryLock() {
		return
	}
	defer r.coolMu.Unlock()
	r.coolings.Add(1)
	from := -1 // the first window of a run to let go
	letGo := func(to int) {
		if from >= 0 {
			a, b := max(from*faultWindow-r.base, 0), min(to*faultWindow-r.base, len(r.data))
			dropPages(r.data[a:b])
			from = -1
		}
	}
	for w := range r.heat {
		heat := r.heat[w].Load() / 2
		r.heat[w].Store(heat)
		if r.isAdmitted(w) && heat >= admitHeat {
			letGo(w)
			continue
		}
		bit := uint64(1) << (w % 64)
		if r.admitted[w/64].And(^bit)&bit != 0 {
			r.count.Add(-1)
		}
		if from < 0 {
			from = w
		}
	}
	letGo(len(r.heat))
	if r.onCool != nil {
		r.onCool()
	}
}

// segmentsMu keeps Bleve indexes from being closed while the pages of
// their segments are let go: dropMappedUnder finds the mappings by path
// and must not meet one that is unmapped, its addresses reused by other
// memory, in between. Letting go holds it for reading.
var segmentsMu sync.RWMutex

// closeBleve closes a Bleve index a generation serves from. Indexes that
// are being built are closed directly: no pages under their directory are
// let go, and their close, which finishes persisting, may be long.
func closeBleve(idx bleve.Index) error {
	segmentsMu.Lock()
	defer segmentsMu.Unlock()
	return idx.Close()
}

// dropSegmentPages lets go of the pages of the Bleve segments mapped from
// files under dir, whose index must be open.
func dropSegmentPages(dir string) {
	segmentsMu.RLock()
	defer segmentsMu.RUnlock()
	dropMappedUnder(dir)
}
