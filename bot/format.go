package bot

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/storybot/storybot/answer"
)

// Discord's message limits, counted in characters (code points).
// https://discord.com/developers/docs/resources/message#create-message
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000
	MaxChoices          = 25
	MaxChoiceLen        = 100
	MaxURL              = 2048

	// maxEchoedQuestion keeps the echoed question short so the quotes get
	// the room; the full text is the user's own message anyway.
	maxEchoedQuestion = 300

	// maxTitle is how much of an article's title a citation shows: real
	// headlines fit, and an article whose "title" is its whole first
	// sentence is still cited by a title, not a paragraph.
	maxTitle = 80
)

// Colour is the one colour of the bot's embeds (its side bar), so its
// answers look alike wherever they are shown.
const Colour = 0x3B6EA8

// ellipsis marks a shortened text.
const ellipsis = "…"

// Reply is a message ready to send: content plus embeds, already within
// Discord's limits.
type Reply struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent // buttons (see buttons.go)
}

// noMentions is sent with every message: a question or a quote may contain
// @everyone or <@id>, and nobody should be pinged by the bot. Parse must be a
// non-nil empty slice so it encodes as [] (a nil slice encodes as null).
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// FormatAnswer renders a Result as a Discord reply: the question echoed
// (escaped), then one embed per quote, best first, numbered from 1 as the
// answer's buttons are ("1 · Full passage"): the article's title, the
// quote as a block quote, and outlet · author · date. Quotes too long for
// the room left are cut at a word boundary, and what is shown is always an
// exact prefix of the quote.
func FormatAnswer(res answer.Result) Reply {
	q := CleanQuestion(res.Question)
	var head string
	if q != "" {
		head = askedLabel + EscapeMarkdown(Truncate(q, maxEchoedQuestion)) + "\n"
	}
	if !res.Answered || len(res.Answers) == 0 {
		if res.Note != "" {
			// What the article lacks ("The ABC article does not name
			// its author."), from its own metadata: escaped all the same.
			return Reply{Content: head + EscapeMarkdown(res.Note)}
		}
		return Reply{Content: head + notCovered}
	}

	answers := res.Answers
	if len(answers) > MaxEmbeds {
		answers = answers[:MaxEmbeds]
	}
	// Citations get at most half of the 6000 characters, so quotes always
	// have room however long the titles and bylines are.
	meta := MaxEmbedTotal / 2 / len(answers)
	titleMax := min(MaxEmbedTitle, meta*45/100)
	footerMax := min(MaxFooter, meta-titleMax)
	embeds := make([]*discordgo.MessageEmbed, 0, len(answers))
	used := 0
	for k, a := range answers {
		e := citationEmbed(a.Source, k+1, a.Caption, titleMax, footerMax)
		used += embedLen(e)
		embeds = append(embeds, e)
	}
	// Share what is left of the 6000 characters fairly between the quotes.
	for k, a := range answers {
		room := (MaxEmbedTotal - used) / (len(answers) - k)
		room = min(room, MaxEmbedDescription)
		embeds[k].Description = BlockQuote(a.Quote, room)
		used += utf8.RuneCountInString(embeds[k].Description)
	}
	return Reply{Content: head, Embeds: embeds}
}

// notCovered is the reply when the articles hold no answer: it says so, and
// shows where to look, rather than quoting something loosely related.
const notCovered = "The articles I have don't cover that. Try asking another way, or use `/sources` to see what they cover."

