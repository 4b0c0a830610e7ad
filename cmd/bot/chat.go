package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/talk"
	"github.com/storybot/storybot/timeline"
)

// Console replies to small talk.
const (
	chatHelp = "I answer questions about one news story, quoting the articles word for word with their source.\n" +
		"Type a question (\"how many soldiers died?\"), then follow up if you like (\"and how many were wounded?\", \"when?\").\n" +
		"\"sources\" lists the articles, \"timeline\" the story's dated events in order; \"quit\" ends the chat. I read English only, and when the articles don't say, I tell you so."
	chatAbout      = "I'm storybot: I search a fixed set of news articles and quote them word for word. No language model writes my answers."
	chatThanks     = "You're welcome! Ask me anything else about the story."
	chatNotEnglish = "Sorry, I only read English: the articles I quote are in English. Please ask in English."
)

// conversation is the console chat's state: the last question, for
// follow-ups ("and how many were wounded?").
type conversation struct {
	ask      func(ctx context.Context, q string) (answer.Result, error)
	sources  func() []answer.Source
	timeline func(ctx context.Context) ([]timeline.Event, error) // nil: no timeline
	memory   *talk.Memory
	now      func() time.Time
}

func newConversation(ask func(context.Context, string) (answer.Result, error), sources func() []answer.Source) *conversation {
	return &conversation{ask: ask, sources: sources, memory: talk.NewMemory(1, talk.DefaultTTL), now: time.Now}
}

// consoleKey is the console's one conversation.
const consoleKey = "console"

// reply answers one line typed in the chat; done is true when the reader
// said goodbye.
func (c *conversation) reply(ctx context.Context, w io.Writer, line string) (done bool) {
	if c.timeline != nil && talk.Classify(line) == talk.Timeline {
		events, err := c.timeline(ctx)
		writeTimeline(w, events, err)
		return false
	}
	switch talk.Classify(line) {
	case talk.Greeting:
		fmt.Fprintf(w, "Hi! %s\n\n", chatHelp)
	case talk.Help:
		fmt.Fprintf(w, "%s\n\n", chatHelp)
	case talk.About:
		fmt.Fprintf(w, "%s\n%s\n\n", chatAbout, chatHelp)
	case talk.Thanks:
		fmt.Fprintf(w, "%s\n\n", chatThanks)
	case talk.Goodbye:
		fmt.Fprintln(w, "Bye!")
		return true
	case talk.Sources:
		writeSources(w, c.sources())
	case talk.NotEnglish:
		fmt.Fprintf(w, "%s\n\n", chatNotEnglish)
	default:
		now := c.now()
		q := strings.Join(strings.Fields(talk.Strip(line)), " ")
		if prev, ok := c.memory.Last(consoleKey, now); ok {
			if r, ok := talk.FollowUp(prev, q); ok {
				q = r
				fmt.Fprintf(w, "Answering: %s\n", q)
			}
		}
		res, err := c.ask(ctx, q)
		if err == nil {
			c.memory.Remember(consoleKey, q, now)
		}
		writeText(w, res, err)
	}
	return false
}

// writeSources lists the articles, one a line, with what is known of
// each: title, then outlet · author · date.
func writeSources(w io.Writer, srcs []answer.Source) {
	if len(srcs) == 0 {
		fmt.Fprintln(w, "No articles are indexed yet.")
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintf(w, "%d articles about the story:\n", len(srcs))
	for i, s := range srcs {
		var parts []string
		for _, p := range []string{s.Outlet, s.Author, s.Date} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		line := bot.ShortTitle(s)
		if len(parts) > 0 {
			line += " — " + strings.Join(parts, " · ")
		}
		fmt.Fprintf(w, "%d. %s\n", i+1, line)
	}
	fmt.Fprintln(w)
}
