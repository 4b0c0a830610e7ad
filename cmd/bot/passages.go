package main

import (
	"context"

	"github.com/storybot/storybot/bot"
)

// Passages lists an article's passages, for the bot's Full passage
// button.
func (l library) Passages(ctx context.Context, file string) ([]bot.Passage, bool) {
	snap, release, err := l.st.Acquire()
	if err != nil {
		return nil, false
	}
	defer release()
	id := ""
	for _, a := range snap.Meta().Articles {
		if a.File == file {
			id = a.ID
			break
		}
	}
	if id == "" {
		return nil, false
	}
	var out []bot.Passage
	for seq := 0; ctx.Err() == nil; seq++ {
		p, ok := snap.Passage(id, seq)
		if !ok {
			break
		}
		out = append(out, bot.Passage{Para: p.Para, Gap: p.Gap, Text: p.Text, Caption: p.Caption})
	}
	return out, true
}
