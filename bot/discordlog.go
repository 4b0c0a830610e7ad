package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through a package variable, discordgo.Logger, or else
// the standard log package as "[DG0] file:line:func() message" lines that
// ignore LOG_LEVEL and LOG_FORMAT. The bot sets that variable once, to a
// function that writes to the logger of the service started last (one per
// process outside tests), at the matching slog level.
var (
	libraryLog     atomic.Pointer[libraryLogger]
	libraryLogOnce sync.Once
)

type libraryLogger struct {
	log   *slog.Logger
	token string
}

// routeLibraryLogs sends discordgo's own log lines to log, with the bot
// token and interaction tokens scrubbed.
func routeLibraryLogs(log *slog.Logger, token string) {
	libraryLog.Store(&libraryLogger{log: log, token: token})
	libraryLogOnce.Do(func() { discordgo.Logger = logLibraryLine })
}

func logLibraryLine(msgL, _ int, format string, a ...any) {
	l := libraryLog.Load()
	if l == nil {
		return
	}
	level := slog.LevelDebug
	switch msgL {
	case discordgo.LogError:
		level = slog.LevelError
	case discordgo.LogWarning:
		level = slog.LevelWarn
	case discordgo.LogInformational:
		level = slog.LevelInfo
	}
	msg := scrubInteractionTokens(scrub(fmt.Sprintf(format, a...), l.token))
	l.log.Log(context.Background(), level, "discordgo: "+msg, "from", "discordgo")
}
