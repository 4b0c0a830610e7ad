package bot

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
)

// Buttons on answers. They are stateless: a button's custom_id says what
// it is about (short hashes of the article, the quote and the question),
// and the message it is on holds the question, so a click works after a
// restart and on any replica. Clicks are answered privately, except 👎,
// which opens a form for what was wrong.

// Passage is one passage of an article as indexed: a sentence, or a photo
// caption.
type Passage struct {
	// Para numbers the article's paragraphs; a paragraph's passages come
	// one after another.
	Para int
	// Gap is the exact text between the previous passage of the same
	// paragraph and this one, so that passages joined with their gaps are
	// the paragraph as written.
	Gap  string
	Text string
	// Caption marks a photo caption: it dates a photo, not an event, so
	// the timeline leaves it out.
	Caption bool
}

// Vote is a reader's 👍 or 👎 on one answer: a quote given for a question.
type Vote struct {
	// Answer identifies the answer (question, article and quote); a user
	// has one vote per answer.
	Answer string
	// User is the voter's Discord ID; the feedback store keeps it hashed.
	User     string
	Up       bool
	Question string
	Quote    string
	Source   answer.Source
}

// Feedback keeps readers' votes. Config.Feedback is optional: without it
// answers carry no 👍/👎 buttons.
type Feedback interface {
	// Vote sets the user's vote on the answer, replacing an earlier one.
	Vote(ctx context.Context, v Vote) error
	// Comment records what was wrong with the answer: a 👎 with comment.
	Comment(ctx context.Context, v Vote, comment string) error
}

// Layout and limits of the buttons.
const (
	// answersPerPage is how many quotes an answer shows at first; More
	// sources shows the rest. One action row per quote, and one for More
	// sources, stay within Discord's five rows.
	answersPerPage = 3
	maxRows        = 5
	maxRowButtons  = 5
	maxCustomID    = 100
	maxButtonLabel = 80
	maxButtonURL   = 512
	// componentWithin is how long a click's work may take before its reply
	// is deferred; Discord waits 3 s for the first response.
	componentWithin = 2 * time.Second
	// maxComment bounds what a reader may write about a wrong answer.
	maxComment = 1000
)

// Custom IDs: "sb1:<action>:<fields>". The version lets a later format
// tell old buttons apart.
const (
	idPrefix   = "sb1:"
	actMore    = "more"
	actFull    = "full"
	actUp      = "up"
	actDown    = "down"
	actWhy     = "why" // the modal 👎 opens
	whyInputID = "what"
)

// buttonID is a parsed custom_id.
type buttonID struct {
	action  string
	article string   // articleKey
	quote   string   // quoteKey
	answer  string   // answerKey
	shown   []string // More sources: the quoteKeys already shown
}

func (id buttonID) String() string {
	switch id.action {
	case actMore:
		return idPrefix + actMore + ":" + strings.Join(id.shown, ".")
	case actFull:
		return idPrefix + actFull + ":" + id.article + ":" + id.quote
	}
	return idPrefix + id.action + ":" + id.article + ":" + id.quote + ":" + id.answer
}

// parseButtonID reads a custom_id of ours; ok is false for any other.
func parseButtonID(s string) (buttonID, bool) {
	rest, ok := strings.CutPrefix(s, idPrefix)
	if !ok {
		return buttonID{}, false
	}
	parts := strings.Split(rest, ":")
	id := buttonID{action: parts[0]}
	switch {
	case id.action == actMore && len(parts) == 2:
		if parts[1] != "" {
			id.shown = strings.Split(parts[1], ".")
		}
	case id.action == actFull && len(parts) == 3:
		id.article, id.quote = parts[1], parts[2]
	case (id.action == actUp || id.action == actDown || id.action == actWhy) && len(parts) == 4:
		id.article, id.quote, id.answer = parts[1], parts[2], parts[3]
	default:
		id.action = "" // ours, but not one this version knows
	}
	return id, true
}

// shortHash is n characters of the URL-safe base64 SHA-256 of parts.
func shortHash(n int, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(sum[:])[:n]
}

