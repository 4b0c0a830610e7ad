package answer

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionRunes bounds a question. Discord caps slash-command options
// far below this; longer input is not a question but a paste.
const MaxQuestionRunes = 1000

// Errors for input that cannot be asked.
var (
	ErrEmptyQuestion = errors.New("the question is empty: ask something about the story, e.g. \"how many soldiers died?\"")
	ErrLongQuestion  = fmt.Errorf("the question is too long: keep it under %d characters", MaxQuestionRunes)
	ErrNoWords       = errors.New("the question has no words to look up: ask something about the story, e.g. \"where was the ceremony?\"")
)

// kind is the sort of answer a question wants.
type kind int

const (
	kindAny kind = iota
	kindNumber
	kindDate
	kindPlace
	kindPerson
	kindReason
	kindSay
	// Narrower kinds: what a question of a broader kind asks for more
	// precisely, whose evidence is narrower too (see question.evidence).
	kindNaming // what someone called something, a kindSay: "what did kim call the soldiers"
	kindClock  // a time of day, a kindDate: "what time did it start"
)

func (k kind) String() string {
	return [...]string{"any", "number", "date", "place", "person", "reason", "say", "naming", "clock"}[k]
}

// narrower is the narrower kind a question's cue asks for, or kind k
// itself: "what did kim *call*" asks for a naming, "what *time*" for a
// time of day.
func narrower(k kind, cue string) kind {
	switch {
	case k == kindSay && namingVerbs[cue]:
		return kindNaming
	case k == kindDate && strings.HasSuffix(cue, " time"):
		return kindClock
	}
	return k
}

// kindCues maps question openings to the kind of answer they ask for. They
// are matched against the lower-cased question with single spaces.
var kindCues = []struct {
	re   *regexp.Regexp
	kind kind
}{
	{regexp.MustCompile(`\bhow (many|much)\b|\bwhat (number|percentage|share|proportion)\b|\bnumber of\b|\bhow (large|big)\b|\btoll\b`), kindNumber},
	{regexp.MustCompile(`\bwhen\b|\bwhat (date|day|time|year|month)\b|\bwhich (date|day|year|month)\b|\bhow long ago\b|\bsince when\b`), kindDate},
	{regexp.MustCompile(`\bwhere\b|\b(which|what) (country|city|region|place|town|area|location|province)\b`), kindPlace},
	{regexp.MustCompile(`\bwho\b|\bwhom\b|\bwhose\b|\b(which|what) (leader|official|officials|agency|agencies|president|person|people|country's|government|outlet|newspaper)\b`), kindPerson},
	{regexp.MustCompile(`\bwhy\b|\bwhat for\b|\bfor what reason\b|\bwhat (was|is|were) the (reason|purpose|motive)\b|\bhow come\b`), kindReason},
	// What someone said: only the verb is the cue, the speaker is what
	// the question is about.
	{sayQuestionRE, kindSay},
	{possessiveSayRE, kindSay},
}

// sayQuestionRE is the cue of a question about what someone said. Only the verb
// is the cue; the speaker (group "speaker") is what the question is about.
var sayQuestionRE = regexp.MustCompile(`\bwhat (?:did|does|do|has|have|had|will|would) (?P<speaker>(?:[\pL'’.-]+ ){1,5}?)(?P<cue>say|said|tell|told|call|called|describe|claim|announce|mention|think|write|promise|vow|make of)\b|\bhow did (?P<speaker>(?:[\pL'’.-]+ ){1,5}?)(?P<cue>describe|react|respond|call)\b` +
	`|\bwhat (?P<speaker>(?:[\pL'’.-]+ ){1,3}?)(?P<cue>said|says|told|tells|thinks|thought|called)\b`)

// namingVerbs are the cues of a question about what someone called
// someone or something.
var namingVerbs = map[string]bool{"call": true, "called": true, "describe": true, "calls": true, "describes": true}

// possessiveSayRE asks for someone's words by a noun ("kim's words on
// kursk", "what were putin's exact words"): the noun is the cue, the
// speaker (group "speaker") what the question is about.
var possessiveSayRE = regexp.MustCompile(`\b(?P<speaker>(?:[\pL.-]+ ){0,2}[\pL.-]+)(?:'s|’s|s') (?:exact |own |actual )?(?P<cue>words|remarks|comments|quotes?|statement)\b`)

// speakerSpan is where a question about what someone said names who
// ("what did *south korea's president* say"), or nil.
func speakerSpan(lower string) []int {
	re := sayQuestionRE
	var ms [][]int
	if mayMatch(re, lower) {
		ms = re.FindAllStringSubmatchIndex(lower, -1)
	}
	if len(ms) == 0 && mayMatch(possessiveSayRE, lower) {
		re = possessiveSayRE
		ms = re.FindAllStringSubmatchIndex(lower, -1)
	}
	if len(ms) == 0 {
		return nil
	}
	m := ms[0] // when none opens a clause (see anywhereCues)
	for _, o := range ms {
		if opensClause(lower[:o[0]]) {
			m = o
			break
		}
	}
	return groupSpan(re, m, "speaker")
}

// speakerOwner splits a speaker span that names the speaker by a
// possessive ("south korea's president") into the speaker ("president")
// and the owner ("south korea"). When the noun after the possessive is
// what was said ("putin's message"), the owner is the speaker. owner is
// nil when the span has no possessive.
func speakerOwner(lower string, span []int) (speaker, owner []int) {
	if span == nil {
		return nil, nil
	}
	m := possessiveRE.FindStringIndex(lower[span[0]:span[1]])
	if m == nil {
		return span, nil
	}
	ownerEnd, headStart := span[0]+m[0], span[0]+m[1]
	head := strings.Fields(lower[headStart:span[1]])
	switch {
	case len(head) == 0: // a closing quotation mark: "what did 'the leader' say"
		return span, nil
	case sayRE.MatchString(head[0]):
		return []int{span[0], ownerEnd}, nil
	}
	return []int{headStart, span[1]}, []int{span[0], ownerEnd}
}

// possessiveRE finds a possessive ending a word: "korea's", "leaders'".
var possessiveRE = regexp.MustCompile(`(?:'s|’s|'|’)\s+`)

// roles are the byte spans of a question that name its concepts' roles.
type roles struct{ speaker, owner, counted []int }

