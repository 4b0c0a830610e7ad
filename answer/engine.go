package answer

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Token is an analysed term of some text and its byte range there.
type Token struct {
	Term       string
	Start, End int
}

// Weighted is an analysed term with its weight in a search.
type Weighted struct {
	Term   string
	Weight float64
}

// Passage is a sentence (or photo caption) of an article as the index
// holds it.
type Passage struct {
	ArticleID string
	Seq, Para int
	Text      string
	// Gap is the exact text between the previous passage of the same
	// paragraph and this one.
	Gap     string
	Caption bool
	Score   float64
}

// Searcher is what answering needs from the full-text index: one
// consistent generation of it, pinned for one question.
type Searcher interface {
	// Analyze splits text into terms as the index analyses passages. The
	// result may be shared: callers must not modify it.
	Analyze(text string) []Token
	// DocFreq counts the passages holding an analysed term.
	DocFreq(term string) int
	NumPassages() int
	// AvgPassageLen is the mean length of a passage, in bytes.
	AvgPassageLen() float64
	// Similar lists article words within maxEdits edits of word.
	Similar(word string, maxEdits int) []string
	// Search finds the passages best matching the weighted terms.
	Search(ctx context.Context, terms []Weighted, limit int) ([]Passage, error)
	// Passage loads one passage of an article.
	Passage(articleID string, seq int) (Passage, bool)
	// Source describes an article.
	Source(articleID string) (Source, bool)
	// Remember returns the value the generation keeps under key, made by
	// create the first time it is asked for; every later call gets that
	// same value for as long as the generation lives, whatever else is
	// remembered. Answering keeps a few caches there (of passages' words
	// and of question words' concepts), each bounding itself. create must
	// depend only on key and the generation. Keys are comparable values
	// of a type of the caller's own, so no two packages' keys are equal.
	Remember(key any, create func() any) any
	// Articles describes every article, for questions about the articles
	// themselves (who wrote them, when, which outlets).
	Articles() []ArticleMeta
	// Outlets lists the articles' outlets, each once, sorted. It is asked
	// for every question, so it should be remembered, not recomputed.
	Outlets() []string
	// Authors lists the articles' authors as their bylines give them
	// ("Joyce Lee and Ju-min Park"), each once, sorted; remembered too.
	Authors() []string
}

// rememberKey names what answering keeps per index generation (see
// Searcher.Remember).
type rememberKey int

const (
	passageWordsKey rememberKey = iota // passages' words by text (see wordsOf)
	conceptsKey                        // question words' concepts (see conceptOf)
	creditsKey                         // the people credit lines name (see credited)
	articlesKey                        // the articles as questions about them read them (see articlesOf)
	datelinedKey                       // the articles whose first sentence has a dateline (see datelinedOf)
)

// Acquire pins the current index generation for one question; release
// unpins it.
type Acquire func() (s Searcher, release func(), err error)

// Engine answers questions from an index.
type Engine struct {
	acquire Acquire
	w       weights

	lexOnce sync.Once
	lex     *lexicon
}

// New returns an Engine over the index that acquire pins.
func New(acquire Acquire) *Engine {
	return &Engine{acquire: acquire, w: defaultWeights}
}

// Warm builds what every question needs before the first one comes: the
// lexicon, analysed as the index analyses, and the word tables and
// vectors; and, for the current index generation, what questions about
// the articles read (their table, first sentences and credit lines: at
// 100,000 articles some 350 ms). Ask does each when not done.
func (e *Engine) Warm() error {
	s, release, err := e.acquire()
	if err != nil {
		return err
	}
	defer release()
	e.lexOnce.Do(func() { e.lex = newLexicon(s) })
	wordnet()
	wordList()
	gloveVectors()
	datelinedOf(s)
	creditsOf(s)
	return nil
}

// The full-text search finds searched passages (and any that tie with the
// last); they are scored again with BM25 (rescore), and the best
// candidates are handed to ranking. Searching wider was tried: it finds
// nothing better on the dev sets and costs time at scale.
const (
	searched   = 50
	candidates = 50
)

