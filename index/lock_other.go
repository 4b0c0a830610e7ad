//go:build !unix

package index

// lockDir is a no-op where advisory file locks are not available; builds
// within one process are still serialised by the Store.
func lockDir(string) (func(), error) { return func() {}, nil }

// lockExisting is a no-op where advisory file locks are not available;
// adding articles within one process is still serialised by the Store.
func lockExisting(string) (func(), error) { return func() {}, nil }
