package answer

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Evidence that a passage holds the kind of answer a question wants. Each
// pattern finds candidate answers in the passage's text; a match only
// counts when it is not already part of the question.
var (
	numberRE = regexp.MustCompile(`\b\d[\d,.]*\b|\b(?i:dozens|hundreds|thousands|millions|billions|tens of thousands)\b`)
	yearRE   = regexp.MustCompile(`^(19|20)\d\d$`)
	dateRE   = regexp.MustCompile(`\b(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last (?:year|week|month|autumn|fall|spring|summer|winter)|this week|earlier this (?:week|month|year)|days? (?:earlier|later|after|before)|in recent days|(?:late|early|mid)[- ]\d{4}|autumn|fall of|spring|summer|winter)\b|\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b`)
	placeRE  = regexp.MustCompile(`\b(?:in|at|to|from|near|into|across|inside|on) (?:the )?(?:[A-Z][\p{L}’'\-]+(?: [A-Z][\p{L}’'\-]+)*)`)
	personRE = regexp.MustCompile(`\b(?:President|Mr\.|Mrs\.|Ms\.|Dr\.|Prime Minister|Minister|General|leader|officials?|lawmakers|diplomats?|agency|agencies|intelligence|media|spokes(?:man|woman|person))\b|\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z]+\b`)
	sayRE    = regexp.MustCompile(`[“”"‘]|(?i:\b(?:said|says|say|saying|told|tells|described|describing|describes|called|calling|calls|hailed|hailing|praised|praising|stated|added|adding|declared|vowed|urged|wrote|noted|quoted|according to|remarks?|speech|message|statement)\b)`)
	// namingRE finds someone called something: "lionizing them as",
	// "hailed the service members as", "called".
	namingRE = regexp.MustCompile(`(?i)\b(?:call(?:s|ed|ing)?|dubb?(?:s|ed|ing)?|describ(?:e|es|ed|ing)|hail(?:s|ed|ing)?|lioni[sz](?:e|es|ed|ing)|brand(?:s|ed|ing)?|label(?:s|l?ed|l?ing)?|term(?:s|ed)|prais(?:e|es|ed|ing)|honou?r(?:s|ed|ing)?|refer(?:s|red|ring)? to)\b[^.;:]{0,60}?\bas\b|\bcalled\b`)
	// clockRE finds a time of day.
	clockRE  = regexp.MustCompile(`(?i)\b\d{1,2}(?::\d\d)? ?[ap]\.?m\b\.?|\b\d{1,2}:\d\d\b|\b(?:morning|afternoon|evening|night|noon|midday|midnight|dawn|dusk|o'clock)\b`)
	reasonRE = regexp.MustCompile(`(?i)\b(?:because|since|so that|so as to|in order to|in an effort to|in a bid to|try(?:ing)? to|tries to|tried to|seek(?:s|ing)? to|sought to|aimed at|aim(?:s|ed|ing)? to|designed to|intended to|meant to|in return|in exchange|as a result|due to|owing to|thanks to|for fear|led to|leading to|prompted|motivated|reasons?|motives?|purpose)\b`)
)

// evidence weighs how well text holds an answer of kind k that the
// question does not already contain: 1 when such an answer sits near a
// word of the question, ½ when it is further away, 0 when there is none.
// toks are text's tokens, ms what they match (see question.match).
func evidence(q *question, k kind, text string, toks []Token, ms [][]conceptMatch) float64 {
	matches := kindIn(k, text)
	// Anchor on the question's own words where the passage has them:
	// synonyms alone ("memorial" for "ceremony") anchor too loosely.
	var exact, loose []int
	for i, t := range toks {
		switch quality := bestQuality(ms[i]); {
		case quality >= matchMisspelt: // the word itself, perhaps mistyped
			exact = append(exact, t.Start)
		case quality > 0:
			loose = append(loose, t.Start)
		}
	}
	anchors := exact
	if len(anchors) == 0 {
		anchors = loose
	}
	best := 0.0
	for _, m := range matches {
		w := strings.ToLower(strings.TrimSpace(trimLeadWord(text[m[0]:m[1]])))
		if containsWords(q.lower, w) {
			continue
		}
		score := 0.5
		for _, a := range anchors {
			if a >= m[0]-nearBytes && a <= m[1]+nearBytes {
				score = 1
				break
			}
		}
		best = math.Max(best, score)
	}
	return best
}