// citationEmbed builds the embed around one quote: the title, numbered
// when n > 0, links to the article when it has a URL, and the footer says
// who published it.
func citationEmbed(src answer.Source, n int, caption bool, titleMax, footerMax int) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: Colour}
	title := ShortTitle(src)
	if title == "" || (CleanLine(src.Title) == "" && CleanLine(src.Outlet) != "") {
		// An untitled article is named by its outlet, not its file name.
		title = CleanLine(src.Outlet)
	}
	switch {
	case n > 0 && title == "":
		e.Title = fmt.Sprint(n)
	case n > 0:
		prefix := fmt.Sprintf("%d · ", n)
		e.Title = prefix + TruncateEscaped(title, titleMax-utf8.RuneCountInString(prefix))
	case title != "":
		e.Title = TruncateEscaped(title, titleMax)
	}
	if e.Title != "" {
		if u := safeURL(src.URL); u != "" {
			e.URL = u
		}
	}
	footer := strings.Join(citationParts(src), " · ")
	if caption {
		// Said even when the byline must be cut: it changes what the quote is.
		label := "photo caption"
		if footer != "" {
			label = " · " + label
		}
		footer = Truncate(footer, footerMax-utf8.RuneCountInString(label)) + label
	}
	if footer = Truncate(footer, footerMax); footer != "" {
		// Footers do not render markdown, so they are not escaped.
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return e
}

// citationParts lists what is known of a source's outlet, author and date;
// unknown fields are left out rather than shown as placeholders.
func citationParts(src answer.Source) []string {
	var parts []string
	for _, s := range []string{src.Outlet, src.Author, src.Date} {
		if s = CleanLine(s); s != "" {
			parts = append(parts, s)
		}
	}
	return parts
}

// ShortTitle names an article in a citation: its title, shortened at a
// word to about 80 characters, or its file name when it has none.
func ShortTitle(src answer.Source) string {
	title := CleanLine(src.Title)
	if title == "" && src.File != "" {
		title = CleanLine(path.Base(src.File))
	}
	return Truncate(title, maxTitle)
}

// SourceLine is a one-line, plain-text citation: outlet · author · date ·
// title, leaving out what is unknown, the title shortened (ShortTitle).
func SourceLine(src answer.Source) string {
	parts := citationParts(src)
	if t := ShortTitle(src); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " · ")
}

// Citation is a one-line description of a source for a list: the title in
// bold, then outlet · author · date (or the title alone when nothing else
// is known). It is markdown-escaped.
func Citation(src answer.Source) string {
	parts := citationParts(src)
	title := ShortTitle(src)
	var b strings.Builder
	if title != "" {
		b.WriteString("**" + EscapeMarkdown(title) + "**")
	}
	if len(parts) > 0 {
		if b.Len() > 0 {
			b.WriteString(" — ")
		}
		b.WriteString(EscapeMarkdown(strings.Join(parts, " · ")))
	}
	return b.String()
}

