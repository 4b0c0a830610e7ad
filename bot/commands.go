package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/talk"
)

// Command and option names, shared by the definitions and the handlers.
const (
	cmdAsk      = "ask"
	cmdSources  = "sources"
	cmdHelp     = "help"
	cmdReindex  = "reindex"
	cmdTimeline = "timeline"
	// cmdAskMessage is the message command (right-click a message → Apps).
	cmdAskMessage = "Ask storybot"

	optQuestion = "question"
	optPrivate  = "private"
	optArticle  = "article"

	// MaxQuestion is the longest question /ask accepts; longer DMs are cut
	// to it before they reach the answer engine.
	MaxQuestion = 300
)

// Where commands may be used and how the app may be installed.
var (
	everywhere = &[]discordgo.InteractionContextType{
		discordgo.InteractionContextGuild,
		discordgo.InteractionContextBotDM,
		discordgo.InteractionContextPrivateChannel,
	}
	guildOrBotDM = &[]discordgo.InteractionContextType{
		discordgo.InteractionContextGuild,
		discordgo.InteractionContextBotDM,
	}
	guildAndUserInstall = &[]discordgo.ApplicationIntegrationType{
		discordgo.ApplicationIntegrationGuildInstall,
		discordgo.ApplicationIntegrationUserInstall,
	}
	guildInstall = &[]discordgo.ApplicationIntegrationType{
		discordgo.ApplicationIntegrationGuildInstall,
	}
	// adminPermissions hides /reindex from members who cannot manage the
	// server (administrators have every permission). It is only a default:
	// the handler checks again.
	adminPermissions = int64(discordgo.PermissionManageGuild)
)

// Commands are the application commands the bot registers, globally (so
// /ask works in DMs) and, when configured, in one guild (where they appear
// at once).
func Commands() []*discordgo.ApplicationCommand {
	minLen := 1
	return []*discordgo.ApplicationCommand{
		{
			Name:             cmdAsk,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "Ask a question about the story; get quotes from the articles",
			Contexts:         everywhere,
			IntegrationTypes: guildAndUserInstall,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         optQuestion,
				Description:  "What do you want to know?",
				Required:     true,
				Autocomplete: true,
				MinLength:    &minLen,
				MaxLength:    MaxQuestion,
			}, {
				Type:        discordgo.ApplicationCommandOptionBoolean,
				Name:        optPrivate,
				Description: "Only you see the answer",
			}},
		},
		{
			Name:             cmdAskMessage,
			Type:             discordgo.MessageApplicationCommand,
			Contexts:         everywhere,
			IntegrationTypes: guildAndUserInstall,
		},
		{
			Name:             cmdSources,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "List the articles the answers come from",
			Contexts:         everywhere,
			IntegrationTypes: guildAndUserInstall,
		},
		{
			Name:             cmdTimeline,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "The story's dated events in order, quoted from the articles",
			Contexts:         everywhere,
			IntegrationTypes: guildAndUserInstall,
		},
		{
			Name:             cmdHelp,
			Type:             discordgo.ChatApplicationCommand,
			Description:      "How to use this bot",
			Contexts:         everywhere,
			IntegrationTypes: guildAndUserInstall,
		},
		{
			Name:                     cmdReindex,
			Type:                     discordgo.ChatApplicationCommand,
			Description:              "Admins: rebuild the article index, optionally adding an article",
			DefaultMemberPermissions: &adminPermissions,
			Contexts:                 guildOrBotDM,
			IntegrationTypes:         guildInstall,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionAttachment,
				Name:        optArticle,
				Description: "A .txt or .md article to add (up to 1 MB)",
			}},
		},
	}
}

