package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// What a scraper reads after the bot has done a little of everything.
func TestScrape(t *testing.T) {
	m := New()
	open := false
	m.WatchIndex(func() (int, int, time.Time, bool) { return 5, 73, time.Unix(1700000000, 0), open })
	m.Question("slash", "answered", 30*time.Millisecond)
	m.Question("dm", "declined", time.Millisecond)
	m.Command("ask", "answered")
	m.RESTError("PATCH discord.com webhooks", 429)
	m.Connected(true)
	m.IndexBuilt(2*time.Second, nil)
	m.IndexBuilt(0, errors.New("disk full"))

	scrape := func() string {
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body, _ := io.ReadAll(rec.Body)
		return string(body)
	}
	got := scrape()
	for _, want := range []string{
		`storybot_questions_total{front_end="slash",outcome="answered"} 1`,
		`storybot_questions_total{front_end="dm",outcome="declined"} 1`,
		`storybot_answer_duration_seconds_bucket{front_end="slash",le="0.05"} 1`,
		`storybot_answer_duration_seconds_bucket{front_end="slash",le="0.025"} 0`,
		`storybot_discord_commands_total{command="ask",result="answered"} 1`,
		`storybot_discord_rest_errors_total{route="PATCH discord.com webhooks",status="429"} 1`,
		"storybot_discord_connected 1",
		`storybot_index_builds_total{outcome="ok"} 1`,
		`storybot_index_builds_total{outcome="error"} 1`,
		"storybot_index_build_duration_seconds_count 1",
		"storybot_index_articles 0", // no index open yet
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the scrape lacks %s", want)
		}
	}
	open = true
	got = scrape()
	for _, want := range []string{"storybot_index_articles 5", "storybot_index_passages 73", "storybot_index_built_timestamp_seconds 1.7e+09"} {
		if !strings.Contains(got, want) {
			t.Errorf("with the index open, the scrape lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("scrape:\n%s", got)
	}
}
