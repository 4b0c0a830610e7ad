package answer

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// Ranking features of a candidate quote, each scaled to about 0–1 so that
// fitted weights can be compared. Adding one means refitting the model
// (internal/qa: go run ./internal/qa fit).
const (
	fBM25         = iota // full-text score over the best score of the pool
	fBM25Rank            // 1/(1+rank) in the full-text order
	fCover               // idf-weighted share of the question's concepts the quote holds, at match quality
	fCoverExact          // the same, counting only the question's own words
	fBigram              // share of adjacent question-word pairs that stand together in the quote
	fKindNumber          // answer-kind evidence (0, ½ or 1) when the question asks for a number,
	fKindDate            // a date,
	fKindPlace           // a place,
	fKindPerson          // a person or organisation,
	fKindReason          // or a reason
	fKindSay             // or what someone said
	fKindMissing         // the question asks for a kind of answer and the quote holds none
	fNonAnswer           // the quote says the fact is not known
	fCaption             // the quote is a photo caption
	fLength              // log of the quote's length in terms, over log 64
	fMerged              // the quote takes in the sentence before, which it leans on
	fNextCover           // what the next sentence of the paragraph would add to coverage
	fDensity             // share of the quote's terms that are question concepts
	fSoftCover           // coverage where a concept may also be held by a word of like meaning (word vectors)
	fVectorCos           // cosine of the question's and the quote's idf-weighted word vectors
	fFocusLacking        // weight of the weightiest concept the quote lacks in any form, over the weightiest's
	fSpeaker             // the question asks what someone said, and the quote names them
	fCounted             // the question asks how many of something, and the quote has a number near it
	numRankFeatures
)

var rankFeatureNames = [numRankFeatures]string{
	"bm25", "bm25_rank", "cover", "cover_exact", "bigram",
	"kind_number", "kind_date", "kind_place", "kind_person", "kind_reason", "kind_say", "kind_missing",
	"non_answer", "caption", "length", "merged", "next_cover", "density",
	"soft_cover", "vector_cos", "focus_lacking", "speaker", "counted",
}

// Abstention features of a question, taken from its best quote once the
// candidates are ranked.
const (
	aScore          = iota // the best quote's ranking score
	aMargin                // its lead over the runner-up's score
	aCover                 // coverage of the question by the best quote
	aCoverExact            // the same, the question's own words only
	aMissing               // weight share of the question's concepts no article holds
	aFocusMissing          // 1 when the question's weightiest concept is in no article
	aKindMissing           // the question asks for a kind of answer the best quote lacks
	aKindFound             // the best quote's evidence (0, ½, 1) of the kind of answer asked for
	aAgree                 // share (of up to 3) other articles with a quote covering about as much
	aConcepts              // 1/number of concepts in the question
	aBM25                  // the best quote's full-text score, over the pool's best
	aTopFocus              // weight of the weightiest concept the best quote lacks, over the weightiest's
	aSize                  // log of the passages in the index, over log 10,000
	aMissingBySize         // aMissing × aSize: a word missing from a large index says more
	aFocusBySize           // aFocusMissing × aSize
	aCoverBySize           // aCover × aSize
	aSoftCover             // the best quote's coverage counting words of like meaning
	aVectorCos             // its word vectors' cosine with the question's
	aSpeakerLacking        // the question asks what someone said, and the best quote does not name them
	aCountedLacking        // the question asks how many of something, and the best quote has no number near it
	aKindNear              // the best quote's answer of the kind asked for stands near the question's words
	aLackingShare          // weight share of the question's concepts the articles hold but the best quote lacks
	aMissingRarity         // rarity in English of the rarest concept no article holds (0 when none is missing)
	aHeldRarity            // rarity in English of the rarest concept the best quote holds
	aOffTopic              // aMissingRarity × (1 − aHeldRarity): a rare word missing, only common ones held
	aBias
	numAbstainFeatures
)

var abstainFeatureNames = [numAbstainFeatures]string{
	"score", "margin", "cover", "cover_exact", "missing", "focus_missing", "kind_missing", "kind_found",
	"agree", "concepts", "bm25", "top_focus", "size", "missing_by_size", "focus_by_size", "cover_by_size",
	"soft_cover", "vector_cos", "speaker_lacking", "counted_lacking", "kind_near", "lacking_share",
	"missing_rarity", "held_rarity", "off_topic", "bias",
}

// Model is the fitted part of the engine: the ranker's weights, the
// abstention model's weights and its threshold, and the penalty that makes
// room for other outlets. model.json holds the shipped one, written by
// `go run ./internal/qa fit`, with the data it was fitted on.
type Model struct {
	Rank    map[string]float64 `json:"rank"`
	Abstain map[string]float64 `json:"abstain"`
	// Threshold is the confidence below which the engine declines.
	Threshold float64 `json:"threshold"`
	// SameArticle is subtracted from a candidate's score for each answer
	// already taken from its article.
	SameArticle float64 `json:"same_article"`
	// Provenance: how the model was fitted and on what.
	Fitted string   `json:"fitted,omitempty"`
	Data   []string `json:"data,omitempty"`
	Notes  []string `json:"notes,omitempty"`
}