// registerCommands overwrites the commands with Commands(), globally and
// in cfg.GuildID. Only shard 0 does it: the overwrite is the same from every
// shard, and one writer keeps a rolling restart from flip-flopping between
// versions.
func (b *service) registerCommands() error {
	if b.cfg.ShardID != 0 {
		b.log.Info("discord: commands are registered by shard 0")
		return nil
	}
	appID, _ := b.ids()
	cmds := Commands()
	if _, err := b.s.ApplicationCommandBulkOverwrite(appID, "", cmds); err != nil {
		return fmt.Errorf("discord: register global commands: %s", b.redact(err))
	}
	b.log.Info("discord: registered global commands", "count", len(cmds))
	if b.cfg.GuildID != "" {
		// A guild registration failing (wrong ID, bot not in the guild) is
		// not fatal: the global commands still work.
		if _, err := b.s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, cmds); err != nil {
			b.log.Warn("discord: register guild commands", "guild", b.cfg.GuildID, "err", b.redact(err))
		} else {
			b.log.Info("discord: registered guild commands", "guild", b.cfg.GuildID, "count", len(cmds))
		}
	}
	return nil
}

// call is one interaction being handled, with the way its first response
// goes back to Discord: over REST for a gateway event, in the HTTP response
// for an interaction posted to the endpoint. Whatever follows the first
// response (editing @original) goes over REST either way.
type call struct {
	*discordgo.Interaction
	send func(*discordgo.InteractionResponse) error
	// replyWithin is how long /ask may take to put its answer in the first
	// response; past it, or when 0, the interaction is deferred.
	replyWithin time.Duration
}

// onInteraction runs on the gateway goroutine: it hands the interaction to
// a goroutine that answers it over REST. Answers take milliseconds, so /ask
// replies at once, in one REST call, and defers only when it is slow.
func (b *service) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	b.start(&call{Interaction: i, replyWithin: b.cfg.ReplyWithin, send: func(r *discordgo.InteractionResponse) error {
		return s.InteractionRespond(i, r, b.forInteraction(i))
	}})
}

// start handles a command or autocomplete interaction on a goroutine. ok is
// false when it is neither, or the bot is shutting down; otherwise done is
// closed once the interaction has been handled.
func (b *service) start(c *call) (done <-chan struct{}, ok bool) {
	name, ok := interactionName(c.Interaction)
	if !ok || !b.work.start() {
		return nil, false
	}
	finished := make(chan struct{})
	go func() {
		defer b.work.done()
		defer close(finished)
		defer b.recoverPanic("interaction " + name)
		start := time.Now()
		cmd := name
		if c.Type == discordgo.InteractionApplicationCommandAutocomplete {
			cmd += ":autocomplete"
		}
		b.logCommand(userOf(c.Interaction), cmd, start, b.handleInteraction(c, name))
	}()
	return finished, true
}

// commandName names the command of a command or autocomplete interaction.
func commandName(i *discordgo.Interaction) (string, bool) {
	if i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return "", false
	}
	data, ok := commandData(i)
	return data.Name, ok && data.Name != ""
}

// outcome is what a command did, for the log line.
type outcome struct {
	result string // answered, not_answered, refused, rate_limited, error, ...
	err    error
	// severe marks an error that needs the operator (the index or the
	// seeds could not be written), logged at ERROR rather than WARN.
	severe bool
}

func (b *service) logCommand(user, cmd string, start time.Time, o outcome) {
	b.observe(cmd, start, o)
	attrs := []any{"user", user, "command", cmd, "latency", time.Since(start).Round(time.Millisecond), "outcome", o.result}
	if o.err != nil {
		level := slog.LevelWarn
		if o.severe {
			level = slog.LevelError
		}
		b.log.Log(context.Background(), level, "discord: command", append(attrs, "err", b.redact(o.err))...)
		return
	}
	b.log.Info("discord: command", attrs...)
}

