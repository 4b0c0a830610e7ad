package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/storybot/storybot/internal/storysynth"
)

// TestScorersGiveSameAnswers answers the dev set with each scorer, over the
// bundled seeds and over a story-heavy corpus (the seeds' sentences
// recombined, so full of equal scores): the answers must be byte for byte
// the same.
func TestScorersGiveSameAnswers(t *testing.T) {
	story := storyCorpus(t)
	var questions strings.Builder
	for _, q := range loadDevSet(t) {
		questions.WriteString(q.Q + "\n")
	}
	for _, corpus := range []struct{ name, dir string }{{"seeds", seedsDir}, {"story", story}} {
		t.Run(corpus.name, func(t *testing.T) {
			indexDir := t.TempDir()
			var outs []string
			for _, scorer := range []string{"", "pruned", "bleve"} {
				env := map[string]string{"SEEDS_DIR": corpus.dir, "INDEX_DIR": indexDir, "INDEX_SCORER": scorer}
				out, stderr, err := runBot(t, env, questions.String(), "ask", "--json")
				if err != nil {
					t.Fatalf("INDEX_SCORER=%q: %v\n%s", scorer, err, stderr)
				}
				if n := strings.Count(out, "\n"); n != len(loadDevSet(t)) {
					t.Fatalf("INDEX_SCORER=%q: %d lines for %d questions", scorer, n, len(loadDevSet(t)))
				}
				if !strings.Contains(out, `"answered":true`) {
					t.Fatalf("INDEX_SCORER=%q answered nothing", scorer)
				}
				outs = append(outs, out)
			}
			for i := 1; i < len(outs); i++ {
				if outs[i] == outs[0] {
					continue
				}
				a, b := strings.Split(outs[0], "\n"), strings.Split(outs[i], "\n")
				for k := range a {
					if a[k] != b[k] {
						t.Fatalf("the scorers answer differently:\n%s\n%s", a[k], b[k])
					}
				}
			}
		})
	}
}

func TestIndexScorerMustBeKnown(t *testing.T) {
	env := map[string]string{"SEEDS_DIR": seedsDir, "INDEX_DIR": t.TempDir(), "INDEX_SCORER": "fast"}
	_, _, err := runBot(t, env, "", "ask", "how many died")
	if err == nil || !strings.Contains(err.Error(), `INDEX_SCORER="fast"`) {
		t.Fatalf("INDEX_SCORER=fast: error %v, want one naming the variable", err)
	}
}

// storyCorpus writes a story-heavy corpus (the seeds' sentences
// recombined, so full of equal scores) of 150 articles, 30 with -short.
func storyCorpus(t *testing.T) string {
	t.Helper()
	articles := 150
	if testing.Short() {
		articles = 30
	}
	story := filepath.Join(t.TempDir(), "story")
	if err := storysynth.WriteCorpus(story, seedsDir, articles, 1); err != nil {
		t.Fatal(err)
	}
	return story
}
