package index

import (
	"testing"

	"github.com/storybot/storybot/internal/synth"
)

// BenchmarkVocabularySimilar looks up question words, some misspelt, in
// the vocabulary of 2,000 generated articles (the seeds' is a tenth of
// its size).
func BenchmarkVocabularySimilar(b *testing.B) {
	var arts []loaded
	for i := range 2000 {
		name, data := synth.Article(1, i)
		a, ps, err := parse(name, data, true)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, loaded{Article: a, passages: ps})
	}
	dir := b.TempDir()
	if err := writeVocabulary(dir, arts); err != nil {
		b.Fatal(err)
	}
	v, err := readVocabularyFile(dir)
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"soliders", "ceremny", "pyongyang", "korean", "troops", "died", "kim", "reported", "lawmakers", "speech"}
	for i := 0; b.Loop(); i++ {
		w := words[i%len(words)]
		edits := 1
		if len(w) >= 7 {
			edits = 2
		}
		v.similar(w, edits)
	}
	b.ReportMetric(float64(len(v.words)), "vocabulary")
}
