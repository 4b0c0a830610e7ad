package answer

import "testing"

func BenchmarkParseVectors(b *testing.B) {
	for b.Loop() {
		if _, err := parseVectors(gloveBin); err != nil {
			b.Fatal(err)
		}
	}
}
