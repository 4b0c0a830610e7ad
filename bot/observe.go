package bot

import (
	"time"

	"github.com/bwmarrin/discordgo"
)

// Observer is told what the bot does, for metrics and readiness. Its
// methods are called from many goroutines and must not block.
type Observer interface {
	// Question is a question answered, declined (the articles hold no
	// answer, or it cannot be asked), rate_limited or failed (error),
	// from a front end: slash (/ask over the gateway), http (/ask in HTTP
	// mode), dm or mention; took is how long the asker waited.
	Question(frontEnd, outcome string, took time.Duration)
	// Command is any command, autocomplete or message handled, with its
	// detailed result (as logged).
	Command(command, result string)
	// RESTError is a REST call to Discord answered with an error status
	// (429 included), or with no response at all (status 0). route names
	// the call without IDs or tokens: "PATCH discord.com webhooks".
	RESTError(route string, status int)
	// Connected is true while the bot can take interactions: the gateway
	// session is up, or the HTTP endpoint is serving.
	Connected(up bool)
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) Question(string, string, time.Duration) {}
func (nopObserver) Command(string, string)                 {}
func (nopObserver) RESTError(string, int)                  {}
func (nopObserver) Connected(bool)                         {}

// observe reports a finished command to the observer.
func (b *service) observe(cmd string, start time.Time, o outcome) {
	b.cfg.Observer.Command(cmd, o.result)
	frontEnd := ""
	switch cmd {
	case cmdAsk:
		frontEnd = "slash"
		if b.cfg.httpMode() {
			frontEnd = "http"
		}
	case "dm", "mention":
		frontEnd = cmd
	default:
		return
	}
	b.cfg.Observer.Question(frontEnd, questionOutcome(o.result), time.Since(start))
}

// questionOutcome folds a command's result into answered, declined,
// rate_limited or error.
func questionOutcome(result string) string {
	switch result {
	case "answered", "rate_limited":
		return result
	case "not_answered", "empty", "no_words", "too_long":
		return "declined"
	}
	return "error"
}

// watchConnection tells the observer when the gateway session goes up or
// down.
func (b *service) watchConnection(s *discordgo.Session) {
	s.AddHandler(func(*discordgo.Session, *discordgo.Connect) { b.cfg.Observer.Connected(true) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { b.cfg.Observer.Connected(false) })
}