// scored is a candidate quote: one passage, or a passage with the one
// before it when it leans on it, and its ranking features.
type scored struct {
	first, last Passage
	quote       string
	f           [numRankFeatures]float64
	// lacking is the weight share of the question's concepts that some
	// article holds but the quote lacks in every form.
	lacking float64
	// heldRarity is the rarity in English of the rarest concept of the
	// question the quote holds.
	heldRarity float64
	// holdsWord is set when the quote holds, in some form, a concept of
	// the question that is not a stop word's.
	holdsWord bool
}

// Ask answers a question. It returns an error only for input that cannot
// be asked (empty, too long, no words to look up) or when the index fails;
// a question the articles do not answer gets a Result with Answered false.
func (e *Engine) Ask(ctx context.Context, raw string) (Result, error) {
	text, err := cleanQuestion(raw)
	if err != nil {
		return Result{Question: raw, Answers: []Answer{}}, err
	}
	res := Result{Question: text, Answers: []Answer{}}
	asked := askedText(text)
	if asked == "" {
		return res, ErrEmptyQuestion
	}
	defer gloveVectors().letGoOfTable()
	if about, ok, err := e.askAboutArticles(ctx, asked); ok || err != nil {
		about.Question = text
		return about, err
	}
	err = e.with(ctx, asked, func(s Searcher, q *question, cands []scored) {
		ch := choose(&e.w, q, cands)
		res.Confidence = math.Round(ch.confidence*1000) / 1000
		if q.silent != nil {
			res.Note = silentNote(s, q)
		}
		if q.unheard != "" {
			res.Note = fmt.Sprintf("None of the articles mentions %s.", strconv.Quote(q.unheard))
		}
		if len(ch.picked) == 0 || ch.confidence < e.w.threshold {
			return
		}
		res.Answered = true
		for k, i := range ch.picked {
			c := cands[i]
			src, _ := s.Source(c.first.ArticleID)
			res.Answers = append(res.Answers, Answer{
				Quote:   c.quote,
				Source:  src,
				Score:   math.Round(ch.scores[k]*1000) / 1000,
				Caption: c.first.Caption,
			})
		}
	})
	if err != nil {
		return Result{Question: text, Answers: []Answer{}}, err
	}
	return res, nil
}

// askAboutArticles answers a question about the articles themselves (who
// wrote or edited them, when, which outlets) from their own bylines,
// credit lines, date lines and headlines, or declines one about an article it names that holds nothing
// to quote for it. ok is false for any other question.
func (e *Engine) askAboutArticles(ctx context.Context, text string) (res Result, ok bool, err error) {
	lower := strings.ToLower(text)
	norm := metaNormal(lower) // once: the three checks below read it
	k := metaQuestion(norm)
	// maybe: a question about the articles, or one if it names one of
	// them. Otherwise only one that names an article by words ("the bbc
	// report") is looked at, for an outlet none of them is from.
	maybe := k != metaNone || metaMaybeNamed(norm)
	if !maybe && !match(metaArticleNamedRE, norm) {
		return res, false, nil
	}
	s, release, err := e.acquire()
	if err != nil {
		return Result{Question: text, Answers: []Answer{}}, false, err
	}
	defer release()
	// Names are checked against the outlets and authors, each once; the
	// articles themselves (thousands, maybe) only for a question that is
	// about them.
	if k == metaNone && maybe {
		k = metaNamed(norm, s.Outlets(), s.Authors())
	}
	if k == metaNone {
		if other := otherOutlet(s, norm); other != "" {
			// "what does the bbc report say about the toll", of articles
			// none of which is the BBC's: another outlet's quote would
			// answer for it.
			return Result{Question: text, Answers: []Answer{}, Note: notAmong(other, s.Outlets())}, true, nil
		}
		if !maybe {
			return res, false, nil // "what did the reuters report say": the story's
		}
		// "who is heejin kim": someone the credit lines name.
		at := credited(s, norm)
		if len(at) == 0 {
			return res, false, nil
		}
		answers, _ := articlesOf(s).answers(metaEditor, lower, at)
		return Result{Question: text, Answered: true, Answers: answers, Confidence: 1}, true, nil
	}
	if k == metaOutlets {
		if topic := coveredTopic(norm); len(topic) > 0 && !heldByAll(s, topic) {
			// "which outlet wrote about the chrysanthemums": the quotes
			// that name them, each with its outlet, not every article's
			// headline.
			return res, false, nil
		}
	}
	if other := otherOutlet(s, norm); other != "" {
		// "who wrote the guardian article" of articles none of which is
		// the Guardian's: another outlet's byline would misattribute.
		return Result{Question: text, Answers: []Answer{}, Note: notAmong(other, s.Outlets())}, true, nil
	}
	var answers []Answer
	var about []int // the articles it names by what they report, if any
	if k == metaFiled {
		answers, ok = filedFrom(s, lower)
	} else {
		if about, err = articlesAbout(ctx, s, norm); err != nil {
			return Result{Question: text, Answers: []Answer{}}, false, err
		}
		answers, ok = articlesOf(s).answers(k, lower, about)
	}
	if !ok {
		// Named as answers and lacking read the question: "the bbc
		// article" names BBC News there, as in full.
		if t := articlesOf(s); t.namesAny(lower) || about != nil || k == metaLink {
			// Asked about an article it names, which does not say (no
			// byline): any passage quoted instead would answer something
			// else. The reader is told what the article lacks.
			return Result{Question: text, Answers: []Answer{}, Note: t.lacking(k, lower, about)}, true, nil
		}
		// "who wrote west side story" is about a story, not the articles.
		return res, false, nil
	}
	// Read from the articles' own headers and bylines, not ranked.
	return Result{Question: text, Answered: true, Answers: answers, Confidence: 1}, true, nil
}