// at is the role of the word starting at byte i.
func (r roles) at(i int) role {
	in := func(span []int) bool { return span != nil && i >= span[0] && i < span[1] }
	switch {
	case in(r.owner):
		return roleOwner
	case in(r.speaker):
		return roleSpeaker
	case in(r.counted):
		return roleCounted
	}
	return roleNone
}

// countedSpan is where a "how many" question names what it counts: the
// last word of the phrase after the cue, before a verb or "of" ("how many
// north korean *soldiers* died", "how many *photos* of dead soldiers"), or
// nil. lower runs from the cue's end.
func countedSpan(lower string, from int) []int {
	var last []int
	for n, f := range spaceFields(lower[from:]) {
		if n == 4 {
			break
		}
		i, j := from+f[0], from+f[1]
		w := strings.TrimRight(lower[i:j], "?!.,;:")
		switch {
		case w == "of" || w == "the" || w == "a":
			if last != nil && w == "of" {
				return last
			}
		case pastForm(w) && last == nil:
			// Before the noun, a participle describes it ("how many
			// *wounded* soldiers"); after it, it is the verb.
		case countStops[w] || pastForm(w) || irregularVerb(w):
			return last
		default:
			last = []int{i, i + len(w)}
		}
	}
	return last
}

// pastForm reports whether w is the regular past form of an English verb:
// "killed", "stopped", "tried", but not "hundred", "med" or "bed".
func pastForm(w string) bool {
	stem, ok := strings.CutSuffix(w, "ed")
	if !ok || len(stem) < 2 {
		return false
	}
	n := len(stem)
	return knownWord(stem) || knownWord(stem+"e") ||
		(n > 2 && stem[n-1] == stem[n-2] && knownWord(stem[:n-1])) ||
		(stem[n-1] == 'i' && knownWord(stem[:n-1]+"y"))
}

