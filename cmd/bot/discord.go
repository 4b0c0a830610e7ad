package main

import (
	"context"
	"log/slog"
	"strings"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/index"
)

// runDiscord serves the bot on Discord until ctx is cancelled.
func runDiscord(ctx context.Context, cfg config, log *slog.Logger) error {
	st, engine, err := newEngine(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	return bot.Run(ctx, bot.Config{
		Token:    cfg.getenv("DISCORD_TOKEN"),
		APIURL:   cfg.getenv("DISCORD_API_URL"),
		GuildID:  cfg.getenv("DISCORD_GUILD_ID"),
		AdminIDs: splitList(cfg.getenv("BOT_ADMIN_IDS")),
		Logger:   log,
	}, engine, library{st})
}

// splitList reads a comma- or space-separated list.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// library gives the Discord bot the index's admin side.
type library struct{ st *index.Store }

func (l library) Sources() []answer.Source {
	snap, release, err := l.st.Acquire()
	if err != nil {
		return nil
	}
	defer release()
	var out []answer.Source
	for _, a := range snap.Meta().Articles {
		out = append(out, source(a))
	}
	return out
}

func (l library) Reindex(ctx context.Context) (bot.Report, error) {
	rep, err := l.st.Rebuild(ctx)
	return botReport(rep), err
}

func (l library) AddArticle(ctx context.Context, name string, data []byte) (bot.Report, error) {
	rep, err := l.st.AddArticle(ctx, name, data)
	return botReport(rep), err
}

func botReport(r index.Report) bot.Report {
	out := bot.Report{Articles: r.Articles, Passages: r.Passages, Took: r.Took, Added: r.Added}
	for _, s := range r.Skipped {
		out.Skipped = append(out.Skipped, bot.Skipped{File: s.File, Reason: s.Reason})
	}
	return out
}
