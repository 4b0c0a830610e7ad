package index

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
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
func searchTerms(ctx context.Context, idx bleve.Index, terms []WeightedTerm, limit int) ([]scored, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	clauses := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		q := bleve.NewTermQuery(t.Term)
		q.SetField(fieldText)
		q.SetBoost(t.Weight)
		clauses = append(clauses, q)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(clauses...), limit, 0, false)
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
	return out, nil
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