// weights is a Model compiled for scoring.
type weights struct {
	rank        [numRankFeatures]float64
	abstain     [numAbstainFeatures]float64
	threshold   float64
	sameArticle float64
}

//go:embed model.json
var modelJSON []byte

// DefaultModel is the shipped model.
func DefaultModel() Model {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil {
		panic("answer: model.json: " + err.Error()) // a build defect
	}
	return m
}

var defaultWeights = func() weights {
	w, err := compile(DefaultModel())
	if err != nil {
		panic("answer: model.json: " + err.Error()) // a build defect
	}
	return w
}()

// compile checks that m names exactly the features the engine computes.
func compile(m Model) (weights, error) {
	var w weights
	if err := fill(w.rank[:], rankFeatureNames[:], m.Rank); err != nil {
		return w, fmt.Errorf("rank: %w", err)
	}
	if err := fill(w.abstain[:], abstainFeatureNames[:], m.Abstain); err != nil {
		return w, fmt.Errorf("abstain: %w", err)
	}
	w.threshold, w.sameArticle = m.Threshold, m.SameArticle
	return w, nil
}

func fill(dst []float64, names []string, src map[string]float64) error {
	for i, n := range names {
		v, ok := src[n]
		if !ok {
			return fmt.Errorf("no weight for feature %q", n)
		}
		dst[i] = v
	}
	if len(src) != len(names) {
		return fmt.Errorf("%d weights for %d features", len(src), len(names))
	}
	return nil
}

// RankFeatures and AbstainFeatures name the features, in order.
func RankFeatures() []string    { return rankFeatureNames[:] }
func AbstainFeatures() []string { return abstainFeatureNames[:] }

// NamedWeights pairs names with values, for a Model.
func NamedWeights(names []string, values []float64) map[string]float64 {
	out := make(map[string]float64, len(names))
	for i, n := range names {
		out[n] = values[i]
	}
	return out
}

func dot(w, f []float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * f[i]
	}
	return s
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// choice is the outcome of ranking: the candidates picked as answers, best
// first, and the abstention model's view of the best one.
type choice struct {
	picked     []int
	scores     []float64 // per picked answer, after the same-article penalty
	abstain    [numAbstainFeatures]float64
	confidence float64
}

// choose scores the candidates with the ranker, takes up to MaxAnswers of
// them (skipping repeats; each answer already taken from an article lowers
// that article's other candidates, so other outlets come next), and rates
// the best with the abstention model.
func choose(w *weights, q *question, cands []scored) choice {
	var ch choice
	if len(cands) == 0 {
		return ch
	}
	raw := make([]float64, len(cands))
	order := make([]int, len(cands))
	for i := range cands {
		raw[i] = dot(w.rank[:], cands[i].f[:])
		order[i] = i
	}
	// Best first; ties go to the article and position that come first, so
	// the answer never depends on the order the index returned them in.
	sort.Slice(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if raw[i] != raw[j] {
			return raw[i] > raw[j]
		}
		if cands[i].first.ArticleID != cands[j].first.ArticleID {
			return cands[i].first.ArticleID < cands[j].first.ArticleID
		}
		return cands[i].first.Seq < cands[j].first.Seq
	})
	perArticle := map[string]int{}
	taken := make([]bool, len(cands))
	for len(ch.picked) < MaxAnswers {
		bi, bs := -1, math.Inf(-1)
		for _, i := range order {
			if taken[i] {
				continue
			}
			if adj := raw[i] - w.sameArticle*float64(perArticle[cands[i].first.ArticleID]); bi < 0 || adj > bs {
				bi, bs = i, adj
			}
		}
		if bi < 0 {
			break
		}
		taken[bi] = true
		if cands[bi].f[fCover] == 0 || overlapsAny(cands, ch.picked, bi) {
			continue
		}
		ch.picked = append(ch.picked, bi)
		ch.scores = append(ch.scores, bs)
		perArticle[cands[bi].first.ArticleID]++
	}
	if len(ch.picked) == 0 {
		return ch
	}
	ch.abstain = abstainFeatures(q, cands, raw, order, ch.picked[0])
	ch.confidence = sigmoid(dot(w.abstain[:], ch.abstain[:]))
	return ch
}

