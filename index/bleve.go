package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field names in the Bleve documents. "text" is the passage analysed for
// English (stemmed, stop words removed) and scored with BM25; "words" holds
// the same text only lower-cased, so that a misspelt question word can be
// matched against the words as written. Neither is stored: a hit's ID is
// its place in the passage table, which holds the text (see table.go).
const (
	fieldText  = "text"
	fieldWords = "words"
	docType    = "passage"
)

// newMapping is the explicit index mapping. BM25 is chosen over Bleve's
// default TF-IDF because passages vary in length from five words to sixty:
// BM25's length normalisation stops long sentences winning merely by
// containing more words (see the index tests, which check it is in effect).
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, fieldMapping(en.AnalyzerName))
	doc.AddFieldMappingsAt(fieldWords, fieldMapping(simple.Name))

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
	Text  string `json:"text"`
	Words string `json:"words"`
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

// docFreq counts the passages whose analysed text holds term.
func docFreq(idx bleve.Index, term string) int {
	q := bleve.NewTermQuery(term)
	q.SetField(fieldText)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		return 0
	}
	return int(res.Total)
}

// similarWords lists the indexed words (as written, lower-cased) within
// maxEdits edits of word, so a misspelt question word can be corrected to
// a word the articles use.
func similarWords(idx bleve.Index, word string, maxEdits int) []string {
	adv, err := idx.Advanced()
	if err != nil {
		return nil
	}
	r, err := adv.Reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	// The first letter is kept: misspellings rarely change it, and it makes
	// the lookup far cheaper on a large vocabulary.
	prefix := ""
	if len(word) > 0 {
		prefix = word[:1]
	}
	fuzzy, ok := r.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	dict, err := fuzzy.FieldDictFuzzy(fieldWords, strings.ToLower(word), maxEdits, prefix)
	if err != nil {
		return nil
	}
	defer dict.Close()
	var out []string
	for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
		out = append(out, e.Term)
		if len(out) >= 20 {
			break
		}
	}
	return out
}
