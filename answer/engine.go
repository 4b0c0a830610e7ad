package answer

import (
	"context"
	"math"
	"sort"
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
	// Similar lists article words within maxEdits edits of word.
	Similar(word string, maxEdits int) []string
	// Search finds the passages best matching the weighted terms.
	Search(ctx context.Context, terms []Weighted, limit int) ([]Passage, error)
	// Passage loads one passage of an article.
	Passage(articleID string, seq int) (Passage, bool)
	// Source describes an article.
	Source(articleID string) (Source, bool)
}

// Acquire pins the current index generation for one question; release
// unpins it.
type Acquire func() (s Searcher, release func(), err error)

// Threshold is the score below which a question counts as unanswered. It
// was calibrated on the dev set (cmd/bot/testdata/devset.jsonl): see the
// README for how, and the quality test that holds it.
const Threshold = 0.45

// Engine answers questions from an index.
type Engine struct {
	acquire   Acquire
	threshold float64

	lexOnce sync.Once
	lex     *lexicon
}

// New returns an Engine over the index that acquire pins.
func New(acquire Acquire) *Engine {
	return &Engine{acquire: acquire, threshold: Threshold}
}

// Warm builds what every question needs before the first one comes: the
// lexicon, analysed as the index analyses. Ask does it when not done.
func (e *Engine) Warm() error {
	s, release, err := e.acquire()
	if err != nil {
		return err
	}
	defer release()
	e.lexOnce.Do(func() { e.lex = newLexicon(s) })
	return nil
}

// candidates is how many passages the full-text search hands to ranking.
const candidates = 50

// scored is a candidate quote: one passage, or a passage with the one
// before it when it leans on it.
type scored struct {
	first, last Passage
	quote       string
	cover       float64
	score       float64
}

// Ask answers a question. It returns an error only for input that cannot
// be asked (empty, too long) or when the index fails; a question the
// articles do not answer gets a Result with Answered false.
func (e *Engine) Ask(ctx context.Context, raw string) (Result, error) {
	text, err := cleanQuestion(raw)
	if err != nil {
		return Result{Question: raw, Answers: []Answer{}}, err
	}
	res := Result{Question: text, Answers: []Answer{}}
	s, release, err := e.acquire()
	if err != nil {
		return res, err
	}
	defer release()
	e.lexOnce.Do(func() { e.lex = newLexicon(s) })

	q := analyse(s, e.lex, text)
	if len(q.concepts) == 0 {
		return res, ErrNoWords
	}
	hits, err := s.Search(ctx, queryTerms(s, q), candidates)
	if err != nil {
		return res, err
	}
	ranked := e.rank(s, q, hits)
	if len(ranked) == 0 {
		return res, nil
	}
	res.Confidence = math.Round(ranked[0].cover*1000) / 1000
	if ranked[0].cover < e.threshold || q.focusMissing() {
		return res, nil
	}
	res.Answered = true
	for _, c := range ranked {
		src, _ := s.Source(c.first.ArticleID)
		res.Answers = append(res.Answers, Answer{
			Quote:   c.quote,
			Source:  src,
			Score:   math.Round(c.score*1000) / 1000,
			Caption: c.first.Caption,
		})
	}
	return res, nil
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
	sort.Slice(out, func(i, j int) bool { return out[i].Term < out[j].Term })
	return out
}

// rank scores the candidates as answers, best first, and picks at most
// MaxAnswers of them: near duplicates collapsed, and further answers from
// an article already shown counting less, so that agreeing (or
// disagreeing) sources appear side by side.
func (e *Engine) rank(s Searcher, q question, hits []Passage) []scored {
	if len(hits) == 0 {
		return nil
	}
	best := hits[0].Score
	for _, h := range hits {
		best = math.Max(best, h.Score)
	}
	all := make([]scored, 0, len(hits))
	for _, h := range hits {
		c := scored{first: h, last: h, quote: h.Text}
		terms := s.Analyze(h.Text)
		c.cover = coverage(q, terms)
		text := h.Text
		if h.Seq > 0 && h.Gap != "" && leansBack(h.Text) {
			if prev, ok := s.Passage(h.ArticleID, h.Seq-1); ok && prev.Para == h.Para {
				c.first = prev
				c.quote = prev.Text + h.Gap + h.Text
				text = c.quote
				c.cover = math.Max(c.cover, coverage(q, terms, s.Analyze(prev.Text)))
			}
		}
		c.score = c.cover
		if q.kind != kindAny {
			// A passage without the kind of answer asked for ("how
			// many" and no number) is at best a partial answer.
			c.score *= 1 - kindWeight + kindWeight*evidence(q, s, q.kind, text)
		}
		if len(kindMatches.get(kindUnknown, h.Text)) > 0 {
			c.score -= nonAnswerPenalty
		}
		if best > 0 {
			c.score += bm25Share * h.Score / best
		}
		if h.Caption {
			c.score -= captionPenalty
		}
		all = append(all, c)
	}
	var out []scored
	perArticle := map[string]int{}
	taken := make([]bool, len(all))
	for left := len(all); len(out) < MaxAnswers && left > 0; left-- {
		// Re-weigh by how many answers each article already has, then take
		// the best remaining: on a tie, the better score before the
		// re-weighing, then the better full-text match.
		bi, bs := -1, math.Inf(-1)
		for i := range all {
			if taken[i] {
				continue
			}
			adj := all[i].score * math.Pow(sameArticleCut, float64(perArticle[all[i].first.ArticleID]))
			if bi < 0 || adj > bs || (adj == bs && all[i].score > all[bi].score) {
				bi, bs = i, adj
			}
		}
		taken[bi] = true
		c := all[bi]
		if len(out) > 0 && (c.cover < e.threshold || bs < out[0].score*0.6) {
			break
		}
		if overlaps(out, c) {
			continue
		}
		c.score = bs
		out = append(out, c)
		perArticle[c.first.ArticleID]++
	}
	return out
}

// overlaps reports whether c repeats a chosen quote: the same sentences of
// one article, or near-identical wording.
func overlaps(chosen []scored, c scored) bool {
	for _, o := range chosen {
		if o.first.ArticleID == c.first.ArticleID && c.first.Seq <= o.last.Seq && o.first.Seq <= c.last.Seq {
			return true
		}
		if o.quote == c.quote || (o.first.ArticleID == c.first.ArticleID && similar(o.quote, c.quote)) {
			return true
		}
	}
	return false
}
