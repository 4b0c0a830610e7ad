package index

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// Passage is one sentence of an article (or one photo caption), kept as a
// byte range of the article's body so that a quote is always cut from the
// original text, never rebuilt from tokens.
type Passage struct {
	ArticleID string
	// Seq numbers the article's passages in reading order.
	Seq int
	// Para numbers the paragraph the passage belongs to; only passages of
	// one paragraph are ever quoted together.
	Para       int
	Start, End int
	Caption    bool
}

// Text is the passage's exact text in body.
func (p Passage) Text(body string) string { return body[p.Start:p.End] }

var (
	tokenizerOnce sync.Once
	tokenizer     *sentences.DefaultSentenceTokenizer
)

// punkt is the Punkt sentence tokenizer trained on English, which knows
// abbreviations ("Mr.", "Aug.", "U.S.") and initials ("Vladimir V. Putin").
func punkt() *sentences.DefaultSentenceTokenizer {
	tokenizerOnce.Do(func() {
		t, err := english.NewSentenceTokenizer(nil)
		if err != nil {
			// The training data is compiled into the library; failing to
			// load it is a build defect, not an input error.
			panic("load English sentence model: " + err.Error())
		}
		tokenizer = t
	})
	return tokenizer
}

// Split cuts an article's body into passages: the sentences of its prose
// paragraphs and its photo captions. Page furniture (bylines, datelines,
// share buttons, tag lists, author bios, credits) yields no passage.
func Split(a Article) []Passage {
	var out []Passage
	paras := paragraphs(a.Body)
	kinds := make([]paraKind, len(paras))
	for i, p := range paras {
		kinds[i] = classify(a.Body[p.start:p.end], a)
		if i > 0 && kinds[i] == paraFurniture && listItem(a.Body[p.start:p.end]) {
			// The items of a list a sentence introduces are prose without
			// a full stop, and so is a short sentence that introduces
			// one ("Triumph Motorcycles may refer to:").
			switch prev := a.Body[paras[i-1].start:paras[i-1].end]; {
			case kinds[i-1] == paraProse && (introducesList(prev) || listItem(prev) && !endsSentence(prev)):
				kinds[i] = paraProse
			case kinds[i-1] == paraFurniture && strings.HasSuffix(prev, ":") && len(strings.Fields(prev)) >= 5:
				kinds[i-1], kinds[i] = paraProse, paraProse
			}
		}
	}
	for i, p := range paras {
		line := a.Body[p.start:p.end]
		kind := kinds[i]
		if kind == paraProse && i+1 < len(paras) && kinds[i+1] == paraCaption && len(sentenceSpans(line)) == 1 {
			// A lone sentence right above a credited caption is the
			// photo's alt text, not the article's prose.
			kind = paraCaption
		}
		switch kind {
		case paraProse:
			for _, s := range sentenceSpans(line) {
				out = append(out, Passage{ArticleID: a.ID, Para: i, Start: p.start + s.start, End: p.start + s.end})
			}
		case paraCaption:
			if s, ok := captionSpan(line); ok {
				out = append(out, Passage{ArticleID: a.ID, Para: i, Start: p.start + s.start, End: p.start + s.end, Caption: true})
			}
		}
	}
	if len(out) == 0 {
		// A text with no sentence at all (a list of names and dates, a
		// table pasted as lines) is still what the article says: its
		// lines that read as prose but for the full stop are kept.
		for i, p := range paras {
			if line := a.Body[p.start:p.end]; kinds[i] == paraFurniture && unpunctuatedProse(line, a) {
				for _, s := range sentenceSpans(line) {
					out = append(out, Passage{ArticleID: a.ID, Para: i, Start: p.start + s.start, End: p.start + s.end})
				}
			}
		}
	}
	for i := range out {
		out[i].Seq = i
	}
	return out
}

// unpunctuatedProse reports whether a line that classify calls furniture
// only for want of sentence punctuation reads as prose: not the title, a
// caption, a credit, a byline or a biography, and with words enough for a
// clause, some of them lower-case ("FRANK GEHRY -LRB- American , born in
// 1929 -RRB-"), unlike a button ("Read Entire Article") or a tag list.
func unpunctuatedProse(line string, a Article) bool {
	if line == a.Title || furnitureByShape(line, a) {
		return false
	}
	words := strings.Fields(line)
	if len(words) < 5 {
		return false
	}
	return lowerInitials(words) >= 2
}

// lowerInitials counts the words that start with a lower-case letter.
func lowerInitials(words []string) int {
	n := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			n++
		}
	}
	return n
}

type span struct{ start, end int }

// paragraphs returns the non-blank lines of body, trimmed of surrounding
// white space; in news text as pasted, each line is a paragraph.
func paragraphs(body string) []span {
	var out []span
	start := 0
	for start <= len(body) {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		if s, ok := trimSpan(body, span{start, end}); ok {
			out = append(out, s)
		}
		start = end + 1
	}
	return out
}

// trimSpan narrows s to exclude leading and trailing white space.
func trimSpan(text string, s span) (span, bool) {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.end -= n
	}
	return s, s.end > s.start
}

type paraKind int

const (
	paraFurniture paraKind = iota
	paraProse
	paraCaption
)