// findKind finds the candidate answers of kind k in text.
func findKind(k kind, text string) [][]int {
	switch k {
	case kindNumber:
		var out [][]int
		for _, m := range numberRE.FindAllStringIndex(text, -1) {
			if w := text[m[0]:m[1]]; !yearRE.MatchString(w) && !dayOfMonth(text, m) {
				out = append(out, m)
			}
		}
		return out
	case kindDate:
		return dateRE.FindAllStringIndex(text, -1)
	case kindPlace:
		var out [][]int
		for _, m := range placeRE.FindAllStringIndex(text, -1) {
			if !notPlaceRE.MatchString(text[m[0]:m[1]]) {
				out = append(out, m)
			}
		}
		return out
	case kindPerson:
		return personRE.FindAllStringIndex(text, -1)
	case kindReason:
		return reasonRE.FindAllStringIndex(text, -1)
	case kindSay:
		return sayRE.FindAllStringIndex(text, -1)
	case kindNaming:
		return namingRE.FindAllStringIndex(text, -1)
	case kindClock:
		return clockRE.FindAllStringIndex(text, -1)
	}
	return nil
}

// notPlaceRE finds what placeRE takes for a place but is a time ("on
// Friday", "in April") or a person by title ("to President Putin").
var notPlaceRE = regexp.MustCompile(`^\S+ (?:the )?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|General|Gen|Leader|Chairman|Secretary)\b`)

// monthBeforeRE and monthAfterRE find a month's name just before or just
// after a number: "June 30" and "30 June" are dates, not counts.
var (
	monthBeforeRE = regexp.MustCompile(`(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.? $`)
	monthAfterRE  = regexp.MustCompile(`(?i)^(?:st|nd|rd|th)? (?:of )?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b`)
)

// dayOfMonth reports whether the number text[m[0]:m[1]] is the day of a
// date.
func dayOfMonth(text string, m []int) bool {
	if m[1]-m[0] > 2 {
		return false
	}
	return monthBeforeRE.MatchString(text[max(0, m[0]-12):m[0]]) || monthAfterRE.MatchString(text[m[1]:min(len(text), m[1]+16)])
}

// kindMatches remembers findKind's results: the same passages come up
// for question after question, and the patterns are the costly part of
// ranking.
var kindMatches = newBoundedCache[matchKey, [][]int](matchCacheLimit, nil)

type matchKey struct {
	k    kind
	text string
}

// matchCacheLimit bounds kindMatches.
const matchCacheLimit = 50_000

// kindIn is where text holds answers of kind k (findKind), remembered.
func kindIn(k kind, text string) [][]int {
	return kindMatches.get(matchKey{k, text}, func() [][]int { return findKind(k, text) })
}

// nearBytes is how close (about ten words) an answer must sit to a word
// of the question to count as answering it.
const nearBytes = 60

// nonAnswerRE finds sentences that say a fact is not known: they share
// the question's words but do not answer it.
var nonAnswerRE = regexp.MustCompile(`(?i)\b(?:did not|didn't|does not|doesn't|would not|declined to|refused to) (?:say|disclose|reveal|confirm|specify|give)\b|\bnot clear\b|\bunclear\b`)

