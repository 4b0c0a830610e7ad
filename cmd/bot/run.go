package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
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
  bot feedback [--json] [--index DIR]    the answers readers marked wrong, with their comments
                                         (--json: every vote, one JSON object a line)
  bot healthcheck                        exit 0 when the running bot's /healthz answers
  bot --version                          print the version

Flags may come before or after the question; "--" ends them.
Configuration is read from the environment and from .env (see .env.example).`

// errUsage marks a command-line mistake; the usage text has been printed.
// main exits with status 2 for it, so that scripts can tell a mistaken
// command line from a failure.
var errUsage = errors.New("invalid command line")

// config is what the environment and flags say.
type config struct {
	seeds, index string
	// seedsFrom says where seeds came from, for an error that must tell
	// the user how to point elsewhere.
	seedsFrom string
	json      bool
	version   bool
	args      []string
	getenv    func(string) string
	// scorer is how searches score passages (INDEX_SCORER).
	scorer index.Scorer
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
	case "", "ask", "index", "healthcheck", "feedback":
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
	if cfg.version {
		fmt.Fprintln(stdout, "storybot", versionString())
		return nil
	}
	if len(cfg.args) > 0 && cmd != "ask" {
		fmt.Fprintf(stderr, "unexpected arguments %q\n%s\n", cfg.args, usage)
		return errUsage
	}
	if cmd == "healthcheck" {
		return runHealthcheck(ctx, getenv, stdout)
	}
	if cmd == "feedback" {
		return runFeedback(ctx, cfg, stdout)
	}
	logs, err := logSettings(getenv)
	if err != nil {
		return err
	}
	out := outputs{stderrLive: isTerminal(stderr) && !logs.json}
	switch {
	case cmd == "index":
		out.log = logs.logger(stderr, slog.LevelInfo)
		out.indexLog = out.log
	case cmd == "ask" || !wantsDiscord(getenv):
		// Keep the console quiet, but say when the index must be built
		// and where it is kept.
		out.log = logs.logger(stderr, slog.LevelWarn)
		out.indexLog = logs.logger(stderr, slog.LevelInfo)
	default:
		out.log = logs.logger(stderr, slog.LevelInfo)
		out.indexLog = out.log
		out.stderrLive = false // a server's log is lines, never a live line
	}
	out.progress = newProgress(stderr, out.stderrLive, out.indexLog)

	switch cmd {
	case "index":
		return runIndex(ctx, cfg, stdout, out)
	case "ask":
		return runAsk(ctx, cfg, stdin, stdout, out)
	}
	if wantsDiscord(getenv) {
		return runDiscord(ctx, cfg, out)
	}
	if !isTerminal(stdin) {
		out.log.Warn("running as a console chat on stdin and stdout because DISCORD_TOKEN is not set")
	}
	return runChat(ctx, cfg, stdin, stdout, out)
}

// outputs is where a command reports what it does.
type outputs struct {
	log *slog.Logger
	// indexLog is told when the index is built and where it is kept.
	indexLog *slog.Logger
	progress index.Progress
	// stderrLive is true when progress is a live line on a terminal.
	stderrLive bool
	// onBuild, if set, is told of every index build (for the metrics).
	onBuild func(index.Report, error)
}

// parseFlags reads the flags of cmd, which may come before or after its
// arguments (bot ask "how many died" --json); "--" ends the flags.
func parseFlags(cmd string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg := config{getenv: getenv}
	flags := flag.NewFlagSet("bot "+cmd, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprintln(stderr, usage) }
	flags.BoolVar(&cfg.version, "version", false, "print the version")
	if cmd != "healthcheck" {
		flags.StringVar(&cfg.seeds, "seeds", "", "articles directory (default $SEEDS_DIR, else ./seeds)")
		flags.StringVar(&cfg.index, "index", "", "index directory (default $INDEX_DIR, else a per-user cache directory)")
	}
	switch cmd {
	case "ask":
		flags.BoolVar(&cfg.json, "json", false, "print one JSON object per question")
	case "feedback":
		flags.BoolVar(&cfg.json, "json", false, "print one JSON object per vote")
	}
	for {
		if err := flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return cfg, err
			}
			return cfg, errUsage
		}
		rest := flags.Args()
		if len(rest) == 0 {
			break
		}
		// Parse stops at the first argument that is not a flag, or just
		// after "--", which ends the flags for good.
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			cfg.args = append(cfg.args, rest...)
			break
		}
		cfg.args = append(cfg.args, rest[0])
		args = rest[1:]
	}
	switch {
	case cfg.seeds != "":
		cfg.seedsFrom = "given by --seeds"
	case strings.TrimSpace(getenv("SEEDS_DIR")) != "":
		cfg.seeds, cfg.seedsFrom = getenv("SEEDS_DIR"), "from SEEDS_DIR"
	default:
		cfg.seeds, cfg.seedsFrom = "seeds", "the default: ./seeds in the working directory"
	}
	if cfg.index == "" && strings.TrimSpace(getenv("INDEX_DIR")) != "" {
		cfg.index = getenv("INDEX_DIR")
	}
	if cfg.index == "" {
		cfg.index = defaultIndexDir()
	}
	sc, err := index.ParseScorer(getenv("INDEX_SCORER"))
	if err != nil {
		return cfg, fmt.Errorf("INDEX_SCORER=%q: want %s or %s", getenv("INDEX_SCORER"), index.ScorerPruned, index.ScorerBleve)
	}
	cfg.scorer = sc
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
// not set; the environment always wins. An empty variable counts as unset.
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

// checkSeeds fails, saying where it looked and how to look elsewhere, when
// the articles folder is not there.
func checkSeeds(cfg config) error {
	info, err := os.Stat(cfg.seeds)
	if err == nil && info.IsDir() {
		return nil
	}
	where := cfg.seeds
	if abs, aerr := filepath.Abs(cfg.seeds); aerr == nil {
		where = abs
	}
	var problem string
	switch {
	case err == nil:
		problem = fmt.Sprintf("%s (%s) is not a folder", where, cfg.seedsFrom)
	case errors.Is(err, fs.ErrNotExist):
		problem = fmt.Sprintf("no articles folder at %s (%s)", where, cfg.seedsFrom)
	default:
		problem = fmt.Sprintf("cannot read the articles folder %s (%s): %v", where, cfg.seedsFrom, errors.Unwrap(err))
	}
	return errors.New(problem + ": point --seeds DIR or SEEDS_DIR at the folder of articles")
}

// openStore opens (building if needed) the index for cfg.
func openStore(ctx context.Context, cfg config, out outputs, force bool) (*index.Store, index.Report, error) {
	if err := checkSeeds(cfg); err != nil {
		return nil, index.Report{}, err
	}
	return index.Open(ctx, cfg.seeds, cfg.index, index.Options{Logger: out.indexLog, Progress: out.progress, Rebuild: force, OnBuild: out.onBuild, Scorer: cfg.scorer})
}

// newEngine opens the index and the answer engine over it.
func newEngine(ctx context.Context, cfg config, out outputs) (*index.Store, *answer.Engine, error) {
	st, _, err := openStore(ctx, cfg, out, false)
	if err != nil {
		return nil, nil, err
	}
	return st, answer.New(acquirer(st)), nil
}
