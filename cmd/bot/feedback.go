package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/feedback"
)

// feedbackPath is FEEDBACK_DB, else feedback.db beside the index
// directory: outside it, so that rebuilding the index never touches it.
func feedbackPath(cfg config) string {
	if p := strings.TrimSpace(cfg.getenv("FEEDBACK_DB")); p != "" {
		return p
	}
	return filepath.Join(filepath.Dir(filepath.Clean(cfg.index)), "feedback.db")
}

// openFeedback opens the feedback database for the bot. One that cannot
// be opened (corrupt, unwritable) is logged, and the bot answers without
// vote buttons rather than not at all.
func openFeedback(cfg config, log *slog.Logger) bot.Feedback {
	path := feedbackPath(cfg)
	st, err := feedback.Open(path)
	if err != nil {
		log.Error("feedback: the database cannot be used; answering without 👍/👎 buttons", "err", err)
		return nil
	}
	log.Info("feedback: recording votes", "path", path)
	return votes{st}
}

// votes gives the bot the feedback database.
type votes struct{ st *feedback.Store }

func (v votes) Vote(ctx context.Context, x bot.Vote) error {
	return v.st.Record(ctx, x.User, feedbackVote(x))
}

func (v votes) Comment(ctx context.Context, x bot.Vote, comment string) error {
	return v.st.Comment(ctx, x.User, feedbackVote(x), comment)
}

func feedbackVote(x bot.Vote) feedback.Vote {
	v := feedback.Vote{Answer: x.Answer, Vote: feedback.Down, Question: x.Question, Quote: x.Quote,
		Source: feedback.Source{File: x.Source.File, Outlet: x.Source.Outlet, Title: x.Source.Title,
			Author: x.Source.Author, Date: x.Source.Date, URL: x.Source.URL}}
	if x.Up {
		v.Vote = feedback.Up
	}
	return v
}

// runFeedback prints the answers readers marked wrong, most 👎 first, with
// their comments; with --json, every vote as one JSON object a line.
func runFeedback(ctx context.Context, cfg config, stdout io.Writer) error {
	path := feedbackPath(cfg)
	all, err := feedback.Read(ctx, path)
	if err != nil {
		return err
	}
	if cfg.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, v := range all {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		return nil
	}
	wrong := feedback.Tally(all)
	if len(wrong) == 0 {
		fmt.Fprintf(stdout, "No answer has been marked wrong (%d votes in %s).\n", len(all), path)
		return nil
	}
	fmt.Fprintf(stdout, "%d answers marked wrong, most 👎 first (%d votes in %s):\n", len(wrong), len(all), path)
	for i, a := range wrong {
		fmt.Fprintf(stdout, "\n%d. 👎 %d  👍 %d\n", i+1, a.Down, a.Up)
		if a.Question != "" {
			fmt.Fprintf(stdout, "   Q: %s\n", oneLine(a.Question))
		}
		if a.Quote != "" {
			fmt.Fprintf(stdout, "   %q\n", a.Quote)
		}
		if src := citeFeedback(a.Source); src != "" {
			fmt.Fprintf(stdout, "   — %s\n", src)
		}
		for _, c := range a.Comments {
			fmt.Fprintf(stdout, "   • %s\n", oneLine(c))
		}
	}
	return nil
}

// citeFeedback names a source in one line: outlet · title (file).
func citeFeedback(s feedback.Source) string {
	var parts []string
	for _, p := range []string{s.Outlet, s.Title} {
		if p = oneLine(p); p != "" {
			parts = append(parts, p)
		}
	}
	out := strings.Join(parts, " · ")
	if s.File != "" {
		out = strings.TrimSpace(out + " (" + oneLine(s.File) + ")")
	}
	return out
}

// oneLine keeps a reader's text on one line of the terminal, without
// control characters.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)), " ")
}