// spaceFields are the byte spans, start and end, of the fields of s that
// spaces separate.
func spaceFields(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if i == j {
			break
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// countStops end the phrase a "how many" question counts.
var countStops = map[string]bool{
	"did": true, "do": true, "does": true, "were": true, "was": true, "are": true, "is": true,
	"have": true, "has": true, "had": true, "will": true, "would": true, "can": true, "could": true,
	"in": true, "on": true, "at": true, "to": true, "from": true, "for": true, "with": true,
	"during": true, "by": true, "that": true, "who": true, "which": true, "there": true,
}

// irregularVerb reports whether w is a form of a verb the inflections
// list knows ("went", "died").
func irregularVerb(w string) bool {
	for _, forms := range inflections {
		if slices.Contains(forms, w) {
			return true
		}
	}
	return false
}

// nounCues ask for a kind of answer wherever they stand ("what was the
// death *toll*", "the *number of* soldiers killed").
var nounCues = []struct {
	re   *regexp.Regexp
	kind kind
}{
	{regexp.MustCompile(`%|\bper ?cent\b|\bnumber of\b|\btoll\b|\bfigures?\b|\btotal\b|\bcount\b|\bhow (large|big)\b`), kindNumber},
	{regexp.MustCompile(`\bwhat (date|day|time|year|month)\b`), kindDate},
}

// scaffoldingNouns are the scaffolding words that a question with no
// other words the articles hold is about ("what is article 5 about").
// Only nouns that name a thing: "what kind of dog is best" and "what is
// the total gdp of france" are not about a kind or a total.
var scaffoldingNouns = map[string]bool{"article": true, "articles": true}

// scaffolding are question words that say how to ask, not what about.
var scaffolding = map[string]bool{
	"many": true, "much": true, "number": true, "tell": true, "know": true,
	"please": true, "story": true, "article": true, "articles": true,
	"happen": true, "happened": true, "anything": true, "something": true,
	"thing": true, "things": true, "exactly": true, "approximately": true,
	"roughly": true, "total": true, "mention": true, "mentioned": true,
	"according": true, "reason": true, "purpose": true, "kind": true,
	"type": true, "explain": true, "describe": true, "details": true, "info": true, "quote": true, "quotes": true,
	"deets": true, "updates": true,
	"whom": true, "whose": true, "else": true, "also": true, "actually": true,
	"besides": true, "inside": true, "outside": true, "anyway": true, "anywhere": true,
	"really": true, "finally": true, "already": true, "ever": true, "even": true,
	"just": true, "quite": true, "currently": true, "basically": true, "literally": true,
	"itself": true, "themselves": true, "ones": true, "anyone": true, "someone": true, "everyone": true,
	// What an impatient reader says to the bot, not what about: "just
	// tell me the damn number of dead, stop dodging".
	"ugh": true, "damn": true, "dammit": true, "lol": true, "lmao": true, "omg": true, "wtf": true,
	"ffs": true, "pls": true, "plz": true, "bruh": true, "stupid": true,
	"dumb": true, "idiot": true, "dodging": true, "spamming": true,
}

// concept is one content word of a question with the index terms that
// count as it, each with how well it matches (1 for the word itself).
type concept struct {
	word    string
	weight  float64
	alts    map[string]float64
	missing bool // no form of the word occurs in the articles
	// stop is set for a word the analyser drops as a stop word but the
	// lexicon gives a meaning ("more": additional; see stopWordConcepts).
	stop bool
	role role // what the question asks of it, beyond being held
}

// role is what a question asks of one of its concepts: a question about
// what someone said names the speaker ("what did *putin* say"), a "how
// many" question what it counts ("how many *medals*"). It stays with the
// concept when others are dropped (forOutlets).
type role int

const (
	roleNone role = iota
	roleSpeaker
	roleCounted
	// roleOwner is whose the speaker is, when the question names the
	// speaker by a possessive ("what did *south korea's* president say"):
	// a quote names that speaker only where it holds both near each other.
	roleOwner
)

// hasRole reports whether a concept of q plays role r.
func (q *question) hasRole(r role) bool {
	return slices.ContainsFunc(q.concepts, func(c concept) bool { return c.role == r })
}

// withRole lists the concepts of q that play role r.
func (q *question) withRole(r role) []int {
	var out []int
	for i, c := range q.concepts {
		if c.role == r {
			out = append(out, i)
		}
	}
	return out
}

type question struct {
	passages int // in the index asked
	text     string
	lower    string
	kind     kind
	// afterSay is the kind the words after a "what did X say" cue ask
	// for ("what does reuters say *the death toll* is": a number), for
	// when X turns out to be an outlet (forOutlets).
	afterSay kind
	// evidence is the kind of answer a quote must hold: kind, or a
	// narrower kind of it ("what did kim *call* the dead" wants a naming,
	// not any words said).
	evidence kind
	// silent are the outlets a question names (forOutlets) when their
	// articles hold none of its words: the engine declines it, and says so.
	silent   map[string]bool
	concepts []concept
	// terms maps every term of every concept to where it counts, so a
	// passage's tokens are each looked up once.
	terms map[string][]conceptMatch
	// vecs are the concepts' word vectors' ids, and sum their
	// weighted sum (see meaning); pairs are vecs' vectors packed two by
	// two (see pairVectors).
	vecs  []int32
	sum   []float64
	pairs [][]int64
	// speaker is how a question about what someone said names them, as
	// typed ("Xi Jinping", "kim jong un's sister"), or "".
	speaker string
	// unheard is speaker when no article mentions them (unmentioned): the
	// engine declines, and says so.
	unheard string
}

// rankBuffers are what describing one question's candidates fills, and
// the next question's can reuse, cleared: the candidates hold about a
// thousand distinct words, and allocating their cosines afresh for each
// question kept the collector busy. describe takes them from the pool,
// passes them to what it calls, and gives them back when done.
type rankBuffers struct {
	cos    map[int32]int // a word's vector id → where its cosines start in cosBuf
	cosBuf []float64
	// matchBuf holds what the tokens of the quote being described match.
	matchBuf [][]conceptMatch
	closest  []float64 // see question.closest
}

var rankBufferPool = sync.Pool{New: func() any { return &rankBuffers{cos: map[int32]int{}} }}

// newRankBuffers takes buffers from the pool; the caller must release
// them.
func newRankBuffers() *rankBuffers { return rankBufferPool.Get().(*rankBuffers) }

// nextQuote forgets what the last quote's tokens matched (see match).
func (b *rankBuffers) nextQuote() { b.matchBuf = b.matchBuf[:0] }

// release clears b and gives it back to the pool; b must not be used
// after.
func (b *rankBuffers) release() {
	clear(b.cos)
	clear(b.matchBuf)
	b.cosBuf, b.matchBuf = b.cosBuf[:0], b.matchBuf[:0]
	rankBufferPool.Put(b)
}

// conceptMatch says that a term stands for concept i at some quality.
type conceptMatch struct {
	concept int
	quality float64
}

// indexTerms fills q.terms from q.concepts, and forgets what was looked
// up by concept (conceptVectors) for concepts q no longer has.
func (q *question) indexTerms() {
	q.vecs, q.sum, q.pairs = nil, nil, nil
	q.terms = map[string][]conceptMatch{}
	for i, c := range q.concepts {
		for t, quality := range c.alts {
			q.terms[t] = append(q.terms[t], conceptMatch{i, quality})
		}
	}
}

// match looks up what each token stands for among q's concepts, once for
// all the features that read it. The result is kept in b until the next
// quote's (see rankBuffers.nextQuote).
func (q *question) match(b *rankBuffers, toks []Token) [][]conceptMatch {
	at := len(b.matchBuf)
	for _, t := range toks {
		b.matchBuf = append(b.matchBuf, q.terms[t.Term])
	}
	return b.matchBuf[at:len(b.matchBuf):len(b.matchBuf)]
}

// bestQuality is how well a token stands for a concept of q, given what
// it matches (0 when it stands for none).
func bestQuality(ms []conceptMatch) float64 {
	best := 0.0
	for _, m := range ms {
		best = max(best, m.quality)
	}
	return best
}

// ansiRE matches terminal escape sequences (colours, cursor moves, OSC
// titles), which a pasted question may carry.
var ansiRE = regexp.MustCompile(`\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])`)

// labelColonRE finds "word:word", which the analyser would keep as one
// word ("title:how"); a question means two words.
var labelColonRE = regexp.MustCompile(`(\pL):(\pL)`)

// chatMarkupRE finds what a chat message holds besides words: Discord's
// mentions of users, roles and channels ("<@123>", "<@&7>", "<#9>"), its
// custom emoji ("<:salute:42>"), links, and a label before the question
// ("Q:"). None says what is asked; as words no article has, they made
// the question look less answerable.
var chatMarkupRE = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|\bhttps?://\S+` +
	// A label before the question ("Q: how many died", "question - who").
	`|^\s*(?i:(?:quick\s+)?(?:q|qn|ques|question))\s*[:\-]\s*`)

// withoutChatMarkup is a cleaned question less its chat markup
// (chatMarkupRE): what is asked. The question as cleaned is what the
// answer echoes.
func withoutChatMarkup(text string) string {
	if !strings.ContainsAny(text, "<:-") {
		return text
	}
	return strings.Join(strings.Fields(chatMarkupRE.ReplaceAllString(text, " ")), " ")
}

// askedText is what a cleaned question asks: less its chat markup
// (withoutChatMarkup), with the counts it spells out in digits
// (numbersAsDigits). The question as cleaned is what the answer echoes.
func askedText(text string) string {
	return numbersAsDigits(withoutElongation(withoutChatMarkup(text)))
}

// withoutElongation writes a word drawn out for effect ("whyyy",
// "soooo many") as the English word it stands for: a run of three or
// more of one letter becomes two ("coool" → "cool") or one ("whyyy" →
// "why"), whichever makes a word of the English word list, or a word of
// one or two letters ("sooo" → "so"). Other words are left as typed.
func withoutElongation(text string) string {
	if !hasTripleLetter(text) {
		return text
	}
	return letterRunRE.ReplaceAllStringFunc(text, func(w string) string {
		if !hasTripleLetter(w) || knownWord(strings.ToLower(w)) {
			return w
		}
		for _, keep := range []int{2, 1} {
			if c := collapseRuns(w, keep); knownWord(strings.ToLower(c)) {
				return c
			}
		}
		if c := collapseRuns(w, 1); utf8.RuneCountInString(c) <= 2 {
			return c // "sooo", "nooo": the list has no words so short
		}
		return w
	})
}

var letterRunRE = regexp.MustCompile(`\pL+`)

// hasTripleLetter reports whether s holds one letter three times running.
func hasTripleLetter(s string) bool {
	var a, b rune
	for _, r := range s {
		if r == a && r == b && unicode.IsLetter(r) {
			return true
		}
		a, b = b, r
	}
	return false
}

// collapseRuns shortens every run of three or more of one letter in w
// (any case) to keep letters.
func collapseRuns(w string, keep int) string {
	var out []rune
	run := 0
	var prev rune
	for _, r := range w {
		if unicode.ToLower(r) == unicode.ToLower(prev) {
			run++
		} else {
			run, prev = 1, r
		}
		out = append(out, r)
		if run == 3 {
			// A third of one letter: the run becomes keep long, and
			// stays so however long it goes on.
			out = out[:len(out)-3+keep]
		} else if run > 3 {
			out = out[:len(out)-1]
		}
	}
	return string(out)
}

// cleanQuestion normalises raw input: invalid UTF-8 and control characters
// become spaces, runs of space collapse. It rejects input that is empty or
// too long to be a question.
func cleanQuestion(raw string) (string, error) {
	if !utf8.ValidString(raw) {
		raw = strings.ToValidUTF8(raw, " ")
	}
	if utf8.RuneCountInString(raw) > MaxQuestionRunes*4 {
		return "", ErrLongQuestion
	}
	raw = ansiRE.ReplaceAllString(raw, " ")
	var b strings.Builder
	for _, r := range raw {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	q := strings.Join(strings.Fields(b.String()), " ")
	switch {
	case q == "":
		return "", ErrEmptyQuestion
	case utf8.RuneCountInString(q) > MaxQuestionRunes:
		return "", ErrLongQuestion
	}
	return q, nil
}

// questionKind finds the kind of answer asked for: the earliest cue that
// opens the question or a clause of it ("so how many…", "tell me where…"),
// not a relative "who" or "when" inside it ("soldiers who died").
func questionKind(lower string) (kind, []int) {
	bestKind, bestLoc := kindAny, []int(nil)
	for _, cue := range kindCues {
		if !mayMatch(cue.re, lower) {
			continue
		}
		for _, m := range cue.re.FindAllStringSubmatchIndex(lower, -1) {
			if !opensClause(lower[:m[0]]) {
				continue
			}
			if bestLoc == nil || m[0] < bestLoc[0] {
				bestKind, bestLoc = cue.kind, cueSpan(cue.re, m)
			}
			break
		}
	}
	if bestLoc == nil {
		// No cue opens the question or a clause: a greeting or a name may
		// come first ("hey bot how many…", "@storybot where was…"). A cue
		// that is never a relative pronoun still says what is asked.
		for _, cue := range anywhereCues {
			if !mayMatch(cue.re, lower) {
				continue
			}
			if loc := cue.re.FindStringSubmatchIndex(lower); loc != nil && (bestLoc == nil || loc[0] < bestLoc[0]) {
				bestKind, bestLoc = cue.kind, cueSpan(cue.re, loc)
			}
		}
	}
	if bestLoc == nil {
		for _, cue := range nounCues {
			if !mayMatch(cue.re, lower) {
				continue
			}
			if loc := cue.re.FindStringIndex(lower); loc != nil {
				return cue.kind, loc
			}
		}
	}
	return bestKind, bestLoc
}

// kindAfter is the kind of answer the rest of a question asks for, from
// a cue opening a clause of it or a noun cue ("…say *the death toll*
// is"), or kindAny.
func kindAfter(rest string) kind {
	if k, _ := questionKind(rest); k != kindSay {
		return k
	}
	return kindAny
}

// cueSpan is where a cue's match m stands: a cue with a group named "cue"
// is only that group's words.
func cueSpan(re *regexp.Regexp, m []int) []int {
	if span := groupSpan(re, m, "cue"); span != nil {
		return span
	}
	return m[:2]
}

// groupSpan is where the group of re called name stands in its match m,
// or nil when it took no part.
func groupSpan(re *regexp.Regexp, m []int, name string) []int {
	for g, n := range re.SubexpNames() {
		if n == name && m[2*g] >= 0 {
			return m[2*g : 2*g+2]
		}
	}
	return nil
}

// anywhereCues ask for a kind of answer wherever they stand, when no cue
// opens the question: words that are never relative pronouns ("how
// many", "why", "what did X say"), and "where" and "when" followed by a
// verb, as a relative "where" or "when" never is ("the place where they
// fought"). "who" is not among them: "soldiers who were killed".
var anywhereCues = []struct {
	re   *regexp.Regexp
	kind kind
}{
	{regexp.MustCompile(`\bhow (many|much)\b`), kindNumber},
	{regexp.MustCompile(`\bwhen (is|was|were|are|did|does|do|has|have|had|will|would)\b`), kindDate},
	{regexp.MustCompile(`\bwhere (is|was|were|are|did|does|do|has|have|had|will|would)\b`), kindPlace},
	{regexp.MustCompile(`\bwhy\b|\bhow come\b`), kindReason},
	{sayQuestionRE, kindSay},
	{possessiveSayRE, kindSay},
	// A question word left to the end, as one says it: "kim met the
	// officers when exactly", "the ceremony was where?".
	{regexp.MustCompile(`\bwhen(?: exactly| precisely| again)?(?:\s*[?!.]|$)`), kindDate},
	{regexp.MustCompile(`\bwhere(?: exactly| precisely| again)?(?:\s*[?!.]|$)`), kindPlace},
	{regexp.MustCompile(`\bwho(?: exactly| again)?(?:\s*[?!.]|$)`), kindPerson},
}

// frameWords frame a request before its question word: "can you tell me
// how many died", "i want to know when", "any idea why", "i was
// wondering where". There they say how the reader asks, not what about.
var frameWords = map[string]bool{
	"can": true, "could": true, "would": true, "will": true, "want": true, "wanna": true,
	"like": true, "need": true, "wonder": true, "wondering": true, "wondered": true,
	"idea": true, "know": true, "tell": true, "let": true, "lemme": true, "gimme": true,
	"someone": true, "anyone": true, "somebody": true, "anybody": true, "please": true,
	"i": true, "i'd": true, "you": true, "u": true, "me": true, "us": true, "do": true,
	"does": true, "to": true, "was": true, "am": true, "check": true, "curious": true,
	"quick": true, "question": true, "help": true, "find": true, "out": true, "just": true,
	"any": true, "have": true, "got": true,
}

// typedWord is a word of a question as typed, less the punctuation
// around it.
type typedWord struct {
	at   int    // where its token starts: after "(" in "(can"
	text string // "" for a dash or an ellipsis
	ends bool   // the word ends a clause: "died?", "died,"
}

// typedWords are the words of text, one a space-separated field.
func typedWords(text string) []typedWord {
	var out []typedWord
	for _, f := range spaceFields(text) {
		raw := text[f[0]:f[1]]
		w := strings.TrimFunc(raw, outsideWord)
		out = append(out, typedWord{at: f[0] + strings.Index(raw, w), text: w, ends: strings.ContainsAny(raw[len(raw)-1:], ",.!?;:")})
	}
	return out
}

// outsideWord is true of a rune that cannot start or end a word.
func outsideWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }

// preambleWords open a message before its question, with frameWords:
// "hi storybot! how many…", "sorry if this was asked before but…",
// "noob question: …", "wait, …", "one more question - …".
var preambleWords = map[string]bool{
	"hi": true, "hello": true, "hiya": true, "storybot": true, "bot": true, "guys": true,
	"folks": true, "all": true, "sorry": true, "if": true, "this": true, "asked": true,
	"already": true, "before": true, "noob": true, "silly": true, "random": true, "real": true,
	"honest": true, "honestly": true, "seriously": true, "wait": true, "one": true, "more": true,
	"another": true, "other": true, "questions": true, "also": true, "so": true, "then": true,
	"again": true, "sry": true, "pardon": true, "excuse": true, "the": true, "a": true,
	"q": true, "dude": true, "bro": true, "mate": true, "fam": true, "yall": true, "y'all": true,
	// and an impatient reader's complaint: "this bot is useless. where…",
	// "are you useless? how many…".
	"is": true, "are": true, "useless": true, "broken": true, "pointless": true,
	"worthless": true, "annoying": true, "trash": true, "garbage": true, "terrible": true,
}

// markFrame marks, among cueWords (byte offsets of words not to read as
// concepts), the words framing the request before the question's cue
// (frameWords): only those before it, or before the question word that
// opens it ("can you tell me *what* kim said"), and only when every word
// before that is one. loc is the cue's span in cueText; when the
// chat-normalised question's cue could not be placed there (nil), the
// cue is found in cueText itself.
func markFrame(cueText string, loc []int, cueWords map[int]bool) {
	if loc == nil {
		if _, loc = questionKind(cueText); loc == nil {
			return
		}
	}
	var starts []int
	// The words before the cue, cut where it starts: "hi,how many…".
	for _, tw := range typedWords(cueText[:loc[0]]) {
		w := tw.text
		if w == "" {
			continue // a dash, an ellipsis
		}
		if slices.Contains(cueVocabulary, w) {
			break // the question proper opens: "… tell me what kim said"
		}
		if !frameWords[w] && !preambleWords[w] && !scaffolding[w] && !clauseOpeners[w] {
			return // "kim wanted to know how many…": not a frame
		}
		starts = append(starts, tw.at)
	}
	for _, at := range starts {
		cueWords[at] = true
	}
}

// requestVerbs ask for something: a message that opens with frame words
// and one of these ("does anyone have the casualty numbers", "can you
// give me the death toll", "show me the footage") opens with a request,
// whatever kind of answer it asks for.
var requestVerbs = map[string]bool{
	"tell": true, "know": true, "explain": true, "have": true, "give": true, "show": true,
	"gimme": true, "lemme": true, "need": true, "want": true, "wanna": true, "wondering": true,
	"wonder": true, "idea": true, "find": true, "check": true, "got": true,
}

// markRequest marks, among cueWords, the words (a question's typedWords)
// of a request a message opens with (frameWords and requestVerbs, one of those at least), up to
// its first other word, which must come.
func markRequest(words []typedWord, cueWords map[int]bool) {
	var starts []int
	asks := false
	for _, tw := range words {
		w := tw.text
		if !frameWords[w] && !requestVerbs[w] {
			if asks {
				for _, i := range starts {
					cueWords[i] = true
				}
			}
			return
		}
		asks = asks || requestVerbs[w]
		starts = append(starts, tw.at)
	}
}

// courtesyWords, with frameWords, scaffolding and chatFillers, make up
// what a reader adds after the question: "how many died? thanks", "…,
// just curious", "…? asking for a friend", "…, is that true?".
var courtesyWords = map[string]bool{
	"thanks": true, "thank": true, "cheers": true, "pls": true, "plz": true, "curious": true,
	"asking": true, "friend": true, "appreciated": true, "appreciate": true, "advance": true,
	"much": true, "lot": true, "a": true, "for": true, "in": true, "it": true, "if": true,
	"i'm": true, "im": true, "so": true, "very": true, "my": true, "the": true, "this": true,
	"is": true, "that": true, "true": true, "right": true, "correct": true,
}

// markTail marks, among cueWords, the words (a question's typedWords) of
// the clauses that end a question when each of their words is said for courtesy or chat
// (courtesyWords, frameWords, scaffolding), the clauses being what
// follows a comma or the question's end ("how many died? thanks") or,
// without one, a run of "thanks", "thank you" or "please" at the end. The
// first clause is never marked: "thanks!" alone is what it is.
func markTail(words []typedWord, cueWords map[int]bool) {
	courteous := func(w string) bool {
		return courtesyWords[w] || frameWords[w] || scaffolding[w]
	}
	// The last clause that is not all courtesy ends where the tail starts.
	start := len(words)
	for k := len(words) - 1; k >= 0; k-- {
		if !courteous(words[k].text) {
			break
		}
		if k > 0 && words[k-1].ends {
			start = k // a whole clause of courtesy: "…? thanks"
		}
	}
	if start == len(words) {
		// No clause of it: "… thank you", "… please", at the end.
		for k := len(words) - 1; k > 0 && thanks(words[k].text, words[k-1].text); k-- {
			start = k
		}
	}
	for _, w := range words[start:] {
		cueWords[w.at] = true
	}
}

// thanks reports whether w, after prev, thanks or pleads: "thanks",
// "thank (you)", "please", "thx".
func thanks(w, prev string) bool {
	switch w {
	case "thanks", "thank", "please", "thx":
		return true
	case "you":
		return prev == "thank"
	}
	return false
}

// chatFillers are chat's fillers and asides, never what a question is
// about, and one may stand right before the question word: "ok so how
// many died", "how many died fr", "btw who wrote it", "idk, how many
// troops are there rn".
var chatFillers = []string{
	"ok", "okay", "hm", "hmm", "um", "umm", "yo", "fr", "frfr", "ngl", "tbh", "tbf",
	"btw", "idk", "idc", "smh", "imho", "iirc", "afaik", "rn", "srsly", "thx",
	// Not "k", "ty", "uh", "atm" or "imo": vitamin K, Ty Cobb, the UH-60,
	// an ATM and the IMO are what questions elsewhere are about.
}

func init() {
	for _, w := range chatFillers {
		scaffolding[w] = true
		clauseOpeners[w] = true
	}
}

// clauseOpeners may stand right before a question word that opens a
// clause.
var clauseOpeners = map[string]bool{
	"me": true, "know": true, "and": true, "so": true, "but": true, "then": true,
	"wonder": true, "wondering": true, "tell": true, "explain": true, "ask": true,
	"asking": true, "curious": true, "ok": true, "okay": true, "hey": true, "just": true,
	"again": true, "exactly": true, "remind": true, "about": true, "us": true,
	"what": true, "which": true, "idea": true, "out": true,
}

func opensClause(before string) bool {
	before = strings.TrimSpace(before)
	if before == "" {
		return true
	}
	if strings.ContainsAny(before[len(before)-1:], ",;:.!?-(\"") {
		return true
	}
	words := strings.Fields(before)
	return clauseOpeners[strings.Trim(words[len(words)-1], "'’")]
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// chatNormal spells out hurried question words ("wat", "hw", "y") and
// mistyped ones ("hwo many", "waht did", "wehre") so the kind of question
// is still seen.
func chatNormal(lower string) string {
	words := strings.Fields(lower)
	for i, w := range words {
		if full, ok := chatSpellings[w]; ok {
			words[i] = full
		}
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
			if cue, ok := typedCue(next, ""); ok {
				next = cue
			}
		}
		if cue, ok := typedCue(w, next); ok {
			words[i] = cue
		}
	}
	return strings.Join(words, " ")
}

// cueVocabulary are the words of the cues that say what kind of answer a
// question wants.
var cueVocabulary = []string{"who", "whom", "whose", "what", "when", "where", "why", "which", "how", "many", "much"}

// howWords follow "how" where "who" could stand too ("hwo many").
var howWords = map[string]bool{"many": true, "much": true, "long": true, "old": true, "far": true, "big": true, "often": true, "come": true}

// typedCue is the cue word that w, no English word, was meant to be:
// the only one a slip of the fingers away (two adjacent letters swapped;
// in a longer word also a letter added, dropped or changed). "hwo" is a
// swap from both "how" and "who": "how" when next is a word that follows
// "how" ("hwo many"), and otherwise "who".
func typedCue(w, next string) (string, bool) {
	if len(w) < 3 || len(w) > 6 || knownWord(w) {
		return "", false
	}
	var found []string
	for _, c := range cueVocabulary {
		if w != c && (swapped(w, c) || len(w) > 3 && editDistance(w, c, 1) <= 1) {
			found = append(found, c)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], true
	case len(found) == 2 && found[0] == "who" && found[1] == "how":
		if howWords[next] {
			return "how", true
		}
		return "who", true
	}
	return "", false
}

// sameShape reports whether a and b have words of the same lengths in the
// same places.
func sameShape(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if (a[i] == ' ') != (b[i] == ' ') {
			return false
		}
	}
	return true
}