// safeURL returns u when it is an absolute http(s) URL Discord will accept
// in an embed, else "".
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > MaxURL {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// embedLen counts the characters of an embed that Discord adds up towards
// the 6000 limit.
func embedLen(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// BlockQuote renders quote as a markdown block quote of at most max
// characters. When it does not fit it is cut at a word boundary and "…" is
// appended; the text shown (unescaped, without the "> " markers) is always an
// exact prefix of quote. A quote that holds a control character or invalid
// UTF-8 is cut there too, for the same reason.
func BlockQuote(quote string, max int) string {
	shown := displayablePrefix(quote)
	if shown == quote {
		if s := renderQuote(quote); utf8.RuneCountInString(s) <= max {
			return s
		}
	} else if fits(shown, max) {
		return withEllipsis(shown)
	}
	// Find the longest prefix, cut before a space, that fits with "…".
	// Renders grow with the prefix, so a binary search over cut points works.
	cuts := wordCuts(shown)
	lo, hi := 0, len(cuts)-1 // cuts[0] is 0: the empty prefix
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(shown[:cuts[mid]], max) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	best := cuts[lo]
	if best == 0 {
		// A single word longer than the room: cut it at a character instead.
		best = longestFittingRunePrefix(shown, max)
	}
	return withEllipsis(shown[:best])
}

// withEllipsis renders a cut quote, or nothing when nothing of it is left.
func withEllipsis(prefix string) string {
	prefix = strings.TrimRightFunc(prefix, unicode.IsSpace)
	if prefix == "" {
		return ""
	}
	return renderQuote(prefix) + ellipsis
}

func fits(prefix string, max int) bool {
	return utf8.RuneCountInString(renderQuote(strings.TrimRightFunc(prefix, unicode.IsSpace)))+1 <= max
}

// wordCuts returns 0 and every byte offset where a run of spaces starts, the
// places a quote may be cut at a word boundary.
func wordCuts(s string) []int {
	cuts := []int{0}
	prevSpace := true
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if sp && !prevSpace {
			cuts = append(cuts, i)
		}
		prevSpace = sp
	}
	return cuts
}

// longestFittingRunePrefix returns the byte length of the longest prefix of
// s, cut between characters, that fits with "…"; binary search keeps a huge
// unbroken "word" cheap.
func longestFittingRunePrefix(s string, max int) int {
	var bounds []int // byte offsets of rune starts after the first
	for i := range s {
		if i > 0 {
			bounds = append(bounds, i)
		}
	}
	lo, hi := -1, len(bounds)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(s[:bounds[mid]], max) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo < 0 {
		return 0
	}
	return bounds[lo]
}

// displayablePrefix returns the part of s before its first invalid UTF-8
// byte or control character other than newline and tab.
func displayablePrefix(s string) string {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return s[:i]
		}
		if r != '\n' && r != '\t' && isControl(r) {
			return s[:i]
		}
	}
	return s
}

// renderQuote escapes quote and prefixes each of its lines with "> ".
func renderQuote(quote string) string {
	if quote == "" {
		return ""
	}
	lines := strings.Split(quote, "\n")
	for i, l := range lines {
		lines[i] = "> " + EscapeMarkdown(l)
	}
	return strings.Join(lines, "\n")
}

// markdownSpecial are the characters Discord markdown gives a meaning to
// anywhere in a line (formatting, spoilers, block quotes, masked links,
// mentions); lineStartSpecial only mean something at the start of a line
// (headings, lists). Escaped, they show literally, so text reads as written.
const (
	markdownSpecial  = "\\*_~`|><[]@"
	lineStartSpecial = "#-+"
)

// EscapeMarkdown backslash-escapes Discord markdown so s shows as typed.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) || (lineStart && strings.ContainsRune(lineStartSpecial, r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
	}
	return b.String()
}

// UnescapeMarkdown undoes EscapeMarkdown.
func UnescapeMarkdown(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		if !esc && r == '\\' {
			esc = true
			continue
		}
		esc = false
		b.WriteRune(r)
	}
	return b.String()
}

// CleanQuestion makes user input safe to echo and to ask: invalid UTF-8 and
// control characters go, runs of whitespace (newlines too) become one space.
func CleanQuestion(s string) string {
	return strings.Join(strings.Fields(CleanLine(s)), " ")
}

// CleanLine drops invalid UTF-8 and control characters (tabs and newlines
// become spaces) and trims the result.
func CleanLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s))
}

// isControl reports C0/C1 controls and the invisible format characters that
// can reorder or hide text (bidi overrides, zero-width joiners are kept out
// of echoed input for the same reason).
func isControl(r rune) bool {
	return unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != '\u200d')
}

// Truncate shortens s to at most max characters, cutting at a word boundary
// when there is one in the second half, and marks the cut with "…".
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	// Keep max-1 runes, leaving room for the ellipsis.
	cut := 0
	for range max - 1 {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	kept := s[:cut]
	if i := strings.LastIndexFunc(kept, unicode.IsSpace); i > len(kept)/2 {
		kept = kept[:i]
	}
	return strings.TrimRightFunc(kept, unicode.IsSpace) + ellipsis
}