func (b *service) handleInteraction(c *call, name string) outcome {
	if c.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return b.autocomplete(c)
	}
	if isClick(c.Interaction) {
		return b.handleClick(c)
	}
	switch name {
	case cmdAsk:
		if o, limited := b.rateLimited(c); limited {
			return o
		}
		return b.ask(c)
	case cmdAskMessage:
		if o, limited := b.rateLimited(c); limited {
			return o
		}
		return b.askMessage(c)
	case cmdSources:
		return b.respond(c, FormatSources(b.lib.Sources()), false, "listed")
	case cmdTimeline:
		if o, limited := b.rateLimited(c); limited {
			return o
		}
		return b.askWith(c, false, b.timeline)
	case cmdHelp:
		return b.respond(c, helpText(!b.cfg.httpMode()), true, "helped")
	case cmdReindex:
		if !b.isAdmin(c.Interaction) {
			return b.respond(c, "Only the bot's admins can reindex or add articles: members with Manage Server in its home server, or users its operator lists in BOT_ADMIN_IDS.", true, "refused")
		}
		if o, limited := b.rateLimited(c); limited {
			return o
		}
		return b.reindex(c)
	}
	return b.respond(c, "I don't know that command. Try `/help`.", true, "unknown")
}

// rateLimited answers politely, and privately, when the user is over their
// rate; true means the request must not go on.
func (b *service) rateLimited(c *call) (outcome, bool) {
	ok, _ := b.limiter.Allow(userOf(c.Interaction))
	if ok {
		return outcome{}, false
	}
	// Interactions always get an answer (Discord shows an error otherwise).
	return b.respond(c, slowDown, true, "rate_limited"), true
}

const slowDown = "You're asking faster than I can keep up with. Please wait a few seconds and try again."

// sorry is the reply when the engine fails.
const sorry = "Sorry, I couldn't answer that just now. Please try again in a moment."

// respond answers an interaction at once with a message.
func (b *service) respond(c *call, content string, ephemeral bool, result string) outcome {
	return b.respondReply(c, Reply{Content: content}, ephemeral, outcome{result: result})
}

// respondReply answers an interaction at once with r; o is the outcome
// unless sending fails.
func (b *service) respondReply(c *call, r Reply, ephemeral bool, o outcome) outcome {
	data := &discordgo.InteractionResponseData{
		Content:         Truncate(r.Content, MaxContent),
		Embeds:          r.Embeds,
		Components:      r.Components,
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := c.send(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: data,
	})
	if err != nil {
		return outcome{result: "error", err: fmt.Errorf("respond: %w", err)}
	}
	return o
}

// deferReply acknowledges the interaction within Discord's 3 s, so the
// real answer can take its time and be sent by editing @original.
func (b *service) deferReply(c *call, ephemeral bool) error {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := c.send(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: data,
	})
	if err != nil {
		return fmt.Errorf("defer: %w", err)
	}
	b.deferred.add(c.Interaction)
	return nil
}

// errAbandoned is a deferred reply that shutdown already answered.
var errAbandoned = errors.New("the reply was abandoned at shutdown")

// editReply replaces the deferred "thinking…" message with the reply.
func (b *service) editReply(i *discordgo.Interaction, r Reply) error {
	if !b.deferred.take(i) {
		return errAbandoned
	}
	content := r.Content
	embeds := r.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	edit := &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		AllowedMentions: noMentions(),
	}
	if r.Components != nil {
		edit.Components = &r.Components
	}
	_, err := b.s.InteractionResponseEdit(i, edit, b.forInteraction(i))
	if err != nil {
		return fmt.Errorf("edit reply: %w", err)
	}
	return nil
}

// ask answers /ask, privately when its private option is set.
func (b *service) ask(c *call) outcome {
	question := optionString(c.Interaction, optQuestion)
	return b.askWith(c, optionBool(c.Interaction, optPrivate), func() answered {
		return b.askInContext(c.Interaction, question)
	})
}