// alignSpan is where span, a span of words of normal (a question's words
// joined by single spaces, some rewritten: chatNormal), stands in typed,
// the question as typed: from the start of its first word to the end of
// its last. It is nil when the two do not have the same words in number.
func alignSpan(span []int, normal, typed string) []int {
	from, to := spaceFields(normal), spaceFields(typed)
	if len(from) != len(to) {
		return nil
	}
	first, last := -1, -1
	for i, f := range from {
		if f[1] > span[0] && f[0] < span[1] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil
	}
	return []int{to[first][0], to[last][1]}
}

// missingWeight scales the weight of a word no article uses in any form.
// Such a word is usually what the question is about ("Brazil"), but may
// be a paraphrase the lexicon lacks, so it does not count in full.
const missingWeight = 0.7

// idf is BM25's inverse document frequency of a term found in df of n
// passages.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Match qualities for the forms a question word can take in an article.
const (
	matchExact    = 1.0
	matchSynonym  = 0.75
	matchNarrower = 0.7 // a kind of the word ("chrysanthemums" for "flowers")
	matchMisspelt = 0.8
)

// analyse turns a cleaned question into its kind and weighted concepts,
// looking each word up in the index: as written, in another spelling,
// through its synonyms, and as a misspelling of a word the articles use.
func analyse(s Searcher, lex *lexicon, text string) question {
	text = labelColonRE.ReplaceAllString(text, "$1 $2")
	q := question{text: text, lower: strings.ToLower(text), passages: s.NumPassages()}
	// Words of the cue ("what *time*", "which *country*") say what kind of
	// answer is wanted, not what it is about.
	cueWords := map[int]bool{}
	var speaker []int // the byte span naming the speaker, if any
	var owner []int   // the part of speaker naming whose the speaker is
	var counted []int // the byte span naming what is counted, if any
	// Cues are ASCII: lower-casing only ASCII keeps byte offsets equal
	// to the question's, so the cue's words can be found among its tokens.
	cueText := asciiLower(text)
	normal := chatNormal(cueText)
	typed := typedWords(cueText)
	if k, loc := questionKind(normal); k != kindAny {
		q.kind, q.evidence = k, narrower(k, normal[loc[0]:loc[1]])
		// Spans found in the chat-normalised question, where the
		// question's typed words stand: a swapped pair of letters keeps
		// every word where it was; a word typed short ("u" for "you")
		// moves the ones after it, but not their order.
		aligned := sameShape(normal, cueText)
		at := func(span []int) []int {
			if aligned || span == nil {
				return span
			}
			return alignSpan(span, normal, cueText)
		}
		cue := at(loc)
		markFrame(cueText, cue, cueWords)
		if cue != nil {
			for i := cue[0]; i < cue[1]; i++ {
				cueWords[i] = true
			}
			switch k {
			case kindSay:
				span := speakerSpan(normal)
				if typedSpan := at(span); typedSpan != nil {
					q.speaker = strings.TrimSpace(text[typedSpan[0]:typedSpan[1]])
				}
				spk, own := speakerOwner(normal, span)
				speaker, owner = at(spk), at(own)
				q.afterSay = kindAfter(normal[loc[1]:])
			case kindNumber:
				if strings.HasPrefix(normal[loc[0]:], "how many") || strings.HasPrefix(normal[loc[0]:], "how much") {
					counted = at(countedSpan(normal, loc[1]))
				}
			}
		}
	}
	markRequest(typed, cueWords)
	markTail(typed, cueWords)
	found := func(c concept) bool { return !c.missing }
	q.concepts = conceptsOf(s, lex, text, q.lower, cueWords, roles{speaker, owner, counted}, false)
	if !slices.ContainsFunc(q.concepts, found) {
		// A question the articles hold none of the words of but its
		// scaffolding is about those ("what is article 5 about").
		if all := conceptsOf(s, lex, text, q.lower, cueWords, roles{speaker, owner, counted}, true); slices.ContainsFunc(all, found) {
			q.concepts = all
		}
	}
	q.indexTerms()
	return q
}