var (
	captionMarkerRE = regexp.MustCompile(`^(?i:photo caption|caption|photo|image)\s*:|Credit\.\.\.|\((?i:photo|image|picture)s?\s+(?i:by|courtesy|credit|:)`)
	creditLineRE    = regexp.MustCompile(`^\(?(?i:reporting by|additional reporting|editing by|writing by|compiled by)\b`)
	captionLabelRE  = regexp.MustCompile(`^(?i:photo caption|caption|photo|image)\s*:\s*`)
	photoCreditRE   = regexp.MustCompile(`\((?i:photo|image|picture)s?\s+(?i:by|courtesy|credit|:)`)
	authorSepRE     = regexp.MustCompile(`,\s*|\s+and\s+`)
	bulletRE        = regexp.MustCompile(`^(?:[-•*–]|\d{1,2}[.)])\s`)
)

// furnitureByShape reports whether a line is a credit, a byline or the
// author's biography: furniture whatever its punctuation.
func furnitureByShape(line string, a Article) bool {
	return creditLineRE.MatchString(line) || bylineRE.MatchString(line) || isBio(line, a.Author)
}

// classify decides whether a paragraph is article prose, a photo caption or
// page furniture.
func classify(line string, a Article) paraKind {
	switch {
	case captionMarkerRE.MatchString(line):
		return paraCaption
	case furnitureByShape(line, a):
		return paraFurniture
	case !endsSentence(line) && !introducesList(line) && !severalSentences(line):
		// Headlines, datelines, tag lists, buttons and names end without
		// sentence punctuation. A paragraph of several sentences is prose
		// whatever follows its last full stop (an encyclopedia's page
		// reference, "… divided by the mass of the system.:19-1").
		return paraFurniture
	case len(strings.Fields(line)) < 4:
		return paraFurniture
	}
	return paraProse
}

// severalSentences reports whether line is prose of two sentences or
// more, the first ending as a sentence does, with words enough that it is
// no dateline ("Aug. 22, 2025, 7:12 a.m. ET") or list of names.
func severalSentences(line string) bool {
	if len(strings.Fields(line)) < 15 {
		return false
	}
	spans := sentenceSpans(line)
	return len(spans) >= 2 && endsSentence(line[spans[0].start:spans[0].end])
}

// endsSentence reports whether line ends as a sentence does: with . ! ? or
// …, perhaps inside closing quotes and brackets, spaced or not ("Wall
// Street. ”" in tokenised newswire).
func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, "”\"’')] "))
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// introducesList reports whether line is prose that ends with a colon
// ("we define the following complexities:"), unlike a label ("Read
// more:") it is long enough to be a sentence.
func introducesList(line string) bool {
	return strings.HasSuffix(line, ":") && len(strings.Fields(line)) >= 6
}

// listItem reports whether line could be an item of a list: marked as one
// ("- higher tariffs on steel") or a name and what it is ("Triumph
// Engineering Co Ltd, a defunct British motorcycle manufacturer"), with
// words enough for a clause, some of them lower-case. A tag list, a
// button ("Like us on Facebook") or another story's headline is none.
func listItem(line string) bool {
	words := strings.Fields(line)
	if len(words) < 4 || !strings.Contains(line, ",") && !bulletRE.MatchString(line) {
		return false
	}
	return lowerInitials(words) >= 2
}

// isBio reports whether line is the author's biography ("Jane Doe is the
// lead reporter for …"), which closes many articles.
func isBio(line, author string) bool {
	if author == "" {
		return false
	}
	for _, name := range authorSepRE.Split(author, -1) {
		name = strings.TrimSpace(name)
		if name == "" || !strings.HasPrefix(line, name+" ") {
			continue
		}
		rest := strings.Fields(line[len(name):])
		if len(rest) > 0 {
			switch rest[0] {
			case "is", "was", "has", "covers", "reports", "writes", "joined":
				return true
			}
		}
	}
	return false
}

// captionSpan keeps a caption's description and drops its label and credit
// ("PHOTO CAPTION:", "Credit...Agency", "(Photo by …)", "KCNA via REUTERS").
func captionSpan(line string) (span, bool) {
	s := span{0, len(line)}
	if loc := captionLabelRE.FindStringIndex(line); loc != nil {
		s.start = loc[1]
	}
	if i := strings.Index(line, "Credit..."); i >= 0 {
		s.end = i
	}
	if loc := photoCreditRE.FindStringIndex(line[:s.end]); loc != nil {
		s.end = loc[0]
	}
	// A trailing credit fragment after the last full stop ("KCNA via
	// REUTERS") has no sentence punctuation of its own.
	text := line[s.start:s.end]
	if tail := strings.LastIndexAny(text, ".!?"); tail >= 0 && tail+1 < len(text) {
		rest := strings.TrimSpace(text[tail+1:])
		if rest != "" && !endsSentence(rest) && len(strings.Fields(rest)) <= 6 {
			s.end = s.start + tail + 1
			if tail+1 < len(text) && strings.ContainsAny(text[tail+1:tail+2], "”\"’')") {
				s.end++
			}
		}
	}
	s, ok := trimSpan(line, s)
	if !ok || len(strings.Fields(line[s.start:s.end])) < 3 {
		return span{}, false
	}
	return s, true
}

// sentenceSpans splits one prose paragraph into sentences.
func sentenceSpans(para string) []span {
	var out []span
	for _, sent := range punkt().Tokenize(para) {
		s, ok := trimSpan(para, span{sent.Start, sent.End})
		if !ok {
			continue
		}
		// Punkt splits after an ellipsis inside a quotation ("forces...
		// proved"); a sentence cannot start in lower case, so rejoin it.
		if len(out) > 0 {
			r, _ := utf8.DecodeRuneInString(para[s.start:])
			if unicode.IsLower(r) || len(strings.Fields(para[s.start:s.end])) < 2 {
				out[len(out)-1].end = s.end
				continue
			}
		}
		out = append(out, s)
	}
	return out
}