func articleKey(file string) string      { return shortHash(8, "article", file) }
func quoteKey(file, quote string) string { return shortHash(8, "quote", file, quote) }
func answerKey(question, file, quote string) string {
	return shortHash(16, "answer", strings.ToLower(CleanQuestion(question)), file, quote)
}

// interactionName names what an interaction asks for, for dispatch and
// the log: a command's name, or "button:<action>" for a click on one of
// our buttons or the submission of our form. ok is false for anything
// else.
func interactionName(i *discordgo.Interaction) (string, bool) {
	switch i.Type {
	case discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		id, ok := parseButtonID(customIDOf(i))
		if !ok {
			return "", false
		}
		return "button:" + id.action, true
	}
	return commandName(i)
}

func isClick(i *discordgo.Interaction) bool {
	return i.Type == discordgo.InteractionMessageComponent || i.Type == discordgo.InteractionModalSubmit
}

func customIDOf(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.MessageComponentInteractionData:
		return d.CustomID
	case discordgo.ModalSubmitInteractionData:
		return d.CustomID
	}
	return ""
}

// answerReply formats a Result as one page of quotes with their buttons:
// the first quotes the engine ranked when shown is empty, else the quotes
// not shown yet, those of outlets not shown yet first.
func (b *service) answerReply(res answer.Result, shown []string) Reply {
	if !res.Answered || len(res.Answers) == 0 {
		return FormatAnswer(res)
	}
	rest := unshown(res.Answers, shown)
	page := rest[:min(len(rest), answersPerPage)]
	pageRes := res
	pageRes.Answers = page
	r := FormatAnswer(pageRes)
	if len(page) == 0 {
		return r
	}
	now := append([]string(nil), shown...)
	for _, a := range page {
		now = append(now, quoteKey(a.Source.File, a.Quote))
	}
	r.Components = b.answerButtons(res.Question, page, now, len(rest) > len(page))
	return r
}

// unshown returns the answers whose quotes are not among shown; when some
// were shown, those from outlets not shown yet come first.
func unshown(all []answer.Answer, shown []string) []answer.Answer {
	all = distinct(all)
	if len(shown) == 0 {
		return all
	}
	seen := map[string]bool{}
	for _, k := range shown {
		seen[k] = true
	}
	seenOutlets := map[string]bool{}
	var rest []answer.Answer
	for _, a := range all {
		if seen[quoteKey(a.Source.File, a.Quote)] {
			seenOutlets[outletOf(a.Source)] = true
		} else {
			rest = append(rest, a)
		}
	}
	var fresh, again []answer.Answer
	for _, a := range rest {
		if seenOutlets[outletOf(a.Source)] {
			again = append(again, a)
		} else {
			fresh = append(fresh, a)
		}
	}
	return append(fresh, again...)
}