// conceptsOf makes the concepts of a question's words, less its cue words
// and the words that say how it asks, but for the nouns among those when
// keepScaffolding.
func conceptsOf(s Searcher, lex *lexicon, text, lower string, cueWords map[int]bool, spans roles, keepScaffolding bool) []concept {
	var out []concept
	seen := map[string]bool{}
	skip := maps.Clone(cueWords) // and the second words of verbs of two words
	for _, tok := range withoutPrepositions(text, s.Analyze(text)) {
		word, term := strings.ToLower(text[tok.Start:tok.End]), tok.Term
		if full, ok := chatWords[word]; ok {
			ts := s.Analyze(full)
			if len(ts) == 0 {
				continue // "u", "r": a word the analyser drops, typed short
			}
			if len(ts) == 1 {
				word, term = full, ts[0].Term
			}
		}
		if scaffolding[word] && !(keepScaffolding && scaffoldingNouns[word]) || chatSpellings[word] != "" || seen[term] || skip[tok.Start] {
			continue
		}
		seen[term] = true
		c, ok := conceptOf(s, lex, word, term, attributive(text[:tok.Start]))
		if at, syns, isVerb := phrasal(s, text, word, tok.End); isVerb && !skip[at] {
			// The verb's second word is no word of the question by
			// itself: "take *place*" is not about a place.
			skip[at] = true
			switch {
			case syns != nil:
				c, ok = withPhrasal(s, c, syns), true
			case lightVerbs[word]:
				ok = false // "give out" says nothing of giving
			}
		}
		if !ok {
			continue
		}
		c.role = spans.at(tok.Start)
		out = append(out, c)
	}
	return append(out, stopWordConcepts(s, lex, text, skip, seen)...)
}

