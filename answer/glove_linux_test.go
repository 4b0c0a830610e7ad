package answer

import "testing"

// TestTablePagesCanBeLetGo: on Linux the embedded vector table lies in a
// read-only mapping of the executable, so its pages are let go after
// answers and only the vectors read are copied. Were the embed or the
// check to change, the process would silently hold the whole table.
func TestTablePagesCanBeLetGo(t *testing.T) {
	v := gloveVectors()
	if !canDropPages(v.data) || v.copies == nil {
		t.Fatal("the vector table is not in a read-only file mapping: its pages are never let go")
	}
}
