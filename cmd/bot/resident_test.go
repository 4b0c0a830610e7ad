package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

// TestResidentTextGivesSameAnswers answers the dev set twice over a
// story-heavy corpus: with the text read through its mapping alone, and
// with at most 64 kB of it resident (on Linux the rest is read from the
// file, and pages are let go as the process goes). The answers must be
// byte for byte the same.
func TestResidentTextGivesSameAnswers(t *testing.T) {
	story := storyCorpus(t)
	indexDir := t.TempDir()
	var outs [2]string
	for k, bound := range []int64{-1, 64 << 10} {
		st, _, err := index.Open(context.Background(), story, indexDir, index.Options{ResidentTextBytes: bound})
		if err != nil {
			t.Fatal(err)
		}
		engine := answer.New(acquirer(st))
		var out strings.Builder
		for range 2 {
			for _, q := range loadDevSet(t) {
				res, err := engine.Ask(context.Background(), q.Q)
				b, _ := json.Marshal(res)
				fmt.Fprintf(&out, "%s %v\n", b, err)
			}
		}
		st.Close()
		outs[k] = out.String()
	}
	if !strings.Contains(outs[0], `"answered":true`) {
		t.Fatal("answered nothing")
	}
	if outs[0] != outs[1] {
		a, b := strings.Split(outs[0], "\n"), strings.Split(outs[1], "\n")
		for k := range a {
			if a[k] != b[k] {
				t.Fatalf("the answers differ with a bound on the resident text:\n%s\n%s", a[k], b[k])
			}
		}
	}
}