// particles are the adverbs that make a verb phrasal ("hand out", "come
// back"): the analyser drops some as stop words, but they are no
// prepositions.
var particles = map[string]bool{"out": true, "up": true, "back": true, "off": true, "down": true, "over": true, "away": true}

// nextWordRE finds the word right after another: "hand *out*", "came
// *back*", "take *place*".
var nextWordRE = regexp.MustCompile(`^\s+([\pL]+)\b`)

// phrasal finds the word after a question's word (word ends at byte end
// of text) when the two make a verb WordNet knows, phrasal ("hand out",
// "came back") or not ("take part"): the second word's offset, and the
// terms of the verb's synonyms the articles hold (distribute, return,
// participate; perhaps none for a phrasal verb), or false.
func phrasal(s Searcher, text, word string, end int) (int, []string, bool) {
	m := nextWordRE.FindStringSubmatchIndex(text[end:])
	if m == nil {
		return 0, nil, false
	}
	second := strings.ToLower(text[end+m[2] : end+m[3]])
	if !particles[second] && len(s.Analyze(second)) == 0 {
		// A preposition makes no verb of its own: "went to the banquet"
		// is not "attended" it, "went to russia" even less.
		return 0, nil, false
	}
	wn := wordnet()
	syns, ok := wn.find(wn.base(word) + "_" + second)
	if !ok {
		return 0, nil, false
	}
	var out []string
	for _, syn := range strings.Fields(syns) {
		for _, t := range s.Analyze(syn) {
			if s.DocFreq(t.Term) > 0 && !slices.Contains(out, t.Term) {
				out = append(out, t.Term)
			}
		}
	}
	if out == nil && !particles[second] {
		// A verb and a noun may mean what they say: "come home" is
		// WordNet's "dawn on", but soldiers come home. Only the phrase's
		// meaning found in the articles says it is one.
		return 0, nil, false
	}
	return end + m[2], out, true
}