// containsWords reports whether s holds w as whole words: "24" is not in
// "2024".
func containsWords(s, w string) bool {
	if w == "" {
		return true
	}
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// trimLeadWord drops a leading preposition from a place match, so "in
// Pyongyang" counts as new evidence unless the question names Pyongyang.
func trimLeadWord(m string) string {
	first, rest, ok := strings.Cut(m, " ")
	if !ok || first == "" || !unicode.IsLower(rune(first[0])) {
		return m
	}
	return strings.TrimPrefix(rest, "the ")
}

// describe computes the ranking features of each hit as a quote, taking in
// the sentence before when the hit leans on it.
func describe(s Searcher, q *question, hits []Passage) []scored {
	if len(hits) == 0 {
		return nil
	}
	best := 0.0
	for _, h := range hits {
		best = math.Max(best, h.Score)
	}
	b := newRankBuffers()
	defer b.release()
	out := make([]scored, 0, len(hits))
	for rank, h := range hits {
		c := scored{first: h, last: h, quote: h.Text}
		words := wordsOf(s, h.Text)
		b.nextQuote()
		// matches and prevMatches are what each token of the passage and of
		// the one before it (when taken in) matches among q's concepts;
		// toks and quoteMatches are the quote's.
		matches := q.match(b, words.toks)
		var prevMatches [][]conceptMatch
		var prevWords *passageWords
		text, toks, quoteMatches := h.Text, words.toks, matches
		if h.Seq > 0 && h.Gap != "" && leansBack(h.Text) {
			if p, ok := s.Passage(h.ArticleID, h.Seq-1); ok && p.Para == h.Para {
				c.first = p
				c.quote = p.Text + h.Gap + h.Text
				prevWords = wordsOf(s, p.Text)
				prevMatches = q.match(b, prevWords.toks)
				text, toks = c.quote, s.Analyze(c.quote)
				quoteMatches = q.match(b, toks)
				c.f[fMerged] = 1
			}
		}
		c.f[fCover] = coverage(q, matchAny, matches, prevMatches)
		c.f[fCoverExact] = coverage(q, matchExact, matches, prevMatches)
		c.f[fSoftCover], c.f[fVectorCos] = q.meaning(b, words, matches, prevWords, prevMatches)
		held := heldConcepts(q, matches, prevMatches)
		c.f[fFocusLacking] = focusLacking(q, held)
		c.lacking = lackingShare(q, held)
		c.heldRarity = q.rarest(held)
		for i, h := range held {
			c.holdsWord = c.holdsWord || h && !q.concepts[i].stop
		}
		if namesSpeaker(q, matches, prevMatches) {
			c.f[fSpeaker] = 1
		}
		if countedNear(q, text, toks, quoteMatches) {
			c.f[fCounted] = 1
		}
		c.f[fBigram] = bigrams(q, matches)
		c.f[fDensity] = density(matches)
		if q.kind != kindAny {
			k := q.evidence
			if k == kindAny {
				k = q.kind // a question made without analyse
			}
			ev := evidence(q, k, text, toks, quoteMatches)
			c.f[kindFeature[q.kind]] = ev
			if ev == 0 {
				c.f[fKindMissing] = 1
			}
		}
		if words.saysUnknown {
			c.f[fNonAnswer] = 1
		}
		if h.Caption {
			c.f[fCaption] = 1
		}
		c.f[fLength] = math.Min(1, math.Log1p(float64(len(matches)+len(prevMatches)))/math.Log(64))
		if next, ok := s.Passage(h.ArticleID, h.Seq+1); ok && next.Para == h.Para {
			c.f[fNextCover] = math.Max(0, coverage(q, matchAny, matches, prevMatches, q.match(b, s.Analyze(next.Text)))-c.f[fCover])
		}
		if best > 0 {
			c.f[fBM25] = h.Score / best
		}
		c.f[fBM25Rank] = 1 / float64(1+rank)
		out = append(out, c)
	}
	return out
}

// countedNear reports whether text has a number, not the question's own,
// that counts what q counts: a word standing for it stands in the same
// phrase as the number, a few words either side of it and no comma or
// clause between ("600 North Korean soldiers", "Club Med's newest
// addition to its 120 villages"), not after a comma ("15,000 troops, as
// well as … shells" counts no shells). toks are text's tokens, ms what
// they match.
func countedNear(q *question, text string, toks []Token, ms [][]conceptMatch) bool {
	if !q.hasRole(roleCounted) {
		return false
	}
	counted := make([]bool, len(toks))
	found := false
	for i := range toks {
		for _, m := range ms[i] {
			if q.concepts[m.concept].role == roleCounted {
				counted[i], found = true, true
			}
		}
	}
	if !found {
		return false
	}
	for _, m := range kindIn(kindNumber, text) {
		if containsWords(q.lower, strings.ToLower(text[m[0]:m[1]])) {
			continue
		}
		after := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= m[1] })
		for i := after; i < len(toks) && i < after+countedWithin && !phraseBreak(text[m[1]:toks[i].Start]); i++ {
			if counted[i] {
				return true
			}
		}
		before := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= m[0] }) - 1
		for i := before; i >= 0 && i > before-countedWithin && !phraseBreak(text[toks[i].End:m[0]]); i-- {
			if counted[i] {
				return true
			}
		}
	}
	return false
}

// countedWithin is how many words may stand between a number and the word
// for what it counts: "101 dead North Korean soldiers".
const countedWithin = 5

// phraseBreak reports whether the text between two words ends a phrase.
func phraseBreak(between string) bool { return strings.ContainsAny(between, ",;:()—–") }

// holdsRole reports whether the texts hold, in any form, a concept of q
// that plays role r. Each text is what its tokens match.
func holdsRole(q *question, r role, texts ...[][]conceptMatch) bool {
	for _, ms := range texts {
		for _, tm := range ms {
			for _, m := range tm {
				if q.concepts[m.concept].role == r {
					return true
				}
			}
		}
	}
	return false
}

// namesSpeaker reports whether one of texts names the speaker a question
// about what someone said asks about. A speaker named by a possessive
// ("south korea's president") is named where a word of the speaker
// stands near a word of its owner: "Russian president" in a sentence
// that speaks of "Korea's liberation" elsewhere is someone else.
func namesSpeaker(q *question, texts ...[][]conceptMatch) bool {
	if !q.hasRole(roleOwner) {
		return holdsRole(q, roleSpeaker, texts...)
	}
	for _, ms := range texts {
		lastSpeaker, lastOwner := -ownerNear-1, -ownerNear-1
		for i, tm := range ms {
			for _, m := range tm {
				switch q.concepts[m.concept].role {
				case roleSpeaker:
					lastSpeaker = i
				case roleOwner:
					lastOwner = i
				}
			}
			if lastSpeaker >= 0 && lastOwner >= 0 && abs(lastSpeaker-lastOwner) <= ownerNear {
				return true
			}
		}
	}
	return false
}

