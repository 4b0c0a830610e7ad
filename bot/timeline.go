package bot

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/timeline"
)

// Articles is what the timeline reads: the articles and their passages (a
// Library is one).
type Articles interface {
	Sources() []answer.Source
	Passages(ctx context.Context, file string) ([]Passage, bool)
}

// Timeline lists the story's dated events, earliest first, from every
// article's passages; photo captions are left out. It serves /timeline
// and the console's "timeline".
func Timeline(ctx context.Context, lib Articles) ([]timeline.Event, error) {
	var arts []timeline.Article
	for _, src := range lib.Sources() {
		ps, ok := lib.Passages(ctx, src.File)
		if !ok {
			continue
		}
		a := timeline.Article{Source: src}
		for _, p := range ps {
			if !p.Caption {
				a.Passages = append(a.Passages, p.Text)
			}
		}
		arts = append(arts, a)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return timeline.Build(arts), nil
}

// timeline answers /timeline.
func (b *service) timeline() answered {
	ctx, cancel := context.WithTimeout(b.baseCtx, b.cfg.AskTimeout)
	defer cancel()
	events, err := Timeline(ctx, b.lib)
	if err != nil {
		return answered{reply: Reply{Content: sorry}, outcome: outcome{result: "error", err: err}}
	}
	// "listed", not the count: results label metrics, whose values stay few.
	return answered{reply: FormatTimeline(events), outcome: outcome{result: "listed"}}
}

// noTimeline is the reply when no passage names a date.
const noTimeline = "The articles give no dates I can place on a timeline."

// maxTimelineQuote bounds each quote of the timeline, so that more events
// fit in one message; a longer one is cut at a word, as a verbatim prefix.
const maxTimelineQuote = 400

// FormatTimeline renders events as one embed per date, earliest first:
// each event's quote as a block quote, then its source and the words the
// date was read from. Events that do not fit in Discord's limits are
// counted in the content instead.
func FormatTimeline(events []timeline.Event) Reply {
	if len(events) == 0 {
		return Reply{Content: noTimeline}
	}
	var embeds []*discordgo.MessageEmbed
	used, shown := 0, 0
	// Room for the content's count is not part of the embeds' 6000.
	for _, e := range events {
		entry := BlockQuote(e.Quote, maxTimelineQuote) + "\n— " +
			TruncateEscaped(SourceLine(e.Source), MaxFooter) + " (“" + TruncateEscaped(e.Phrase, 100) + "”)"
		date := e.Date.String()
		var cur *discordgo.MessageEmbed
		need := utf8.RuneCountInString(entry)
		if n := len(embeds); n > 0 && embeds[n-1].Title == date {
			cur = embeds[n-1]
			need += 2
		} else {
			need += utf8.RuneCountInString(date)
		}
		if used+need > MaxEmbedTotal || (cur == nil && len(embeds) == MaxEmbeds) ||
			(cur != nil && utf8.RuneCountInString(cur.Description)+need > MaxEmbedDescription) {
			break
		}
		if cur == nil {
			embeds = append(embeds, &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: Colour, Title: date, Description: entry})
		} else {
			cur.Description += "\n\n" + entry
		}
		used += need
		shown++
	}
	content := fmt.Sprintf("**Timeline:** %d dated quotes from the articles, earliest first. Relative dates (\"on Friday\", \"in April\") are read against the article's date; quotes without a date are left out.", shown)
	if shown < len(events) {
		content += fmt.Sprintf(" %d more did not fit.", len(events)-shown)
	}
	return Reply{Content: content, Embeds: embeds}
}