// askWith replies to a question that answerFn answers. An answer ready
// within c.replyWithin, as answers almost always are, goes in the first
// response; otherwise the interaction is deferred and the answer replaces
// the "thinking…" message when it comes. A question that cannot be asked
// gets a private reply instead, even after a public deferral (see
// replyPrivately). private makes every reply ephemeral.
func (b *service) askWith(c *call, private bool, answerFn func() answered) outcome {
	pending := b.answerAsync(answerFn)
	a, ok := waitFor(pending, c.replyWithin)
	if ok {
		return b.respondReply(c, a.reply, a.private || private, a.outcome)
	}
	if err := b.deferReply(c, private); err != nil {
		return outcome{result: "error", err: err}
	}
	a = <-pending
	if a.private && !private {
		if err := b.replyPrivately(c.Interaction, a.reply); err != nil {
			return outcome{result: "error", err: err}
		}
		return a.outcome
	}
	if err := b.editReply(c.Interaction, a.reply); err != nil {
		return outcome{result: "error", err: err}
	}
	return a.outcome
}

// replyPrivately turns a public deferral into a private reply: the
// "thinking…" message goes, and a private follow-up takes its place (a
// deferred reply keeps the visibility it was deferred with).
func (b *service) replyPrivately(i *discordgo.Interaction, r Reply) error {
	if !b.deferred.take(i) {
		return errAbandoned
	}
	if err := b.s.InteractionResponseDelete(i, b.forInteraction(i)); err != nil {
		return fmt.Errorf("delete reply: %w", err)
	}
	_, err := b.s.FollowupMessageCreate(i, false, &discordgo.WebhookParams{
		Content:         Truncate(r.Content, MaxContent),
		Embeds:          r.Embeds,
		AllowedMentions: noMentions(),
		Flags:           discordgo.MessageFlagsEphemeral,
	}, b.forInteraction(i))
	if err != nil {
		return fmt.Errorf("private follow-up: %w", err)
	}
	return nil
}

// answered is a reply to a question and how it went. A private reply is
// for the asker only: it says why the question could not be asked.
type answered struct {
	reply   Reply
	outcome outcome
	private bool
}

// answerAsync runs answerFn on its own goroutine. The channel always
// delivers, an apology if the engine panics.
func (b *service) answerAsync(answerFn func() answered) <-chan answered {
	ch := make(chan answered, 1)
	go func() {
		a := answered{reply: Reply{Content: sorry}, outcome: outcome{result: "error", err: errors.New("ask: the answer engine panicked")}}
		defer func() { ch <- a }()
		defer b.recoverPanic("ask")
		a = answerFn()
	}()
	return ch
}

// waitFor returns what ch delivers within d; d ≤ 0 does not wait.
func waitFor[T any](ch <-chan T, d time.Duration) (T, bool) {
	var zero T
	if d <= 0 {
		return zero, false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case v := <-ch:
		return v, true
	case <-t.C:
		return zero, false
	}
}

// Replies to questions that cannot be asked. Retrying the same question
// never helps, so they say what to ask instead.
const (
	askSomething = "Ask me a question about the story, naming the person, place or event you mean. `/sources` lists the articles I quote from."
	askWords     = "I can't look that up: the question has no word the articles could contain. Name the person, place or event you mean, and what you want to know: who, where, when, how many. `/sources` lists the articles I quote from."
	askShorter   = "That question is too long for me. Ask a shorter one, about one person, place or event."
)

