//go:build unix

package index

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on path, so that processes
// sharing an index directory never build into it at the same time.
func lockDir(path string) (func(), error) {
	return flockFile(os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644))
}

// lockExisting takes an exclusive advisory lock on an existing file or
// directory, opened read-only: locking the seeds directory itself leaves
// no file of ours among the articles.
func lockExisting(path string) (func(), error) {
	return flockFile(os.Open(path))
}

// flockFile locks an opened file; the function it returns unlocks and
// closes it.
func flockFile(f *os.File, err error) (func(), error) {
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
