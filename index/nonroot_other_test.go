//go:build !linux

package index

import "testing"

// rerunAsNonRoot is Linux only; elsewhere a test run as root skips.
func rerunAsNonRoot(*testing.T) bool { return false }
