package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storybot/storybot/timeline"
)

// Timeline lists the story's dated events, earliest first, for /timeline
// and the console's "timeline".
func (l library) Timeline(ctx context.Context) []timeline.Event {
	var arts []timeline.Article
	for _, src := range l.Sources() {
		ps, ok := l.Passages(ctx, src.File)
		if !ok {
			continue
		}
		a := timeline.Article{Source: src}
		for _, p := range ps {
			a.Passages = append(a.Passages, p.Text)
		}
		arts = append(arts, a)
	}
	return timeline.Build(arts)
}

// writeTimeline prints the events one a paragraph: the date, the quote,
// its source.
func writeTimeline(w io.Writer, events []timeline.Event) {
	if len(events) == 0 {
		fmt.Fprintln(w, "The articles give no dates I can place on a timeline.")
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintf(w, "The story in %d dated quotes, earliest first:\n\n", len(events))
	for _, e := range events {
		fmt.Fprintf(w, "%s\n“%s”\n— %s (“%s”)\n\n", e.Date, e.Quote, citation(e.Source), e.Phrase)
	}
}