// TruncateEscaped escapes s and keeps the result within max characters,
// never cutting an escape sequence in half.
func TruncateEscaped(s string, max int) string {
	esc := EscapeMarkdown(s)
	if utf8.RuneCountInString(esc) <= max {
		return esc
	}
	// Shrink the raw text until its escaped form fits.
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if utf8.RuneCountInString(EscapeMarkdown(string(runes[:mid])))+1 <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return EscapeMarkdown(strings.TrimRightFunc(string(runes[:lo]), unicode.IsSpace)) + ellipsis
}

// FormatSources lists the articles, one line each, within one message.
func FormatSources(srcs []answer.Source) string {
	if len(srcs) == 0 {
		return "No articles are indexed yet."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%d articles** about the story:\n", len(srcs))
	for i, s := range srcs {
		line := fmt.Sprintf("%d. %s\n", i+1, Citation(s))
		more := fmt.Sprintf("…and %d more.", len(srcs)-i)
		if utf8.RuneCountInString(b.String()+line)+utf8.RuneCountInString(more) > MaxContent {
			b.WriteString(more)
			return b.String()
		}
		b.WriteString(line)
	}
	return strings.TrimRight(b.String(), "\n")
}

// FormatReport describes a finished reindex for the admin who asked.
func FormatReport(r Report) string {
	var b strings.Builder
	if r.Added != "" {
		fmt.Fprintf(&b, "Added `%s`.\n", strings.ReplaceAll(CleanLine(r.Added), "`", "'"))
	}
	fmt.Fprintf(&b, "Indexed %d articles (%d passages) in %s.", r.Articles, r.Passages, r.Took.Round(time.Millisecond))
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "\nSkipped %d:", len(r.Skipped))
		for i, s := range r.Skipped {
			line := "\n• " + EscapeMarkdown(Truncate(CleanLine(s.File), 200)) + " — " + EscapeMarkdown(Truncate(CleanLine(s.Reason), 300))
			more := fmt.Sprintf("\n…and %d more.", len(r.Skipped)-i)
			if utf8.RuneCountInString(b.String()+line)+utf8.RuneCountInString(more) > MaxContent {
				b.WriteString(more)
				break
			}
			b.WriteString(line)
		}
	}
	return b.String()
}

// FormatSuggestions turns the answer engine's suggestions into autocomplete
// choices: cleaned, 1–100 characters, no duplicates, at most 25. When there
// are none, what was typed is offered back so the user can still send it.
func FormatSuggestions(typed string, suggestions []string) []*discordgo.ApplicationCommandOptionChoice {
	seen := map[string]bool{}
	var out []*discordgo.ApplicationCommandOptionChoice
	add := func(s string) {
		s = Truncate(CleanQuestion(s), MaxChoiceLen)
		if s == "" || seen[s] || len(out) >= MaxChoices {
			return
		}
		seen[s] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
	}
	for _, s := range suggestions {
		add(s)
	}
	if len(out) == 0 {
		add(typed)
	}
	return out
}

// helpText explains the commands in a few lines. messages says whether
// plain DMs and mentions are answered too (they need the gateway).
func helpText(messages bool) string {
	ask := "• `/ask question:` ask anything about the story, in a server or in a DM with me; add `private: True` so only you see the answer\n"
	more := ""
	if messages {
		ask = "• `/ask question:` ask anything about the story (also works by DM, or by mentioning me); add `private: True` so only you see the answer\n"
		more = "In a DM, or replying to one of my answers, you can follow up: \"and how many were wounded?\", \"what about Russia?\", \"when?\"\n"
	}
	return "I answer questions about one news story, quoting the articles word for word with their source.\n" +
		ask +
		"• **Apps → Ask storybot** on any message: answer that message as a question\n" +
		"• `/sources` list the articles I quote from\n" +
		"• `/timeline` the story's dated events in order, each quoted with its source\n" +
		"• `/reindex` (admins) rebuild the index, or add a `.txt`/`.md` article as an attachment\n" +
		more +
		"I read English only. When the articles don't say, I tell you so rather than guess."
}