// with analyses a cleaned question, finds and describes its candidate
// quotes, and calls fn with them while the index generation is pinned.
func (e *Engine) with(ctx context.Context, text string, fn func(s Searcher, q *question, cands []scored)) error {
	s, release, err := e.acquire()
	if err != nil {
		return err
	}
	defer release()
	e.lexOnce.Do(func() { e.lex = newLexicon(s) })

	q := analyse(s, e.lex, text)
	if len(q.concepts) == 0 {
		return ErrNoWords
	}
	named := q.forOutlets(s.Outlets())
	recent := q.forRecent(s)
	if who := q.unmentioned(); who != "" && !inHeaders(s, who) {
		// "what did xi jinping say", of articles that never mention him:
		// any quote would be someone else's words.
		q.unheard = who
		fn(s, &q, nil)
		return nil
	}
	terms := queryTerms(s, q)
	hits, err := s.Search(ctx, terms, searched)
	if err != nil {
		return err
	}
	cands := describe(s, &q, rescore(s, terms, hits))
	if named != nil {
		ofNamed := func(c scored) bool {
			src, ok := s.Source(c.first.ArticleID)
			return ok && named[src.Outlet]
		}
		// "what does abc say about the treaty", of an article that never
		// mentions one: another outlet's quote would answer for it, its
		// own about something else. The search finds every passage that
		// holds a word of the question when it finds fewer than it asked
		// for; otherwise an outlet with no candidate may hold one further
		// down, and its candidates, if any, are the best it has.
		// Only words another article holds count: of a word none holds
		// ("did reuters write about this"), or of the outlet's own name
		// left as the question's only word ("reuters"), the outlet's
		// silence says nothing.
		some := slices.ContainsFunc(cands, ofNamed)
		if q.silentWords(named) != nil && !slices.ContainsFunc(cands, func(c scored) bool { return ofNamed(c) && c.holdsWord }) && (some || len(hits) < searched) {
			q.silent = named
			cands = nil
		}
		cands = keepSome(cands, ofNamed)
	}
	if recent != nil {
		cands = keepSome(cands, func(c scored) bool { return recent[c.first.ArticleID] })
	}
	fn(s, &q, cands)
	return nil
}

// unmentioned is whom a question asks the words of ("what did xi jinping
// say"), as typed, when no article mentions them in any form, or "". Whose
// they are may be mentioned: "what did kim's sister say" asks for the
// words of someone no article mentions.
func (q *question) unmentioned() string {
	if q.kind != kindSay || q.speaker == "" || !q.hasRole(roleSpeaker) {
		return ""
	}
	if lower := strings.ToLower(q.speaker); match(metaArticleNamedRE, "the "+lower) {
		// "what does the original report say": an article, not a speaker.
		return ""
	}
	for _, c := range q.concepts {
		if c.role == roleSpeaker && !c.missing {
			return ""
		}
	}
	if len(q.speaker) > 4 && strings.EqualFold(q.speaker[:4], "the ") {
		return q.speaker[4:] // "the bbc": the name is "bbc"
	}
	return q.speaker
}

