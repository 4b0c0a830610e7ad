package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/bot"
	"github.com/storybot/storybot/index"
	"github.com/storybot/storybot/internal/searcher"
)

// runDiscord serves the bot on Discord until ctx is cancelled.
func runDiscord(ctx context.Context, cfg config, out outputs) error {
	bc, err := botConfig(cfg.getenv, out.log)
	if err != nil {
		return err
	}
	every, err := watchInterval(cfg.getenv("INDEX_WATCH"))
	if err != nil {
		return err
	}
	defer routeStdLog(out.log)()
	stat := newStatus()
	bc.Observer = stat
	bc.Ops = opsHandler(stat) // in HTTP mode, on HTTP_ADDR too
	out.onBuild = stat.built
	if addr := strings.TrimSpace(cfg.getenv("METRICS_ADDR")); addr != "" {
		stop, err := serveHealth(addr, out.log, bc.Ops)
		if err != nil {
			return err
		}
		defer stop()
	}
	st, engine, err := newEngine(ctx, cfg, out)
	if err != nil {
		return err
	}
	defer st.Close()
	stat.indexOpened(st)
	defer stat.indexOpened(nil)
	defer warmUpUntilDone(ctx, st, engine)()
	bc.Feedback = openFeedback(cfg, out.log)
	if every > 0 {
		watching, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			st.Watch(watching, every)
		}()
		defer func() { stop(); <-done }()
	}
	return bot.Run(ctx, bc, engine, library{st})
}

// routeStdLog sends what is written with the standard log package to lg,
// so that every line follows LOG_FORMAT, and returns the function that puts
// the standard log back. (discordgo's own lines go to the bot's logger at
// their level: see package bot.)
func routeStdLog(lg *slog.Logger) (restore func()) {
	w, flags := log.Writer(), log.Flags()
	log.SetFlags(0)
	log.SetOutput(stdLogWriter{lg})
	return func() { log.SetOutput(w); log.SetFlags(flags) }
}

type stdLogWriter struct{ log *slog.Logger }

func (w stdLogWriter) Write(p []byte) (int, error) {
	w.log.Warn(strings.TrimSpace(string(p)), "from", "log")
	return len(p), nil
}

// defaultWatch is how often the bot checks SEEDS_DIR for changed articles
// unless INDEX_WATCH says otherwise: a stat of each file, cheap even for
// thousands of articles.
const defaultWatch = 30 * time.Second

// watchInterval reads INDEX_WATCH: a duration such as "30s", or "off" (or
// "0") for no watching.
func watchInterval(s string) (time.Duration, error) {
	switch s = strings.TrimSpace(s); s {
	case "":
		return defaultWatch, nil
	case "off", "0":
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("INDEX_WATCH=%q: want a duration such as 30s or 5m, or off", s)
	}
	return d, nil
}

// discordVars are the settings that mean "run on Discord": with any of
// them set, a missing token is an error, not a reason for a console chat.
var discordVars = []string{"DISCORD_TOKEN", "DISCORD_PUBLIC_KEY", "HTTP_ADDR", "SHARD_ID", "SHARD_COUNT"}

// wantsDiscord reports whether the environment asks for the Discord bot.
func wantsDiscord(getenv func(string) string) bool {
	for _, v := range discordVars {
		if strings.TrimSpace(getenv(v)) != "" {
			return true
		}
	}
	return false
}

// botConfig reads the Discord settings from the environment, failing
// before anything is opened when they do not make sense.
func botConfig(getenv func(string) string, log *slog.Logger) (bot.Config, error) {
	bc := bot.Config{
		Token:     getenv("DISCORD_TOKEN"),
		APIURL:    getenv("DISCORD_API_URL"),
		GuildID:   getenv("DISCORD_GUILD_ID"),
		AdminIDs:  splitList(getenv("BOT_ADMIN_IDS")),
		Logger:    log,
		PublicKey: strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
		HTTPAddr:  strings.TrimSpace(getenv("HTTP_ADDR")),
	}
	if bc.Token == "" {
		return bc, errors.New("DISCORD_TOKEN is not set: the bot needs its token to run on Discord")
	}
	if bc.HTTPAddr != "" && bc.PublicKey == "" {
		return bc, errors.New("HTTP_ADDR is set but DISCORD_PUBLIC_KEY is not: HTTP interactions mode needs the application's public key")
	}
	var err error
	if bc.ShardID, bc.ShardCount, err = shardConfig(getenv); err != nil {
		return bc, err
	}
	if bc.ShardCount > 0 && bc.PublicKey != "" {
		return bc, errors.New("SHARD_ID/SHARD_COUNT shard the gateway connection; HTTP interactions mode (DISCORD_PUBLIC_KEY) has none: set one or the other")
	}
	return bc, nil
}

// shardConfig reads SHARD_ID and SHARD_COUNT: both or neither. Neither is
// one unsharded process (count 0).
func shardConfig(getenv func(string) string) (id, count int, err error) {
	idStr, countStr := strings.TrimSpace(getenv("SHARD_ID")), strings.TrimSpace(getenv("SHARD_COUNT"))
	if idStr == "" && countStr == "" {
		return 0, 0, nil
	}
	if idStr == "" || countStr == "" {
		return 0, 0, errors.New("SHARD_ID and SHARD_COUNT go together: set both (e.g. SHARD_ID=0 SHARD_COUNT=2) or neither")
	}
	count, err = strconv.Atoi(countStr)
	if err != nil || count < 1 {
		return 0, 0, fmt.Errorf("SHARD_COUNT=%q: want a whole number, 1 or more", countStr)
	}
	id, err = strconv.Atoi(idStr)
	if err != nil || id < 0 || id >= count {
		return 0, 0, fmt.Errorf("SHARD_ID=%q: want a whole number from 0 to %d (SHARD_COUNT−1)", idStr, count-1)
	}
	return id, count, nil
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
		out = append(out, searcher.Source(a))
	}
	return out
}

func (l library) Reindex(ctx context.Context) (bot.Report, error) {
	rep, err := l.st.Rebuild(ctx)
	return botReport(rep), err
}

func (l library) AddArticle(ctx context.Context, name string, data []byte) (bot.Report, error) {
	rep, err := l.st.AddArticle(ctx, name, data)
	if index.Invalid(err) {
		err = &bot.InvalidArticle{Reason: err}
	}
	return botReport(rep), err
}

func botReport(r index.Report) bot.Report {
	out := bot.Report{Articles: r.Articles, Passages: r.Passages, Took: r.Took, Added: r.Added}
	for _, s := range r.Skipped {
		out.Skipped = append(out.Skipped, bot.Skipped{File: s.File, Reason: s.Reason})
	}
	return out
}
