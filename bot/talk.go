package bot

import (
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/talk"
)

// Replies to small talk. Greetings and questions about the bot get the
// help text; thanks and goodbyes a line that says what to do next.
const (
	thanksReply     = "You're welcome! Ask me anything else about the story, or send `help` to see what I can do."
	goodbyeReply    = "Bye! Ask me about the story any time."
	notEnglishReply = "Sorry, I only read English: the articles I quote are in English. Please ask your question in English.\n" +
		"Désolé, je ne lis que l'anglais. · Lo siento, solo leo inglés. · Извините, я понимаю только английский. · 죄송합니다, 영어만 읽을 수 있습니다."
	aboutReply = "I'm storybot: a bot that answers questions about one news story by quoting its articles word for word, with their source. " +
		"No language model writes my answers, so every word can be checked against an article.\n\n"
)

// smallTalk answers a message that, as a whole, is not a question about the
// story: a greeting, thanks, "help", "sources", "who made you", or a
// message in another language. ok is false for a question. Help and the
// like are private where that is possible (like /help); the source list is
// public (like /sources).
func (b *service) smallTalk(msg string) (a answered, ok bool) {
	help := helpText(!b.cfg.httpMode())
	kind := talk.Classify(msg)
	switch kind {
	case talk.Question:
		return answered{}, false
	case talk.Greeting:
		a = answered{reply: Reply{Content: "Hi! " + help}, private: true}
	case talk.Help:
		a = answered{reply: Reply{Content: help}, private: true}
	case talk.About:
		a = answered{reply: Reply{Content: aboutReply + help}, private: true}
	case talk.Thanks:
		a = answered{reply: Reply{Content: thanksReply}, private: true}
	case talk.Goodbye:
		a = answered{reply: Reply{Content: goodbyeReply}, private: true}
	case talk.Sources:
		a = answered{reply: Reply{Content: FormatSources(b.lib.Sources())}}
	case talk.Timeline:
		return b.timeline(), true
	case talk.NotEnglish:
		a = answered{reply: Reply{Content: notEnglishReply}, private: true}
	}
	a.reply.Content = Truncate(a.reply.Content, MaxContent)
	a.outcome = outcome{result: kind.String()}
	return a, true
}

// converse answers a DM or a mention: small talk as such, and a follow-up
// ("and how many were wounded?") in DMs and in replies to the bot's own
// message, filled in from the question before it and shown as understood.
// The subject comes from the answer replied to, else from the user's last
// question in the channel, if under ten minutes old.
func (b *service) converse(m *discordgo.Message, question string) answered {
	prev, toSelf := b.repliedQuestion(m)
	return b.inContext(talk.Key(m.Author.ID, m.ChannelID), prev, m.GuildID == "" || toSelf, question)
}

// askInContext answers /ask: in a DM with the bot over the gateway, a
// follow-up takes its subject from the user's last question there, as a
// DM does. Elsewhere, and in HTTP mode (stateless replicas), /ask stands
// alone.
func (b *service) askInContext(i *discordgo.Interaction, question string) answered {
	if b.cfg.httpMode() || i.Context != discordgo.InteractionContextBotDM {
		return b.answer(question)
	}
	return b.inContext(talk.Key(userOf(i), i.ChannelID), "", true, question)
}

// inContext answers question as said after prev; when prev is empty and
// useMemory is set, after the conversation's last question (key), if under
// ten minutes old. A question asked is remembered under key (unless key is
// empty); a follow-up's reply says how it was understood.
func (b *service) inContext(key, prev string, useMemory bool, question string) answered {
	if a, ok := b.smallTalk(question); ok {
		return a
	}
	now := time.Now()
	if prev == "" && useMemory && key != "" {
		prev, _ = b.memory.Last(key, now)
	}
	ask := CleanQuestion(talk.Strip(question))
	rewritten := false
	if prev != "" {
		if r, ok := talk.FollowUp(prev, ask); ok {
			ask, rewritten = r, true
		}
	}
	a := b.answer(ask)
	if key != "" && (a.outcome.result == "answered" || a.outcome.result == "not_answered") {
		b.memory.Remember(key, ask, now)
	}
	if rewritten {
		a.reply = understood(a.reply, ask)
		a.outcome.result += "_followup"
	}
	return a
}

// repliedQuestion is the question of the bot's message that m replies to,
// or "" (toSelf says whether m replies to the bot at all). An answer
// carries its question in its first line, so this needs no state: it works
// across restarts and replicas.
func (b *service) repliedQuestion(m *discordgo.Message) (q string, toSelf bool) {
	ref := m.ReferencedMessage
	appID, self := b.ids()
	if self == "" {
		// HTTP mode has no READY: a bot's user ID is its application's.
		self = appID
	}
	if ref == nil || ref.Author == nil || self == "" || ref.Author.ID != self {
		return "", false
	}
	return questionOf(ref.Content), true
}

// Labels of the question line that starts an answer.
const (
	askedLabel      = "**Q:** "
	understoodLabel = "**Answering:** "
)

// understood shows the question the bot answered in place of the one
// typed: "Answering: how many North Korean soldiers were wounded?".
func understood(r Reply, asked string) Reply {
	line := understoodLabel + EscapeMarkdown(Truncate(asked, maxEchoedQuestion))
	if strings.HasPrefix(r.Content, askedLabel) {
		_, rest, _ := strings.Cut(r.Content, "\n")
		r.Content = line + "\n" + rest
	} else {
		r.Content = line + "\n" + r.Content
	}
	r.Content = Truncate(r.Content, MaxContent)
	return r
}

// questionOf reads the question back from an answer's first line.
func questionOf(content string) string {
	line, _, _ := strings.Cut(content, "\n")
	for _, label := range []string{understoodLabel, askedLabel} {
		if q, ok := strings.CutPrefix(line, label); ok {
			q = strings.TrimSuffix(UnescapeMarkdown(q), ellipsis)
			return CleanQuestion(q)
		}
	}
	return ""
}

// askMessage answers the "Ask storybot" message command: the selected
// message's text is the question. When that message replies to one of the
// bot's answers (and Discord includes it), the answer's question fills in
// an elliptical one, as in a reply over the gateway.
func (b *service) askMessage(c *call) outcome {
	data, _ := commandData(c.Interaction)
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	question := ""
	if target != nil {
		question = target.Content
	}
	return b.askWith(c, false, func() answered {
		if target == nil {
			return b.answer("")
		}
		prev, _ := b.repliedQuestion(target)
		return b.inContext("", prev, false, question)
	})
}

// optionBool reads a boolean option; absent is false.
func optionBool(i *discordgo.Interaction, name string) bool {
	data, _ := commandData(i)
	for _, o := range data.Options {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionBoolean {
			v, _ := o.Value.(bool)
			return v
		}
	}
	return false
}
