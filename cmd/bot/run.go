package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/joho/godotenv"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/index"
)

const usage = `usage:
  bot [--seeds DIR] [--index DIR]        run on Discord if DISCORD_TOKEN is set, else a console chat
  bot ask [--json] [--seeds DIR] [--index DIR] [QUESTION]
                                         answer QUESTION, or each line of stdin
  bot index [--seeds DIR] [--index DIR]  rebuild the index and print what was indexed

Configuration is read from the environment and from .env (see .env.example).`

// errUsage marks a command-line mistake; the usage text has been printed.
var errUsage = errors.New("invalid command line")

// config is what the environment and flags say.
type config struct {
	seeds, index string
	json         bool
	args         []string
	getenv       func(string) string
}

// run is the whole program: main only supplies the process's arguments,
// environment and standard streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	getenv = withDotenv(getenv, ".env")
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "ask", "index":
	case "help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "unknown command %q\n%s\n", cmd, usage)
		return errUsage
	}
	cfg, err := parseFlags(cmd, args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // usage printed, as asked
	}
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if cmd == "ask" || (cmd == "" && !wantsDiscord(getenv)) {
		level = slog.LevelWarn // keep the console and JSON output clean
	}
	log := newLogger(stderr, getenv("LOG_LEVEL"), level)

	switch cmd {
	case "index":
		return runIndex(ctx, cfg, stdout, stderr, log)
	case "ask":
		return runAsk(ctx, cfg, stdin, stdout, log)
	}
	if len(cfg.args) > 0 {
		fmt.Fprintf(stderr, "unexpected arguments %q\n%s\n", cfg.args, usage)
		return errUsage
	}
	if wantsDiscord(getenv) {
		return runDiscord(ctx, cfg, log)
	}
	return runChat(ctx, cfg, stdin, stdout, log)
}

func parseFlags(cmd string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg := config{getenv: getenv}
	fs := flag.NewFlagSet("bot "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	fs.StringVar(&cfg.seeds, "seeds", "", "articles directory (default $SEEDS_DIR, else ./seeds)")
	fs.StringVar(&cfg.index, "index", "", "index directory (default $INDEX_DIR, else a per-user cache directory)")
	if cmd == "ask" {
		fs.BoolVar(&cfg.json, "json", false, "print one JSON object per question")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, errUsage
	}
	cfg.args = fs.Args()
	if cfg.seeds == "" {
		cfg.seeds = getenv("SEEDS_DIR")
	}
	if cfg.seeds == "" {
		cfg.seeds = "seeds"
	}
	if cfg.index == "" {
		cfg.index = getenv("INDEX_DIR")
	}
	if cfg.index == "" {
		cfg.index = defaultIndexDir()
	}
	return cfg, nil
}

// defaultIndexDir is a per-user cache directory, so that the index
// outlives a run without cluttering the working tree.
func defaultIndexDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "storybot", "index")
	}
	return filepath.Join(os.TempDir(), "storybot-index")
}

// withDotenv lets values in a .env file fill in what the environment does
// not set; the environment always wins.
func withDotenv(getenv func(string) string, path string) func(string) string {
	vars, err := godotenv.Read(path)
	if err != nil {
		return getenv
	}
	return func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return vars[key]
	}
}

func newLogger(w io.Writer, name string, def slog.Level) *slog.Logger {
	level := def
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// openStore opens (building if needed) the index for cfg.
func openStore(ctx context.Context, cfg config, log *slog.Logger, progress index.Progress, force bool) (*index.Store, index.Report, error) {
	return index.Open(ctx, cfg.seeds, cfg.index, index.Options{Logger: log, Progress: progress, Rebuild: force})
}

// newEngine opens the index and the answer engine over it.
func newEngine(ctx context.Context, cfg config, log *slog.Logger) (*index.Store, *answer.Engine, error) {
	st, _, err := openStore(ctx, cfg, log, nil, false)
	if err != nil {
		return nil, nil, err
	}
	return st, answer.New(acquirer(st)), nil
}
