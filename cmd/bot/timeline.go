package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/timeline"
)

// Timeline lists the story's dated events for the console's "timeline".
func (l library) Timeline(ctx context.Context) ([]timeline.Event, error) {
	return bot.Timeline(ctx, l)
}

// writeTimeline prints the events one a paragraph: the date, the quote,
// its source and the words the date was read from.
func writeTimeline(w io.Writer, events []timeline.Event, err error) {
	switch {
	case err != nil:
		fmt.Fprintf(w, "Sorry: %s\n\n", err)
		return
	case len(events) == 0:
		fmt.Fprintln(w, "The articles give no dates I can place on a timeline.")
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintf(w, "The story in %d dated quotes, earliest first:\n\n", len(events))
	for _, e := range events {
		fmt.Fprintf(w, "%s\n“%s”\n— %s (“%s”)\n\n", e.Date, e.Quote, citation(e.Source), e.Phrase)
	}
}
