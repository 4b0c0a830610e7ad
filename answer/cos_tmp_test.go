package answer

import "testing"

func BenchmarkCosTmp(b *testing.B) {
	v := gloveVectors()
	ids := []int32{v.id("soldiers"), v.id("troops"), v.id("killed"), v.id("ceremony"), v.id("north"), v.id("medal")}
	s := 0.0
	for b.Loop() {
		for _, a := range ids {
			for _, c := range ids {
				s += v.cos(a, c+1)
			}
		}
	}
	_ = s
}