// distinct drops repeats of a quote from the same article: they would
// show the same text twice, and give two buttons one custom_id.
func distinct(all []answer.Answer) []answer.Answer {
	seen := map[string]bool{}
	out := make([]answer.Answer, 0, len(all))
	for _, a := range all {
		if k := quoteKey(a.Source.File, a.Quote); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// outletOf names who published an article: its outlet, else (unknown) the
// article itself.
func outletOf(src answer.Source) string {
	if o := strings.ToLower(CleanLine(src.Outlet)); o != "" {
		return o
	}
	return "file:" + src.File
}

// answerButtons is one row per quote (full passage, the article's link,
// 👍 and 👎) and, when more quotes were found, a row with More sources.
func (b *service) answerButtons(question string, page []answer.Answer, shown []string, more bool) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	for k, a := range page {
		if len(rows) == maxRows-1 {
			break // the last row is for More sources
		}
		n := k + 1
		ak, qk := articleKey(a.Source.File), quoteKey(a.Source.File, a.Quote)
		btns := []discordgo.MessageComponent{discordgo.Button{
			Label: fmt.Sprintf("%d · Full passage", n), Style: discordgo.SecondaryButton,
			CustomID: buttonID{action: actFull, article: ak, quote: qk}.String(),
		}}
		if link := articleLink(a.Source, fmt.Sprintf("%d · Article", n)); link != nil {
			btns = append(btns, *link)
		}
		if b.cfg.Feedback != nil {
			vk := answerKey(question, a.Source.File, a.Quote)
			for _, v := range []struct{ act, emoji string }{{actUp, "👍"}, {actDown, "👎"}} {
				btns = append(btns, discordgo.Button{
					Label: fmt.Sprint(n), Style: discordgo.SecondaryButton,
					Emoji:    &discordgo.ComponentEmoji{Name: v.emoji},
					CustomID: buttonID{action: v.act, article: ak, quote: qk, answer: vk}.String(),
				})
			}
		}
		rows = append(rows, discordgo.ActionsRow{Components: btns})
	}
	if more {
		id := buttonID{action: actMore, shown: shown}.String()
		if len(id) <= maxCustomID {
			rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{
				Label: "More sources", Style: discordgo.PrimaryButton, CustomID: id,
			}}})
		}
	}
	return rows
}

// articleLink is a link button to the article, when it has a URL that
// Discord takes in a button.
func articleLink(src answer.Source, label string) *discordgo.Button {
	u := safeURL(src.URL)
	if u == "" || len(u) > maxButtonURL {
		return nil
	}
	return &discordgo.Button{Label: Truncate(label, maxButtonLabel), Style: discordgo.LinkButton, URL: u}
}

// handleClick answers a click on one of our buttons, or our form's
// submission.
func (b *service) handleClick(c *call) outcome {
	id, _ := parseButtonID(customIDOf(c.Interaction))
	if o, limited := b.rateLimited(c); limited {
		return o
	}
	switch id.action {
	case actMore:
		return b.privately(c, func(ctx context.Context) (Reply, outcome) { return b.moreSources(ctx, c, id) })
	case actFull:
		return b.privately(c, func(ctx context.Context) (Reply, outcome) { return b.fullPassage(ctx, id) })
	case actUp:
		return b.privately(c, func(ctx context.Context) (Reply, outcome) { return b.vote(ctx, c, id, true) })
	case actDown:
		return b.voteDown(c, id)
	case actWhy:
		return b.privately(c, func(ctx context.Context) (Reply, outcome) { return b.comment(ctx, c, id) })
	}
	return b.respond(c, "This button is from an older version of the bot and no longer works. Ask again with `/ask`.", true, "unknown_button")
}

// privately runs work and answers the click with its reply, for the
// clicker only: at once when it is ready within componentWithin, else
// after a private deferral.
func (b *service) privately(c *call, work func(ctx context.Context) (Reply, outcome)) outcome {
	type done struct {
		r Reply
		o outcome
	}
	ch := make(chan done, 1)
	go func() {
		d := done{Reply{Content: sorry}, outcome{result: "error", err: errors.New("button: panicked")}}
		defer func() { ch <- d }()
		defer b.recoverPanic("button")
		ctx, cancel := context.WithTimeout(b.baseCtx, b.cfg.AskTimeout)
		defer cancel()
		d.r, d.o = work(ctx)
	}()
	d, ok := waitFor(ch, componentWithin)
	if ok {
		return b.respondReply(c, d.r, true, d.o)
	}
	if err := b.deferReply(c, true); err != nil {
		return outcome{result: "error", err: err}
	}
	d = <-ch
	if err := b.editReply(c.Interaction, d.r); err != nil {
		return outcome{result: "error", err: err}
	}
	return d.o
}

// messageQuestion reads the question an answer message echoes (see
// questionOf); "" when it holds none.
func messageQuestion(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	return questionOf(m.Content)
}

