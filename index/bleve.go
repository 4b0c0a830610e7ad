package index

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field names in the Bleve documents. "text" is the passage analysed for
// English (stemmed, stop words removed) and scored with BM25; "words" holds
// the same text only lower-cased, so that a misspelt question word can be
// matched against the words as written.
const (
	fieldText    = "text"
	fieldWords   = "words"
	fieldArticle = "article"
	fieldPos     = "pos"
	fieldGap     = "gap"
	docType      = "passage"
)

// newMapping is the explicit index mapping. BM25 is chosen over Bleve's
// default TF-IDF because passages vary in length from five words to sixty:
// BM25's length normalisation stops long sentences winning merely by
// containing more words (see the index tests, which check it is in effect).
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, fieldMapping(en.AnalyzerName, true))
	doc.AddFieldMappingsAt(fieldWords, fieldMapping(simple.Name, false))
	doc.AddFieldMappingsAt(fieldArticle, fieldMapping(keyword.Name, true))
	doc.AddFieldMappingsAt(fieldPos, fieldMapping("", true))
	doc.AddFieldMappingsAt(fieldGap, fieldMapping("", true))

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

// fieldMapping maps a text field analysed by analyzer (none: stored
// only, not indexed). No field needs term vectors, doc values or _all.
func fieldMapping(analyzer string, store bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Index = analyzer != ""
	f.Store = store
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}

// passageDoc is what one passage looks like to Bleve.
type passageDoc struct {
	Text    string `json:"text"`
	Words   string `json:"words"`
	Article string `json:"article"`
	Pos     string `json:"pos"`
	Gap     string `json:"gap,omitempty"`
}

func docID(articleID string, seq int) string { return articleID + "#" + strconv.Itoa(seq) }

// encodePos packs a passage's place in its article into one stored field.
func encodePos(p Passage) string {
	caption := 0
	if p.Caption {
		caption = 1
	}
	return fmt.Sprintf("%d,%d,%d,%d,%d", p.Seq, p.Para, p.Start, p.End, caption)
}

func decodePos(s string, p *Passage) error {
	var caption int
	if _, err := fmt.Sscanf(s, "%d,%d,%d,%d,%d", &p.Seq, &p.Para, &p.Start, &p.End, &caption); err != nil {
		return fmt.Errorf("stored position %q: %w", s, err)
	}
	p.Caption = caption == 1
	return nil
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

var storedFields = []string{fieldText, fieldArticle, fieldPos, fieldGap}

// searchTerms finds passages holding any of terms, best BM25 score first.
func searchTerms(ctx context.Context, idx bleve.Index, terms []WeightedTerm, limit int) ([]Hit, error) {
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
	req.Fields = storedFields
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hit, err := hitFromFields(h.Fields)
		if err != nil {
			return nil, fmt.Errorf("passage %s: %w", h.ID, err)
		}
		hit.Score = h.Score
		hits = append(hits, hit)
	}
	return hits, nil
}

func hitFromFields(fields map[string]interface{}) (Hit, error) {
	text, _ := fields[fieldText].(string)
	article, _ := fields[fieldArticle].(string)
	pos, _ := fields[fieldPos].(string)
	gap, _ := fields[fieldGap].(string)
	if article == "" || pos == "" {
		return Hit{}, errors.New("stored fields missing")
	}
	h := Hit{Text: text, Gap: gap}
	h.ArticleID = article
	if err := decodePos(pos, &h.Passage); err != nil {
		return Hit{}, err
	}
	return h, nil
}

// passageByID loads one stored passage.
func passageByID(idx bleve.Index, articleID string, seq int) (Hit, bool) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{docID(articleID, seq)}), 1, 0, false)
	req.Fields = storedFields
	res, err := idx.Search(req)
	if err != nil || len(res.Hits) == 0 {
		return Hit{}, false
	}
	h, err := hitFromFields(res.Hits[0].Fields)
	return h, err == nil
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
