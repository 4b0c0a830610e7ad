package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storybot/storybot/index"
)

// logConfig is what LOG_LEVEL and LOG_FORMAT say.
type logConfig struct {
	level slog.Level
	// set is false when LOG_LEVEL is unset, and each command picks its
	// own level.
	set  bool
	json bool
}

// logSettings reads LOG_LEVEL and LOG_FORMAT. An empty value counts as
// unset; a value the bot does not know stops it, naming the variable,
// rather than being silently ignored.
func logSettings(getenv func(string) string) (logConfig, error) {
	var lc logConfig
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_LEVEL"))); v {
	case "":
	case "debug":
		lc.level, lc.set = slog.LevelDebug, true
	case "info":
		lc.level, lc.set = slog.LevelInfo, true
	case "warn", "warning":
		lc.level, lc.set = slog.LevelWarn, true
	case "error":
		lc.level, lc.set = slog.LevelError, true
	default:
		return lc, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", getenv("LOG_LEVEL"))
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); v {
	case "", "text":
	case "json":
		lc.json = true
	default:
		return lc, fmt.Errorf("LOG_FORMAT=%q: want text or json", getenv("LOG_FORMAT"))
	}
	return lc, nil
}

// logger writes to w at LOG_LEVEL, or at def when it is unset.
func (lc logConfig) logger(w io.Writer, def slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: def}
	if lc.set {
		opts.Level = lc.level
	}
	if lc.json {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether f, a standard stream, is a terminal.
func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(fd.Fd()))
}

// logEvery is how often a build's progress is logged when stderr is not a
// terminal: often enough to see a large build move, seldom enough for a
// log file.
const logEvery = 2 * time.Second

// newProgress shows how an index build is going: a live line when live
// (stderr is a terminal), else a log line at the first batch, every
// logEvery and at the end. The index calls it from one build at a time.
func newProgress(stderr io.Writer, live bool, log *slog.Logger) index.Progress {
	if live {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
			if total == 0 {
				return
			}
			if bar == nil || bar.IsFinished() || int64(done) < bar.State().CurrentNum {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription("indexing articles"),
					progressbar.OptionShowCount(),
					progressbar.OptionSetWidth(30),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionOnCompletion(func() { fmt.Fprintln(stderr) }),
				)
			}
			bar.Set(done)
		}
	}
	var (
		last     time.Time
		lastDone int
	)
	return func(done, total int) {
		now := time.Now()
		if done < lastDone { // a new build
			last = time.Time{}
		}
		lastDone = done
		if done == total || now.Sub(last) >= logEvery {
			last = now
			log.Info("indexing", "articles", done, "total", total)
		}
	}
}
