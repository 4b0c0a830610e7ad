//go:build !unix

package index

import "os"

// mapFile reads the file at path whole: where mmap is not to hand, the
// generation's files are held on the heap as they were before.
func mapFile(path string) (data []byte, unmap func() error, err error) {
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