// moreSources asks the question of the message again and shows the quotes
// not shown yet.
func (b *service) moreSources(ctx context.Context, c *call, id buttonID) (Reply, outcome) {
	q := messageQuestion(c.Message)
	if q == "" {
		return Reply{Content: "I can't tell which question this answered. Ask it again with `/ask`."}, outcome{result: "no_question"}
	}
	res, err := b.answers.Ask(ctx, q)
	if err != nil {
		return Reply{Content: sorry}, outcome{result: "error", err: fmt.Errorf("more sources: %w", err)}
	}
	res.Question = q
	if len(unshown(res.Answers, id.shown)) == 0 || !res.Answered {
		return Reply{Content: "That's every source I found for this question."}, outcome{result: "no_more"}
	}
	return b.answerReply(res, id.shown), outcome{result: "more"}
}

// located is a quote found again in its article.
type located struct {
	src       answer.Source
	quote     string
	paragraph string
}

// locate finds the quote a button is about: the article by its key among
// the sources, then the run of passages of one paragraph whose key
// matches.
func (b *service) locate(ctx context.Context, id buttonID) (located, bool) {
	var src answer.Source
	found := false
	for _, s := range b.lib.Sources() {
		if articleKey(s.File) == id.article {
			src, found = s, true
			break
		}
	}
	if !found {
		return located{}, false
	}
	ps, ok := b.lib.Passages(ctx, src.File)
	if !ok {
		return located{}, false
	}
	// A quote is one passage or a few neighbours of one paragraph.
	const maxRun = 4
	for i := range ps {
		quote := ps[i].Text
		for j := i; j < len(ps) && j < i+maxRun && ps[j].Para == ps[i].Para; j++ {
			if j > i {
				quote += ps[j].Gap + ps[j].Text
			}
			if quoteKey(src.File, quote) == id.quote {
				return located{src: src, quote: quote, paragraph: paragraphOf(ps, i)}, true
			}
		}
	}
	return located{}, false
}

// paragraphOf is the text of the paragraph of passage i, as written.
func paragraphOf(ps []Passage, i int) string {
	start := i
	for start > 0 && ps[start-1].Para == ps[i].Para {
		start--
	}
	var b strings.Builder
	for j := start; j < len(ps) && ps[j].Para == ps[i].Para; j++ {
		if j > start {
			b.WriteString(ps[j].Gap)
		}
		b.WriteString(ps[j].Text)
	}
	return b.String()
}

const quoteGone = "I can't find that quote in the articles any more (they have changed since). Ask again with `/ask`."

// fullPassage shows the quote's whole paragraph, word for word, with its
// source and a link to the article.
func (b *service) fullPassage(ctx context.Context, id buttonID) (Reply, outcome) {
	loc, ok := b.locate(ctx, id)
	if !ok {
		return Reply{Content: quoteGone}, outcome{result: "gone"}
	}
	e := citationEmbed(loc.src, 0, false, MaxEmbedTitle, MaxFooter)
	e.Description = BlockQuote(loc.paragraph, min(MaxEmbedDescription, MaxEmbedTotal-embedLen(e)))
	r := Reply{Content: "The whole paragraph:", Embeds: []*discordgo.MessageEmbed{e}}
	if link := articleLink(loc.src, "Open article"); link != nil {
		r.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{*link}}}
	}
	return r, outcome{result: "passage"}
}

const noFeedback = "Sorry, I can't record feedback right now."

// voteFor describes the vote a button is about; the quote and its source
// are looked up again, and left empty when they are gone. A custom_id
// comes back from the client and could be forged: when the message's
// question and the quote are known, the answer key must be theirs, or
// ok is false and nothing may be recorded.
func (b *service) voteFor(ctx context.Context, c *call, id buttonID, up bool) (v Vote, ok bool) {
	v = Vote{Answer: id.answer, User: userOf(c.Interaction), Up: up, Question: messageQuestion(c.Message)}
	loc, found := b.locate(ctx, id)
	if found {
		v.Quote, v.Source = loc.quote, loc.src
	}
	if found && v.Question != "" && answerKey(v.Question, loc.src.File, loc.quote) != id.answer {
		return v, false
	}
	return v, true
}

