package answer

import (
	"context"
	"testing"
)

// TestSuggestStartsWithTheNews: with nothing typed, a newcomer is first
// offered what the news is, which the articles' headlines answer.
func TestSuggestStartsWithTheNews(t *testing.T) {
	e, _ := seedsEngine(t)
	got := e.Suggest(context.Background(), "", 3)
	if len(got) == 0 || got[0] != "What happened?" {
		t.Fatalf("Suggest() = %q, want %q first", got, "What happened?")
	}
	if got := e.Suggest(context.Background(), "how many", 3); len(got) == 0 || got[0] == "What happened?" {
		t.Errorf("Suggest(how many) = %q, want questions with those words", got)
	}
}