// inHeaders reports whether name names an outlet, an author or someone a
// credit line names: the articles mention them, if not in their prose.
func inHeaders(s Searcher, name string) bool {
	lower := metaNormal(strings.ToLower(name))
	return articlesOf(s).namesAny(lower) || len(creditedIn(s, lower)) > 0
}

// silentNote tells the reader that the articles of the outlets a
// question names do not mention what it asks about: "The ABC article
// does not mention "treaty"."
func silentNote(s Searcher, q *question) string {
	var outlets []string
	n := 0
	for _, a := range s.Articles() {
		if o := a.Source.Outlet; q.silent[o] {
			n++
			if !slices.Contains(outlets, strings.TrimPrefix(o, "The ")) {
				outlets = append(outlets, strings.TrimPrefix(o, "The "))
			}
		}
	}
	var words []string
	for _, w := range q.silentWords(q.silent) {
		words = append(words, strconv.Quote(w))
	}
	subject, verb := "article", "does"
	if n > 1 {
		subject, verb = "articles", "do"
	}
	return fmt.Sprintf("The %s %s %s not mention %s.", strings.Join(outlets, " and "), subject, verb, strings.Join(words, " or "))
}

// silentWords are the words of q an outlet's silence on would be worth
// telling: those some article holds, not stop words, not words of the
// named outlets' names. nil when there are none.
func (q *question) silentWords(named map[string]bool) []string {
	own := map[string]bool{}
	for o := range named {
		for _, w := range outletWords(o) {
			own[w] = true
		}
	}
	var out []string
	for _, c := range q.concepts {
		if !c.stop && !c.missing && !own[c.word] {
			out = append(out, c.word)
		}
	}
	return out
}