// answer asks the engine and formats the reply. Small talk gets its own
// reply (see smallTalk), and small talk around a question is left out of
// it. A question the engine cannot look up gets a private hint; failures
// become a short apology rather than silence.
func (b *service) answer(question string) answered {
	if a, ok := b.smallTalk(question); ok {
		return a
	}
	// Cut, not Truncate: the engine should get the user's words, not an
	// ellipsis of ours.
	q := cutRunes(CleanQuestion(talk.Strip(question)), MaxQuestion)
	if q == "" {
		return answered{Reply{Content: askSomething}, outcome{result: "empty"}, true}
	}
	ctx, cancel := context.WithTimeout(b.baseCtx, b.cfg.AskTimeout)
	defer cancel()
	res, err := b.answers.Ask(ctx, q)
	switch {
	case errors.Is(err, answer.ErrEmptyQuestion):
		return answered{Reply{Content: askSomething}, outcome{result: "empty"}, true}
	case errors.Is(err, answer.ErrNoWords):
		return answered{Reply{Content: askWords}, outcome{result: "no_words"}, true}
	case errors.Is(err, answer.ErrLongQuestion):
		return answered{Reply{Content: askShorter}, outcome{result: "too_long"}, true}
	case err != nil:
		return answered{Reply{Content: sorry}, outcome{result: "error", err: fmt.Errorf("ask: %w", err)}, false}
	}
	res.Question = q
	result := "answered"
	if !res.Answered || len(res.Answers) == 0 {
		result = "not_answered"
	}
	return answered{reply: b.answerReply(res, nil), outcome: outcome{result: result}}
}

func (b *service) autocomplete(c *call) outcome {
	typed := ""
	data, _ := commandData(c.Interaction)
	for _, o := range data.Options {
		if o.Focused && o.Type == discordgo.ApplicationCommandOptionString {
			typed, _ = o.Value.(string)
		}
	}
	// Discord waits 3 s for choices; leave room for the round trip.
	ctx, cancel := context.WithTimeout(b.baseCtx, 2*time.Second)
	suggestions := b.answers.Suggest(ctx, CleanQuestion(typed), MaxChoices)
	cancel()
	choices := FormatSuggestions(typed, suggestions)
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	err := c.send(&discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		return outcome{result: "error", err: fmt.Errorf("autocomplete: %w", err)}
	}
	return outcome{result: fmt.Sprintf("%d_choices", len(choices))}
}

// isAdmin reports whether the invoker may reindex and add articles: a user on
// the BOT_ADMIN_IDS list (from anywhere, DMs included), or a member with
// Administrator or Manage Server in the home guild (DISCORD_GUILD_ID). Admins
// of any other guild are refused: the articles and the index are shared by
// every guild, so one server's admin must not decide what all servers are told.
func (b *service) isAdmin(i *discordgo.Interaction) bool {
	if b.admins[userOf(i)] {
		return true
	}
	if b.cfg.GuildID == "" || i.GuildID != b.cfg.GuildID || i.Member == nil {
		return false
	}
	const want = discordgo.PermissionAdministrator | discordgo.PermissionManageGuild
	return i.Member.Permissions&want != 0
}

func (b *service) reindex(c *call) outcome {
	i := c.Interaction
	if err := b.deferReply(c, true); err != nil {
		return outcome{result: "error", err: err}
	}
	ctx, cancel := context.WithTimeout(b.baseCtx, b.cfg.ReindexTimeout)
	defer cancel()

	var (
		rep    Report
		err    error
		result = "reindexed"
		msg    string
	)
	if att := optionAttachment(i, optArticle); att != nil {
		var data []byte
		data, err = b.fetchAttachment(ctx, att)
		if err != nil {
			msg, result = "Not added: "+err.Error(), "invalid_attachment"
			err = nil
		} else if rep, err = b.lib.AddArticle(ctx, att.Filename, data); err != nil {
			var bad *InvalidArticle
			if errors.As(err, &bad) {
				// Written for the admin: it names what is wrong with the file.
				msg, result = "Not added: "+Truncate(CleanLine(bad.Error()), 1500)+"\nNothing was changed.", "invalid_attachment"
				b.log.Info("discord: article rejected", "user", userOf(i), "err", b.redact(err))
				err = nil
			} else {
				// The server's fault (a full disk, say): its error names
				// server paths, so it goes to the log only.
				msg = "Not added: the article could not be saved and indexed, for a reason on the bot's side. Nothing was changed; the logs have the details."
			}
		} else {
			result = "added"
		}
	} else {
		rep, err = b.lib.Reindex(ctx)
	}
	switch {
	case err != nil:
		if msg == "" {
			msg = "Reindexing failed; the previous index is still in use. The logs have the details."
		}
		result = "error"
	case msg == "":
		msg = FormatReport(rep)
	}
	if eerr := b.editReply(i, Reply{Content: Truncate(msg, MaxContent)}); eerr != nil && err == nil {
		err = eerr
	}
	if err != nil {
		return outcome{result: result, err: err, severe: result == "error"}
	}
	return outcome{result: result}
}