// ownerNear is how many words apart a speaker and its owner may stand:
// "South Korean President Lee", "the president of South Korea".
const ownerNear = 2

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// heldConcepts says which concepts of q the texts hold in any form. Each
// text is what its tokens match.
func heldConcepts(q *question, texts ...[][]conceptMatch) []bool {
	held := make([]bool, len(q.concepts))
	for _, ms := range texts {
		for _, tm := range ms {
			for _, m := range tm {
				held[m.concept] = true
			}
		}
	}
	return held
}

// focusLacking is the weight of the weightiest concept of q that is not
// held, over the weight of q's weightiest concept.
func focusLacking(q *question, held []bool) float64 {
	out, top := 0.0, 0.0
	for i, c := range q.concepts {
		top = max(top, c.weight)
		if !held[i] {
			out = max(out, c.weight)
		}
	}
	if top == 0 {
		return 0
	}
	return out / top
}

// lackingShare is the weight share of q's concepts that some article
// holds but that are not held.
func lackingShare(q *question, held []bool) float64 {
	var total, lacking float64
	for i, c := range q.concepts {
		if c.missing {
			continue
		}
		total += c.weight
		if !held[i] {
			lacking += c.weight
		}
	}
	if total == 0 {
		return 0
	}
	return lacking / total
}

// rarest is the rarity in English (wordVectors.rarity) of the rarest of
// q's concepts that which picks, 0 when it picks none.
func (q *question) rarest(which []bool) float64 {
	v := q.conceptVectors()
	out := 0.0
	for i := range q.concepts {
		if which[i] {
			out = max(out, v.rarity(q.vecs[i]))
		}
	}
	return out
}

// kindFeature is the feature holding the evidence for each kind of answer.
var kindFeature = map[kind]int{kindNumber: fKindNumber, kindDate: fKindDate, kindPlace: fKindPlace, kindPerson: fKindPerson, kindReason: fKindReason, kindSay: fKindSay}

// matchAny counts a concept at any match quality.
const matchAny = 0.0

// bigrams is the share of adjacent pairs of the question's concepts that
// stand within two terms of each other in a passage, given what its terms
// match.
func bigrams(q *question, terms [][]conceptMatch) float64 {
	n := len(q.concepts)
	if n < 2 {
		return 0
	}
	var buf [16]int
	var last []int
	if n <= len(buf) {
		last = buf[:n]
	} else {
		last = make([]int, n)
	}
	for i := range last {
		last[i] = -10
	}
	pairs := make(map[int]bool, n)
	for pos, tm := range terms {
		for _, m := range tm {
			c := m.concept
			last[c] = pos
			if c > 0 && pos-last[c-1] <= 2 {
				pairs[c-1] = true
			}
			if c+1 < n && pos-last[c+1] <= 2 {
				pairs[c] = true
			}
		}
	}
	return float64(len(pairs)) / float64(n-1)
}

// density is the share of a passage's terms that stand for a concept of
// the question, given what they match.
func density(terms [][]conceptMatch) float64 {
	if len(terms) == 0 {
		return 0
	}
	hit := 0
	for _, tm := range terms {
		if len(tm) > 0 {
			hit++
		}
	}
	return float64(hit) / float64(len(terms))
}

// coverage is the weighted share of the question's concepts that texts
// hold, each at its best match quality of at least minQuality. Each text
// is what its tokens match.
func coverage(q *question, minQuality float64, texts ...[][]conceptMatch) float64 {
	var buf [16]float64 // enough for most questions, without allocating
	var best []float64
	if n := len(q.concepts); n <= len(buf) {
		best = buf[:n]
	} else {
		best = make([]float64, n)
	}
	for _, ms := range texts {
		for _, tm := range ms {
			for _, m := range tm {
				if m.quality >= minQuality {
					best[m.concept] = max(best[m.concept], m.quality)
				}
			}
		}
	}
	var got, total float64
	for i, c := range q.concepts {
		total += c.weight
		got += c.weight * best[i]
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// leansBack reports whether a sentence leans on the one before it: it
// opens with a pronoun or a connective, so quoting it alone loses who or
// what it is about.
func leansBack(text string) bool {
	first, _, _ := strings.Cut(strings.TrimLeftFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }), " ")
	switch strings.ToLower(strings.TrimRight(first, ",")) {
	case "he", "she", "it", "they", "this", "these", "those", "that", "but", "however", "also", "its", "their", "his", "her", "both", "yet", "still", "then":
		return true
	}
	return false
}

// similar reports whether two texts share most of their words, so one can
// stand for the other.
func similar(a, b string) bool {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return float64(common)/float64(min(len(wa), len(wb))) >= 0.8
}

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(w) > 2 {
			out[w] = true
		}
	}
	return out
}
