// Command bot answers questions about a news story from its articles: on
// Discord when DISCORD_TOKEN is set, else as a console chat; `bot ask` and
// `bot index` serve scripts and admins.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bot:", err)
	}
	stop()
	os.Exit(exitCode(err))
}

// exitCode is 0 for success, 2 for a mistaken command line (the usual
// convention, so that scripts can tell it from a failure) and 1 for any
// other error.
func exitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		return 1
	}
}

// version is stamped at build time: go build -ldflags "-X main.version=v1.2.3".
var version string

// versionString is the stamped version, else the module version or VCS
// revision the Go toolchain recorded, else "devel".
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		return "devel-" + rev[:min(len(rev), 12)] + modified
	}
	return "devel"
}