// onMessage answers a DM, or a server message that mentions the bot, with
// a reply to that message. It runs on the gateway goroutine.
func (b *service) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil || mc.Author == nil || mc.Author.Bot || mc.Author.System {
		return // never answer bots, ourselves included: no loops
	}
	m := mc.Message
	_, self := b.ids()
	if self == "" || m.Author.ID == self {
		return
	}
	kind := "dm"
	question := m.Content
	if m.GuildID != "" {
		if !mentions(m, self) {
			return
		}
		kind = "mention"
		question = stripMention(question, self)
	}
	if !b.work.start() {
		return
	}
	go func() {
		defer b.work.done()
		defer b.recoverPanic(kind)
		start := time.Now()
		b.logCommand(m.Author.ID, kind, start, b.answerMessage(m, question))
	}()
}

func (b *service) answerMessage(m *discordgo.Message, question string) outcome {
	var (
		reply Reply
		o     outcome
	)
	if ok, notify := b.limiter.Allow(m.Author.ID); !ok {
		if !notify {
			return outcome{result: "rate_limited"}
		}
		reply, o = Reply{Content: slowDown}, outcome{result: "rate_limited"}
	} else {
		a := b.converse(m, question)
		reply, o = a.reply, a.outcome
	}
	_, err := b.s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content:         reply.Content,
		Embeds:          reply.Embeds,
		Components:      reply.Components,
		AllowedMentions: noMentions(),
		Reference:       m.SoftReference(),
	})
	if err != nil {
		return outcome{result: "error", err: fmt.Errorf("send reply: %w", err)}
	}
	return o
}

// mentions reports whether m mentions the user self.
func mentions(m *discordgo.Message, self string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == self {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+self+">") || strings.Contains(m.Content, "<@!"+self+">")
}

// stripMention removes the bot's own mention so the question is just the
// question.
func stripMention(content, self string) string {
	content = strings.ReplaceAll(content, "<@!"+self+">", " ")
	content = strings.ReplaceAll(content, "<@"+self+">", " ")
	return strings.TrimSpace(content)
}

// userOf is the ID of whoever invoked the interaction: Member in a server,
// User in DMs.
func userOf(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// commandData is i.ApplicationCommandData without its panic on data of
// another kind.
func commandData(i *discordgo.Interaction) (discordgo.ApplicationCommandInteractionData, bool) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	return d, ok
}

// recoverPanic keeps one bad request (or a bug in the answer engine) from
// taking the whole bot down.
func (b *service) recoverPanic(what string) {
	if r := recover(); r != nil {
		b.log.Error("discord: panic", "in", what, "panic", scrub(fmt.Sprint(r), b.cfg.Token))
	}
}

func optionString(i *discordgo.Interaction, name string) string {
	data, _ := commandData(i)
	for _, o := range data.Options {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionString {
			if s, ok := o.Value.(string); ok {
				return s
			}
		}
	}
	return ""
}

func optionAttachment(i *discordgo.Interaction, name string) *discordgo.MessageAttachment {
	data, _ := commandData(i)
	for _, o := range data.Options {
		if o.Name != name || o.Type != discordgo.ApplicationCommandOptionAttachment {
			continue
		}
		id, _ := o.Value.(string)
		if data.Resolved == nil || data.Resolved.Attachments == nil {
			return nil
		}
		return data.Resolved.Attachments[id]
	}
	return nil
}

// cutRunes keeps the first n characters of s.
func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