// abstainFeatures describes how well the best candidate answers q.
func abstainFeatures(q *question, cands []scored, raw []float64, order []int, best int) [numAbstainFeatures]float64 {
	var a [numAbstainFeatures]float64
	top := &cands[best]
	a[aScore] = raw[best]
	for _, i := range order {
		if i != best {
			a[aMargin] = raw[best] - raw[i]
			break
		}
	}
	a[aCover] = top.f[fCover]
	a[aCoverExact] = top.f[fCoverExact]
	a[aKindMissing] = top.f[fKindMissing]
	for _, f := range kindFeature {
		a[aKindFound] += top.f[f] // only the asked kind's is set
	}
	a[aBM25] = top.f[fBM25]
	var total, missing, maxMissing, maxFound float64
	for _, c := range q.concepts {
		total += c.weight
		if c.missing {
			missing += c.weight
			maxMissing = max(maxMissing, c.weight)
		} else {
			maxFound = max(maxFound, c.weight)
		}
	}
	if total > 0 {
		a[aMissing] = missing / total
	}
	// By rarity alone: a missing word's weight is scaled down for ranking.
	if maxMissing > 0 && maxMissing/missingWeight >= maxFound {
		a[aFocusMissing] = 1
	}
	if n := len(q.concepts); n > 0 {
		a[aConcepts] = 1 / float64(n)
	}
	agree := map[string]bool{}
	for i := range cands {
		c := &cands[i]
		if c.first.ArticleID != top.first.ArticleID && c.f[fCover] >= 0.9*top.f[fCover] && c.f[fCover] > 0 {
			agree[c.first.ArticleID] = true
		}
	}
	a[aAgree] = math.Min(float64(len(agree)), 3) / 3
	a[aTopFocus] = top.f[fFocusLacking]
	a[aSize] = math.Min(1, math.Log1p(float64(q.passages))/math.Log(10000))
	a[aMissingBySize] = a[aMissing] * a[aSize]
	a[aFocusBySize] = a[aFocusMissing] * a[aSize]
	a[aCoverBySize] = a[aCover] * a[aSize]
	a[aSoftCover] = top.f[fSoftCover]
	a[aVectorCos] = top.f[fVectorCos]
	if q.hasRole(roleSpeaker) && top.f[fSpeaker] == 0 {
		a[aSpeakerLacking] = 1
	}
	if q.hasRole(roleCounted) && top.f[fCounted] == 0 {
		a[aCountedLacking] = 1
	}
	if a[aKindFound] == 1 {
		a[aKindNear] = 1
	}
	a[aLackingShare] = top.lacking
	absent := make([]bool, len(q.concepts))
	for i, c := range q.concepts {
		absent[i] = c.missing
	}
	a[aMissingRarity] = q.rarest(absent)
	a[aHeldRarity] = top.heldRarity
	a[aOffTopic] = a[aMissingRarity] * (1 - a[aHeldRarity])
	a[aBias] = 1
	return a
}

func overlapsAny(cands []scored, picked []int, i int) bool {
	c := cands[i]
	for _, j := range picked {
		o := cands[j]
		if o.first.ArticleID == c.first.ArticleID && c.first.Seq <= o.last.Seq && o.first.Seq <= c.last.Seq {
			return true
		}
		if o.quote == c.quote || (o.first.ArticleID == c.first.ArticleID && similar(o.quote, c.quote)) {
			return true
		}
	}
	return false
}

// Trace is what the engine saw of one question: every candidate quote with
// its ranking features. Fitting and evaluating models reads it
// (internal/qa); answering never needs it.
type Trace struct {
	Question   string
	Candidates []TracedCandidate
	// AboutArticles is set when the question is about the articles
	// themselves (who wrote them, when, which outlets): Ask answers it
	// with About, or declines it when About is empty.
	AboutArticles bool
	About         []Answer
	// Terms is the full-text query the question was searched with.
	Terms []Weighted
	q     question
	cands []scored
}

// TracedCandidate is one candidate quote of a Trace.
type TracedCandidate struct {
	Quote string
	// Passage is the passage the full-text search found; Quote may take in
	// the sentence before it.
	Passage  string
	Source   Source
	Features []float64
}

// Trace analyses a question and describes its candidates, as Ask does
// before ranking them.
func (e *Engine) Trace(ctx context.Context, raw string) (*Trace, error) {
	text, err := cleanQuestion(raw)
	if err != nil {
		return nil, err
	}
	text = askedText(text)
	if text == "" {
		return nil, ErrEmptyQuestion
	}
	about, isAbout, err := e.askAboutArticles(ctx, text)
	if err != nil {
		return nil, err
	}
	var tr *Trace
	err = e.with(ctx, text, func(s Searcher, q *question, cands []scored) {
		tr = &Trace{Question: text, q: *q, cands: cands, AboutArticles: isAbout, About: about.Answers, Terms: queryTerms(s, *q)}
		for _, c := range cands {
			src, _ := s.Source(c.first.ArticleID)
			tr.Candidates = append(tr.Candidates, TracedCandidate{
				Quote: c.quote, Passage: c.last.Text, Source: src, Features: append([]float64(nil), c.f[:]...),
			})
		}
	})
	return tr, err
}

// Choose ranks a Trace's candidates with m, as Ask would: the indexes of
// the answers picked, best first, the confidence in the first, and the
// abstention features it was computed from.
func (m Model) Choose(t *Trace) (picked []int, confidence float64, features []float64, err error) {
	w, err := compile(m)
	if err != nil {
		return nil, 0, nil, err
	}
	ch := choose(&w, &t.q, t.cands)
	return ch.picked, ch.confidence, ch.abstain[:], nil
}