// withPhrasal is c, the concept of a phrasal verb's verb, standing for the
// phrasal verb's synonyms too. A light verb ("came back", "give out")
// means what the phrase means: its own forms count only as much as a
// synonym, and it weighs as its commonest form does.
func withPhrasal(s Searcher, c concept, syns []string) concept {
	alts := maps.Clone(c.alts) // c's are shared (see conceptOf)
	if alts == nil {
		alts = map[string]float64{}
	}
	if lightVerbs[c.word] {
		// "came" alone is not "came back": "came days after".
		for t, quality := range alts {
			alts[t] = min(quality, matchSynonym)
		}
	}
	for _, t := range syns {
		if _, ok := alts[t]; !ok {
			alts[t] = matchSynonym
		}
	}
	if c.missing || lightVerbs[c.word] {
		df := 0
		for t := range alts {
			df = max(df, s.DocFreq(t))
		}
		c.weight, c.missing = idf(df, s.NumPassages()), false
	}
	c.alts = alts
	return c
}

// conceptOf returns the concept of a question's word (lower-cased; term
// is its analysis), or false for a word that stands for nothing. It is
// remembered per index generation: readers' questions share most of
// their words, and looking a word up in all its forms is most of the work
// of reading a question. (Every engine's lexicon is the same, built from
// the same lists by the same analysis.) The concept's alts are shared:
// they must not be modified.
func conceptOf(s Searcher, lex *lexicon, word, term string, attr bool) (concept, bool) {
	c := s.Remember(conceptsKey, func() any {
		return newBoundedCache[string, cachedConcept](conceptCacheLimit, nil)
	}).(*boundedCache[string, cachedConcept])
	// Only a participle's other forms depend on it (see newConcept).
	attr = attr && strings.HasSuffix(word, "n")
	key := word + "\x00" + term
	if attr {
		key += "\x00a"
	}
	e := c.get(key, func() cachedConcept {
		var e cachedConcept
		e.c, e.ok = newConcept(s, lex, word, term, attr)
		return e
	})
	return e.c, e.ok
}

