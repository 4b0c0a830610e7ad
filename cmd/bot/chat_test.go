package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
)

// TestChatTalk runs the console chat over the bundled articles: small talk
// gets help or the source list, not quotes; a follow-up is answered in
// context and says what was understood.
func TestChatTalk(t *testing.T) {
	stdin := strings.Join([]string{
		"hi",
		"sources",
		"how many North Korean soldiers were killed?",
		"and how many were wounded?",
		"북한 군인 몇 명이 죽었나요?",
		"what weapons would help modernize the army?",
		"thanks",
		"bye",
		"never read",
	}, "\n") + "\n"
	stdout, stderr, err := runBot(t, map[string]string{"DISCORD_TOKEN": ""}, stdin, "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatalf("chat: %v\nstderr: %s", err, stderr)
	}
	replies := strings.Split(stdout, "\n> ")[1:]
	if len(replies) != 8 {
		t.Fatalf("%d replies, want 8 (the chat ends at bye):\n%s", len(replies), stdout)
	}
	for i, want := range []string{
		"Hi! I answer questions about one news story",
		"5 articles about the story:\n1. Kim Jong Un decorates North Korean soldiers who fought Ukraine — Reuters · Joyce Lee and Ju-min Park · 2025-08-22\n",
		"1. “",
		"Answering: how many North Korean soldiers were wounded?\n1. “",
		"Sorry, I only read English",
		"1. “",
		"You're welcome",
		"Bye!\n",
	} {
		if !strings.HasPrefix(replies[i], want) {
			t.Errorf("reply %d starts %.120q, want %q", i, replies[i], want)
		}
	}
	for _, i := range []int{0, 1, 4, 6, 7} {
		if strings.Contains(replies[i], "\n— ") {
			t.Errorf("small talk got quotes:\n%s", replies[i])
		}
	}
	if !strings.Contains(replies[3], "wounded") {
		t.Errorf("the follow-up is not answered about the wounded:\n%s", replies[3])
	}
	if !strings.Contains(replies[5], "help modernize") {
		t.Errorf("a question with \"help\" in it was not answered as a question:\n%s", replies[5])
	}
}

func TestConversation(t *testing.T) {
	var asked []string
	ask := func(_ context.Context, q string) (answer.Result, error) {
		asked = append(asked, q)
		return answer.Result{Question: q}, nil
	}
	now := time.Date(2025, 8, 22, 10, 0, 0, 0, time.UTC)
	c := newConversation(ask, func() []answer.Source { return nil })
	c.now = func() time.Time { return now }
	var out bytes.Buffer
	say := func(line string) string {
		out.Reset()
		if c.reply(context.Background(), &out, line) {
			t.Errorf("%q ended the chat", line)
		}
		return out.String()
	}

	say("how many North Korean soldiers were killed?")
	if got := say("help"); !strings.Contains(got, "sources") {
		t.Errorf("help: %q", got)
	}
	if got := say("when?"); !strings.HasPrefix(got, "Answering: when were North Korean soldiers killed?\n") {
		t.Errorf("follow-up: %q", got)
	}
	// Eleven minutes on, the previous question is forgotten.
	now = now.Add(11 * time.Minute)
	if got := say("where?"); strings.Contains(got, "Answering") {
		t.Errorf("follow-up after 11 minutes: %q", got)
	}
	// Small talk around a question is not looked up.
	say("hey storybot, who did Kim decorate? thanks")
	want := []string{"how many North Korean soldiers were killed?", "when were North Korean soldiers killed?", "where?", "who did Kim decorate?"}
	if fmt.Sprint(asked) != fmt.Sprint(want) {
		t.Errorf("asked %q, want %q", asked, want)
	}
	if got := say("sources"); !strings.Contains(got, "No articles") {
		t.Errorf("sources with none indexed: %q", got)
	}
}

// The console numbers its quotes and cites each with what is known of its
// article, the title included; seeds/003, which has no outlet and whose
// title is its first sentence, is cited by that title shortened at a word.
func TestConsoleCitations(t *testing.T) {
	stdout, stderr, err := runBot(t, map[string]string{"DISCORD_TOKEN": ""}, "how many troops did Pyongyang deploy to Kursk in 2024?\n",
		"--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatalf("chat: %v\nstderr: %s", err, stderr)
	}
	if !strings.Contains(stdout, "> 1. “") || !strings.Contains(stdout, "\n\n2. “") {
		t.Errorf("quotes are not numbered:\n%s", stdout)
	}
	const lede = "Kim Jong-un has praised North Korean soldiers sent to fight alongside Russian forces in Ukraine, describing"
	if !strings.Contains(stdout, "\n— Kim Jong-un has praised North Korean soldiers sent to fight alongside Russian…\n") {
		t.Errorf("seeds/003 is not cited by its shortened title:\n%s", stdout)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "— ") && strings.Contains(line, lede) {
			t.Errorf("cited by a paragraph: %s", line)
		}
	}
	if !regexp.MustCompile(`\n— (Reuters|The New York Times|The Kyiv Independent|ABC) · [^\n]+ · [A-Z][^\n]+\n`).MatchString(stdout) {
		t.Errorf("no citation with outlet and title:\n%s", stdout)
	}
}

// "timeline" in the console lists the seeds' dated quotes, dates in order,
// relative dates resolved against the article's date, and leaves out the
// relative dates of articles that have none.
func TestConsoleTimeline(t *testing.T) {
	stdout, stderr, err := runBot(t, map[string]string{"DISCORD_TOKEN": ""}, "timeline\n", "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatalf("chat: %v\nstderr: %s", err, stderr)
	}
	if !strings.Contains(stdout, "dated quotes, earliest first") {
		t.Fatalf("no timeline:\n%s", stdout)
	}
	// Each event: a date line, the quote, the source with the date's words.
	re := regexp.MustCompile(`(?m)^(\d{4}(?:-\d{2}-\d{2})?|[A-Z][a-z]+ \d{4})\n“[^\n]+”\n— [^\n]+ \(“[^”\n]+”\)$`)
	events := re.FindAllStringSubmatch(stdout, -1)
	if len(events) < 5 {
		t.Fatalf("%d events:\n%s", len(events), stdout)
	}
	var keys []string
	for _, m := range events {
		d, err := time.Parse("2006-01-02", m[1])
		if err != nil {
			if d, err = time.Parse("January 2006", m[1]); err != nil {
				d, _ = time.Parse("2006", m[1])
			}
		}
		keys = append(keys, d.Format("2006-01-02"))
	}
	if !sort.StringsAreSorted(keys) {
		t.Errorf("dates out of order: %v", keys)
	}
	for _, want := range []string{
		"2025-08-21\n“North Korean leader Kim Jong Un publicly decorated soldiers", // "on Aug. 21", Kyiv Independent
		"2025-08-22\n“In a rare show of public grieving, Kim Jong-un",              // "on Friday", NYT of 2025-08-22
		"June 2024\n“After President Vladimir V. Putin met with Mr. Kim",           // "in June last year"
		"April 2025\n“About 600 North Korean troops have been killed",              // "in April", Reuters
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("timeline lacks %q:\n%s", want, stdout)
		}
	}
	// ABC has no date: its "on Friday" cannot be placed. A photo caption
	// dates a photo, not an event.
	for _, not := range []string{"Kim Jong-un on Friday honored fallen soldiers", "A photo released by North Korean state media", "June, 2019"} {
		if strings.Contains(stdout, not) {
			t.Errorf("timeline has %q:\n%s", not, stdout)
		}
	}
}