// keepSome keeps the candidates keep accepts, when it accepts any: a
// question naming an outlet or the latest article is answered from it
// when it has a quote among them.
func keepSome(cands []scored, keep func(scored) bool) []scored {
	var out []scored
	for _, c := range cands {
		if keep(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return cands
	}
	return out
}

// dropWords removes from q's concepts those whose word is one of words,
// unless none would be left, and reports whether it removed any.
func (q *question) dropWords(words map[string]bool) bool {
	var kept []concept
	for _, c := range q.concepts {
		if !words[c.word] {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 || len(kept) == len(q.concepts) {
		return false
	}
	q.concepts = kept
	q.indexTerms()
	return true
}

// forRecent reads a question that names the articles by their date
// ("what did the latest report say about casualties", metaRecentRE) as
// asking what the articles of that date report: the words naming them
// leave its concepts (unless nothing else is left). It returns the IDs
// of those articles, or nil when it names none, or when every dated
// article is of that date.
func (q *question) forRecent(s Searcher) map[string]bool {
	if !mayMatch(metaRecentRE, q.lower) {
		return nil
	}
	loc := metaRecentRE.FindStringIndex(q.lower)
	if loc == nil {
		return nil
	}
	t := articlesOf(s)
	at := t.recentAsked(q.lower)
	if len(at) == 0 || slices.Equal(t.latest, t.earliest) {
		return nil // one date for all: no article is newer
	}
	ids := map[string]bool{}
	for _, i := range at {
		ids[t.arts[i].ID] = true
	}
	words := map[string]bool{}
	for _, w := range splitWords(q.lower[loc[0]:loc[1]]) {
		words[w] = true
	}
	q.dropWords(words)
	return ids
}

// forOutlets reads a question that names some of the articles' outlets in
// full or by initials, not all ("what did reuters say about the toll",
// "according to the nyt…"), as asking what those outlets report: their
// names are not what it is about, so their words leave its concepts
// (unless nothing else is left). It returns the outlets named, or nil.
func (q *question) forOutlets(outlets []string) map[string]bool {
	named := map[string]bool{}
	words := map[string]bool{}
	padded := padded(q.lower)
	for _, o := range outlets {
		if o != "" && namesOutletFully(padded, o) {
			named[o] = true
			for _, w := range outletWords(o) {
				words[w] = true
			}
		}
	}
	if len(named) == 0 || len(named) == len(outlets) {
		return nil
	}
	hadSpeaker := q.hasRole(roleSpeaker)
	if q.dropWords(words) && q.kind == kindSay && hadSpeaker && !q.hasRole(roleSpeaker) {
		// What the outlet says is all of its article: the question asks
		// for what the words after "say" ask for.
		q.kind, q.evidence = q.afterSay, q.afterSay
	}
	return named
}

// A term in more than maxPostings passages, and in more than commonShare
// of them all, is left out of the full-text query: it costs the most to
// search (at ten thousand articles "said" is in a third of all passages)
// and finds nothing its rarer companions do not find better. It still
// counts when the candidates are ranked. Over the bundled articles no term
// is that common.
const (
	maxPostings = 5000
	commonShare = 0.05
)

// queryTerms is the full-text query: every form of every concept,
// weighted by the concept's rarity and the form's match quality, less the
// very common ones unless nothing else is left.
func queryTerms(s Searcher, q question) []Weighted {
	n := s.NumPassages()
	var out []Weighted
	rarestCommon, rarestDF := Weighted{}, 0
	for _, c := range q.concepts {
		for t, quality := range c.alts {
			w := Weighted{Term: t, Weight: c.weight * quality}
			if df := s.DocFreq(t); df > maxPostings && float64(df) > commonShare*float64(n) {
				if rarestDF == 0 || df < rarestDF || (df == rarestDF && t < rarestCommon.Term) {
					rarestCommon, rarestDF = w, df
				}
				continue
			}
			out = append(out, w)
		}
	}
	if len(out) == 0 && rarestDF > 0 {
		out = append(out, rarestCommon)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Term != out[j].Term {
			return out[i].Term < out[j].Term
		}
		return out[i].Weight < out[j].Weight
	})
	return out
}

// BM25's parameters, as Lucene and Bleve set them.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// rescore scores hits by BM25 over their analysed terms and keeps the
// best candidates, best first; equal scores go to the article and
// passage that come first. The index's own scores are not used: Bleve's
// length normalisation depends on how its segments happen to be laid
// out, so two builds of one corpus would rank ties, and near ties,
// differently. Lengths are in bytes, against the index's mean.
func rescore(s Searcher, terms []Weighted, hits []Passage) []Passage {
	// Terms in a fixed order, so that every passage's sum is added up the
	// same way, and equal texts score exactly equal.
	var uniq []string
	weight := make(map[string]float64, len(terms))
	for _, t := range terms {
		if _, ok := weight[t.Term]; !ok {
			uniq = append(uniq, t.Term)
		}
		weight[t.Term] += t.Weight
	}
	sort.Strings(uniq)
	n, avg := s.NumPassages(), s.AvgPassageLen()
	// Each term's weight and idf by its place in uniq, where its count
	// in a passage is kept too.
	place := make(map[string]int, len(uniq))
	weights, idfs := make([]float64, len(uniq)), make([]float64, len(uniq))
	for k, t := range uniq {
		place[t] = k
		weights[k], idfs[k] = weight[t], idf(s.DocFreq(t), n)
	}
	out := make([]Passage, len(hits))
	tf := make([]int, len(uniq))
	for i, h := range hits {
		clear(tf)
		for _, tok := range s.Analyze(h.Text) {
			if k, ok := place[tok.Term]; ok {
				tf[k]++
			}
		}
		norm := 1 - bm25B
		if avg > 0 {
			norm += bm25B * float64(len(h.Text)) / avg
		}
		score := 0.0
		for k := range uniq {
			if f := float64(tf[k]); f > 0 {
				score += weights[k] * idfs[k] * f * (bm25K1 + 1) / (f + bm25K1*norm)
			}
		}
		h.Score = score
		out[i] = h
	}
	// Hits are distinct passages, so this is a total order.
	slices.SortFunc(out, func(a, b Passage) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := strings.Compare(a.ArticleID, b.ArticleID); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	return out[:min(len(out), candidates)]
}