// runTogether splits word into at most n words of the articles, each
// of two letters or more, as it was typed with the spaces left out: the
// terms of the parts, or nil when it does not split so. Of several
// splits, the one whose first part is longest.
func runTogether(s Searcher, word string, n int) []string {
	if n == 0 || len(word) > maxRunTogether {
		return nil
	}
	for i := len(word) - 2; i >= 2; i-- {
		if !utf8.RuneStart(word[i]) {
			continue // inside a letter: "kimékim" is no "kim" and "kim"
		}
		head := s.Analyze(word[:i])
		if len(head) != 1 || s.DocFreq(head[0].Term) == 0 {
			continue
		}
		if tail := s.Analyze(word[i:]); len(tail) == 1 && s.DocFreq(tail[0].Term) > 0 {
			return []string{head[0].Term, tail[0].Term}
		}
		if rest := runTogether(s, word[i:], n-1); rest != nil {
			return append([]string{head[0].Term}, rest...)
		}
	}
	return nil
}

// maxRunTogether is the longest word runTogether splits (three long
// words): a longer one is not words run together but noise.
const maxRunTogether = 30

// determiners stand before a word that describes a noun: "the fallen",
// "many fallen soldiers", "a hidden bunker".
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "those": true, "these": true, "this": true, "that": true, "many": true,
	"some": true, "all": true, "few": true, "several": true, "no": true, "more": true, "most": true,
}

// attributive reports whether a word after before stands after a
// determiner.
func attributive(before string) bool {
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	last := before[strings.LastIndexFunc(before, unicode.IsSpace)+1:]
	return last != "" && determiners[strings.ToLower(last)]
}

type cachedConcept struct {
	c  concept
	ok bool
}

// conceptCacheLimit bounds a generation's concepts (a concept holds a few dozen
// terms at most); when full it is emptied and refilled by the words
// questions use now.
const conceptCacheLimit = 5_000

// newConcept makes the concept of a question's word, looking it up in the
// index as written, in another spelling, through its synonyms, and as a
// misspelling of a word the articles use. It is false for a light verb no
// article uses. A past participle in -n that describes a noun (attr: "the
// fallen soldiers", "a hidden bunker") is an adjective, not a tense of its
// verb: its other forms ("fall", "fell") do not stand for it.
func newConcept(s Searcher, lex *lexicon, word, term string, attr bool) (concept, bool) {
	c := concept{word: word, alts: map[string]float64{}}
	df := s.DocFreq(term)
	if df > 0 {
		c.alts[term] = matchExact
	}
	var forms []string
	if !attr {
		forms = lex.irregular(s, word)
	}
	for _, t := range forms {
		if d := s.DocFreq(t); d > 0 {
			c.alts[t] = matchExact
			df = max(df, d)
		}
	}
	for _, v := range slices.Concat(spellingVariants(word), numberVariants(word), regularForms(word)) {
		for _, t := range s.Analyze(v) {
			if d := s.DocFreq(t.Term); d > 0 {
				c.alts[t.Term] = matchExact
				df = max(df, d)
			}
		}
	}
	for _, syn := range lex.synonyms(s, word, term) {
		if _, ok := c.alts[syn]; !ok && s.DocFreq(syn) > 0 {
			c.alts[syn] = matchSynonym
		}
	}
	for _, t := range lex.narrower(s, word) {
		if _, ok := c.alts[t]; !ok {
			c.alts[t] = matchNarrower
		}
	}
	// Words of the articles a letter or two away also count, a little
	// less, for a word that is not English as spelled: a misspelling
	// can stem to another word ("soliders" → "solid"), or be a word
	// the articles use by chance. A word spelled right is never read
	// as another ("weather" is not "whether").
	if !isNumber(word) && !knownWord(word) {
		for _, t := range misspelt(s, word) {
			if _, ok := c.alts[t]; !ok {
				c.alts[t] = matchMisspelt
			}
		}
		// The lexicon knows words the articles do not use ("giv" →
		// "give" → "awarded").
		for _, w := range lex.near(word) {
			for _, t := range lex.synonyms(s, w, "") {
				if _, ok := c.alts[t]; !ok && s.DocFreq(t) > 0 {
					c.alts[t] = matchMisspelt * matchSynonym
				}
			}
		}
	}
	if len(c.alts) == 0 && !isNumber(word) && !knownWord(word) {
		// Words run together in a hurry ("kimjongun", "northkorea"):
		// each of the articles' words it splits into counts, a little
		// less, as a misspelling does.
		if parts := runTogether(s, word, 3); parts != nil {
			for _, t := range parts {
				c.alts[t] = matchMisspelt
				df = max(df, s.DocFreq(t))
			}
		}
	}
	c.missing = len(c.alts) == 0
	c.weight = idf(df, s.NumPassages())
	if c.missing {
		c.weight *= missingWeight
	}
	if lightVerbs[word] {
		c.weight *= lightVerbWeight
		if c.missing {
			return c, false // "got", "did": nothing lost if no article says it
		}
	}
	return c, true
}

// stopWordConcepts makes concepts of words the analyser drops as stop
// words but the lexicon knows a meaning for ("sending *more* troops" →
// additional, another, expanded), but for the cue's and the frame's
// (cueWords, by byte offset in text).
func stopWordConcepts(s Searcher, lex *lexicon, text string, cueWords map[int]bool, seen map[string]bool) []concept {
	var out []concept
	n := s.NumPassages()
	for _, at := range letterRunRE.FindAllStringIndex(text, -1) {
		w := strings.ToLower(text[at[0]:at[1]])
		if seen[w] || cueWords[at[0]] || len(s.Analyze(w)) > 0 || scaffolding[w] {
			continue
		}
		seen[w] = true
		c := concept{word: w, alts: map[string]float64{}, stop: true}
		df := 0
		for _, t := range lex.synonyms(s, w, "") {
			if d := s.DocFreq(t); d > 0 {
				c.alts[t] = matchSynonym
				df += d
			}
		}
		if len(c.alts) == 0 {
			continue
		}
		c.weight = idf(df, n)
		out = append(out, c)
	}
	return out
}

// misspelt finds the terms of article words one or two edits from word.
// Short words are left alone: at three letters nearly every word is one
// edit from another.
func misspelt(s Searcher, word string) []string {
	edits := 0
	switch n := utf8.RuneCountInString(word); {
	case n >= 7:
		edits = 2
	case n >= 3:
		edits = 1
	default:
		return nil
	}
	var out []string
	for _, w := range s.Similar(word, edits) {
		for _, t := range s.Analyze(w) {
			if s.DocFreq(t.Term) > 0 {
				out = append(out, t.Term)
			}
		}
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return w != ""
}