// notThisAnswer refuses a vote whose button does not match its answer.
const notThisAnswer = "I can't record a vote on that answer."

// vote records a 👍 (or a 👎).
func (b *service) vote(ctx context.Context, c *call, id buttonID, up bool) (Reply, outcome) {
	if b.cfg.Feedback == nil {
		return Reply{Content: noFeedback}, outcome{result: "no_feedback"}
	}
	v, ok := b.voteFor(ctx, c, id, up)
	if !ok {
		return Reply{Content: notThisAnswer}, outcome{result: "refused_vote"}
	}
	if err := b.cfg.Feedback.Vote(ctx, v); err != nil {
		return Reply{Content: noFeedback}, outcome{result: "error", err: fmt.Errorf("vote: %w", err)}
	}
	if up {
		return Reply{Content: "Thanks! I've noted that this answer helped."}, outcome{result: "voted_up"}
	}
	return Reply{Content: "Thanks, I've noted that this answer was wrong."}, outcome{result: "voted_down"}
}

// voteDown records a 👎 (so that it counts even if the form is closed)
// and opens the form asking what was wrong.
func (b *service) voteDown(c *call, id buttonID) outcome {
	if b.cfg.Feedback == nil {
		return b.respond(c, noFeedback, true, "no_feedback")
	}
	ctx, cancel := context.WithTimeout(b.baseCtx, componentWithin)
	defer cancel()
	v, ok := b.voteFor(ctx, c, id, false)
	if !ok {
		return b.respond(c, notThisAnswer, true, "refused_vote")
	}
	if err := b.cfg.Feedback.Vote(ctx, v); err != nil {
		o := b.respond(c, noFeedback, true, "error")
		if o.err == nil {
			o.err = fmt.Errorf("vote: %w", err)
		}
		return o
	}
	id.action = actWhy
	err := c.send(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: id.String(),
			Title:    "What was wrong?",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{
					CustomID: whyInputID, Label: "What was wrong? (optional)", Style: discordgo.TextInputParagraph,
					Placeholder: "E.g. the figure is out of date, or the quote is about something else.",
					MaxLength:   maxComment,
				},
			}}},
		},
	})
	if err != nil {
		return outcome{result: "error", err: fmt.Errorf("open form: %w", err)}
	}
	return outcome{result: "voted_down"}
}

// comment records what the reader wrote in the 👎 form.
func (b *service) comment(ctx context.Context, c *call, id buttonID) (Reply, outcome) {
	if b.cfg.Feedback == nil {
		return Reply{Content: noFeedback}, outcome{result: "no_feedback"}
	}
	text := strings.TrimSpace(strings.ToValidUTF8(modalValue(c.Interaction, whyInputID), ""))
	if utf8.RuneCountInString(text) > maxComment {
		text = string([]rune(text)[:maxComment])
	}
	v, ok := b.voteFor(ctx, c, id, false)
	if !ok {
		return Reply{Content: notThisAnswer}, outcome{result: "refused_vote"}
	}
	if err := b.cfg.Feedback.Comment(ctx, v, text); err != nil {
		return Reply{Content: noFeedback}, outcome{result: "error", err: fmt.Errorf("comment: %w", err)}
	}
	return Reply{Content: "Thanks for telling me what was wrong. It helps make the answers better."}, outcome{result: "commented"}
}

// modalValue is the value of the form's text input with that custom_id.
func modalValue(i *discordgo.Interaction, inputID string) string {
	d, ok := i.Data.(discordgo.ModalSubmitInteractionData)
	if !ok {
		return ""
	}
	var find func([]discordgo.MessageComponent) (string, bool)
	find = func(cs []discordgo.MessageComponent) (string, bool) {
		for _, c := range cs {
			switch c := c.(type) {
			case *discordgo.ActionsRow:
				if v, ok := find(c.Components); ok {
					return v, true
				}
			case *discordgo.TextInput:
				if c.CustomID == inputID {
					return c.Value, true
				}
			}
		}
		return "", false
	}
	v, _ := find(d.Components)
	return v
}
