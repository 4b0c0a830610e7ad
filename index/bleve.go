package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field names in the Bleve documents. "text" is the passage analysed for
// English (stemmed, stop words removed) and scored with BM25. It is not
// stored: a hit's ID is its place in the passage table, which holds the
// text (see table.go).
const (
	fieldText = "text"
	docType   = "passage"
)

// newMapping is the explicit index mapping. BM25 is chosen over Bleve's
// default TF-IDF because passages vary in length from five words to sixty:
// BM25's length normalisation stops long sentences winning merely by
// containing more words (see the index tests, which check it is in effect).
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, fieldMapping(en.AnalyzerName))

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.DefaultType = docType
	m.ScoringModel = bindex.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// fieldMapping maps a text field analysed by analyzer. No field is stored
// or needs term vectors, doc values or _all.
func fieldMapping(analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}

// passageDoc is what one passage looks like to Bleve.
type passageDoc struct {
	Text string `json:"text"`
}

// Token is one analysed term and where it came from in the analysed text.
type Token struct {
	Term       string
	Start, End int
}

// WeightedTerm is an analysed term with the weight a query gives it.
type WeightedTerm struct {
	Term   string
	Weight float64
}

// Hit is a passage found by a search, with its text and BM25 score.
type Hit struct {
	Passage
	Text string
	// Gap is the text between the previous passage of the same paragraph
	// and this one (usually one space), so that two neighbouring passages
	// can be quoted together exactly as written.
	Gap   string
	Score float64
}

// analyze runs analyzer over text.
func analyze(a analysis.Analyzer, text string) []Token {
	if a == nil {
		return nil
	}
	stream := a.Analyze([]byte(text))
	out := make([]Token, 0, len(stream))
	for _, t := range stream {
		out = append(out, Token{Term: string(t.Term), Start: t.Start, End: t.End})
	}
	return out
}

// searchTerms finds passages holding any of terms, best BM25 score first,
// and returns their places in the passage table.
func searchTerms(ctx context.Context, idx bleve.Index, stats *search.BM25Stats, terms []WeightedTerm, limit int) ([]scored, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	// Bleve's BM25 takes the mean passage length from the sum of its
	// segments' term dictionaries, so it changes with how the segments
	// happen to be laid out: two builds of one corpus would score, and
	// rank, passages differently. Fixed statistics keep scores the same.
	ctx = context.WithValue(ctx, search.BM25StatsKey, stats)
	clauses := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		q := bleve.NewTermQuery(t.Term)
		q.SetField(fieldText)
		q.SetBoost(t.Weight)
		clauses = append(clauses, q)
	}
	// Bleve sums a passage's clause scores in an order that depends on its
	// segment, so passages with the same text score equal only to within
	// rounding, and which of them make the cut would depend on how the
	// indexing goroutines ran. A group of (near) equal scores at the cut is
	// therefore returned whole (as far as maxWiden times the limit reaches),
	// in passage order. One wide search costs little more than a narrow
	// one: the time goes into walking the postings, whatever the size.
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(clauses...), limit*maxWiden, 0, false)
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]scored, 0, len(res.Hits))
	for _, h := range res.Hits {
		n, err := strconv.Atoi(h.ID)
		if err != nil {
			return nil, fmt.Errorf("search: passage ID %q: %w", h.ID, err)
		}
		out = append(out, scored{n: n, score: h.Score})
	}
	return keepGroup(out, limit), nil
}

// keepGroup cuts hits, best first, after the limit and the group of scores
// equal to the last one kept, and sorts them by score, then passage number.
func keepGroup(hits []scored, limit int) []scored {
	if len(hits) > limit {
		cut := limit
		for cut < len(hits) && sameScore(hits[cut].score, hits[limit-1].score) {
			cut++
		}
		hits = hits[:cut]
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if !sameScore(hits[i].score, hits[j].score) {
			return hits[i].score > hits[j].score
		}
		return hits[i].n < hits[j].n
	})
	return hits
}

// maxWiden bounds how far past the limit a search looks to return a group
// of equal scores whole.
const maxWiden = 8

// sameScore reports whether two scores differ only by rounding.
func sameScore(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// bm25Stats are the statistics every search of a generation scores with:
// its passage count and a mean length in terms taken from the passages'
// mean length in bytes (about ten bytes a term once stop words are
// dropped), so that they depend on the corpus alone.
func bm25Stats(passages int, avgBytes float64) *search.BM25Stats {
	avgTerms := max(1, int(math.Round(avgBytes/10)))
	return &search.BM25Stats{
		DocCount:         float64(passages),
		FieldCardinality: map[string]int{fieldText: passages * avgTerms},
	}
}

// scored is a search hit: a passage's place in the table and its score.
type scored struct {
	n     int
	score float64
}

// docFreq counts the passages whose analysed text holds term, from the
// term dictionary rather than by searching.
func docFreq(idx bleve.Index, term string) int {
	adv, err := idx.Advanced()
	if err != nil {
		return 0
	}
	r, err := adv.Reader()
	if err != nil {
		return 0
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), fieldText, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return int(tfr.Count())
}

// reader opens a reader of idx's current state, which the caller closes.
func reader(idx bleve.Index) (bindex.IndexReader, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}
