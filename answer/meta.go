package answer

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ArticleMeta is what the index knows of one article for questions about
// the articles themselves: its source, and its own lines that give its
// title, its authors, its date and who else reported and edited it, cut
// verbatim from its text (empty when the text has none).
type ArticleMeta struct {
	ID                                  string
	Source                              Source
	Headline, Byline, Dateline, Credits string
}

// metaKind is what a question about the articles themselves asks.
type metaKind int

const (
	metaNone    metaKind = iota
	metaAuthor           // who wrote an article
	metaDate             // when it was published
	metaOutlets          // which outlets the articles come from
	metaEditor           // who edited an article, or helped report it
	metaLink             // where to read it: its link (its headline quoted, the link cited)
	metaFiled            // where an article was filed from (its dateline's city)
)

// metaEditedRE names an article, as edited: not a report, which in the
// news is as often a government's or an agency's.
const metaEditedRE = `(?:articles?|story|stories|pieces?|coverage)\b`

// metaDeterminer opens a noun phrase that names the articles ("the nyt
// piece", "this story"): "who wrote west side story" names a story, not
// one of the articles.
const metaDeterminer = `(?:the|this|these|that|those|your|its|their|each|every|both|all(?: the)?|an?|[\w.-]+'s?) `

var (
	metaAuthorRE = regexp.MustCompile(`\b(?:who|which (?:reporters?|journalists?|writers?|authors?|correspondents?))\b (?:\w+ ){0,2}(?:wrote|writes|written|authored|penned|bylined)\b (?:about |on )?(?:(?:this|these|that|those|it|them)\b|` + metaDeterminer + `(?:[\w'.-]+ ){0,4}(?:articles?|story|stories|pieces?|reports?|coverage)\b)` +
		// "who reported that 600 died" asks about the story: reporting
		// counts only with the articles named as such.
		`|\b(?:who|which (?:reporters?|journalists?|writers?|correspondents?))\b (?:\w+ ){0,2}(?:reported|covered)\b (?:on |about )?(?:this|these|that|those|the) (?:[\w'.-]+ ){0,3}(?:articles?|story|stories|pieces?|coverage)\b` +
		// "who reported this": the story itself, when nothing follows
		// ("who first reported it" may ask who said something first).
		`|^(?:so |and |ok |okay )?(?:who|which (?:reporters?|journalists?|writers?|correspondents?))\b (?:\w+ ){0,2}(?:reported|covered|published|broke)\b this\W*$` +
		// "who is the reporter (of the piece)?", not "who was the
		// journalist killed": the writer is what is asked, not a subject.
		`|\bwho (?:is|are|was|were) the (?:authors?|reporters?|writers?|journalists?|correspondents?)(?:\W*$|\s+(?:that|who) wrote\b|\s+(?:of|for|behind) (?:this|these|that|those|it|them)\W*$|\s+(?:of|for|behind|at|on|in|from) ` + metaDeterminer + `(?:[\w'.-]+ ){0,3}(?:articles?|story|stories|pieces?|reports?|coverage)\b)` +
		`|\b(?:authors?|bylines?|reporters?|writers?|journalists?|correspondents?)\b.{0,30}\b(?:of|for|behind)\s+(?:the|these|this|that|those)\s+(?:[\w'.-]+\s+){0,3}(?:articles?|story|stories|pieces?|coverage)\b`)
	metaDateRE = regexp.MustCompile(`\b(?:when|what (?:date|day|time)|which (?:date|day))\b (?:was|were|did|is|are|does|do)\b.{0,60}\b(?:published|written|posted|released|come out|came out|dated|printed|put out|run)\b` +
		`|\b(?:publication|publishing|published|release) (?:date|day|time)\b` +
		`|\bwhat (?:date|day)\b.{0,40}\b(?:articles?|story|stories|pieces?|published|written)\b` +
		// "which article is the newest": the dates tell.
		`|\bwhich (?:(?:articles?|story|stories|pieces?|one) )?(?:is|was|are|were|came out|got published) (?:the )?(?:newest|oldest|latest|earliest|most recent|least recent|most up to date)(?: (?:articles?|story|stories|pieces?|one))?(?: of (?:them|all|these|those|the \w+))?\W*$` +
		// "how old are the articles", "are these stories recent".
		`|^(?:so |and |ok |okay )?how (?:old|recent|new|up to date) (?:is|are) ` + metaDeterminer + `(?:[\w'.-]+ ){0,3}(?:articles?|story|stories|pieces?|reports?|news|sources?)\W*$` +
		`|^(?:so |and |ok |okay )?(?:is|are) ` + metaDeterminer + `(?:[\w'.-]+ ){0,3}(?:articles?|story|stories|pieces?|reports?|sources?) (?:old|recent|new|up to date|current)\W*$` +
		`|\bwhich (?:articles?|story|stories|pieces?|one) (?:came out|was published|got published) (?:first|last|earliest|latest)\W*$` +
		`|^(?:what|which) (?:is|was) the (?:newest|oldest|latest|earliest|most recent) (?:articles?|story|stories|pieces?)\W*$`)
	// metaArticleRE names the articles themselves; a date question must,
	// or "when were the prisoners released?" would be one.
	metaArticleRE = regexp.MustCompile(`\b(?:articles?|story|stories|pieces?|reports?|coverage|this|these|it|they|them)\b`)
	metaOutletsRE = regexp.MustCompile(`\b(?:which|what)(?:'s| is| are| were)?(?: the| your)?(?: news)? (?:outlets?|sources?|newspapers?|publications?|papers|media outlets?|sites|websites|organi[sz]ations)\b` +
		`|\bhow many (?:news )?(?:articles|sources|outlets|stories|newspapers|papers|publications)\b` +
		`|^(?:list|show|name|tell me|give me)(?: me)?(?: the| your| all)*(?: the)? (?:sources|outlets|articles)\b` +
		`|\bwhere (?:do|does|did) (?:the|these|your) (?:articles?|stories|story|news|info|information) come from\b`)
	// Questions that are about the articles only when they name one, by
	// its outlet or an author (see metaNamed).
	metaForOutletRE = regexp.MustCompile(`\b(?:who|which (?:reporters?|journalists?|writers?|correspondents?))\b (?:[\w']+ ){0,3}(?:wrote|writes|written|reported|reports|covered|covers|works|worked|writing|reporting)\b.{0,30}\b(?:for|at)\b`)
	metaWhoIsRE     = regexp.MustCompile(`^(?:so |and |ok,? )?(?:who's|who is|who was)\b|\b(?:what|which) (?:outlets?|publications?|newspapers?|papers?|sites?|organi[sz]ations?|media)\b.{0,40}\b(?:write|writes|wrote|work|works|report|reports)\b|\bwho (?:does|did) .{0,40}\b(?:write|work|report) for\b`)
	metaHeadlineRE  = regexp.MustCompile(`\b(?:headlines?|titles?)\b`)
	// metaGistRE asks, as a whole question, what the news is ("what
	// happened", "what is this story about", "tl;dr", "summarize"): the
	// articles' headlines say it, one line each, as their outlets wrote
	// them.
	metaGistRE = regexp.MustCompile(`^(?:so |ok |okay |and )?(?:` +
		`what (?:happened|is going on|is happening|has happened)(?: here| in (?:this|the) (?:story|news))?` +
		`|what (?:is|are|was|were) (?:this|these|the|those|your) (?:story|stories|news|articles?|pieces?|reports?|things?) (?:all )?about` +
		`|what is (?:this|it) (?:all )?about` +
		`|what is the (?:story|news|gist|summary|upshot|headline news)` +
		`|(?:give me |gimme |tell me |can you give me |i want )?(?:a |an |the )?(?:short |quick |brief )?(?:summary|gist|overview|recap|rundown|tl;? ?dr|main points|key points|highlights)(?: of (?:this|the|these|it|them)(?: (?:story|stories|news|articles?))?)?` +
		`|(?:can you |please )?(?:summari[sz]e|sum up|recap)(?: (?:this|the|these|it|them)(?: (?:story|stories|news|articles?))?)?(?: for me)?` +
		`|(?:catch|fill) me (?:up|in)|brief me` +
		// Of an article it names: "what is the reuters article about",
		// "what does the newest story say", "summarize the abc piece".
		// Not a report, which in the news is as often state media's.
		`|what (?:is|was) (?:the|this|that) (?:[\w'.-]+ ){0,3}(?:article|story|piece) (?:all )?about` +
		`|what does (?:the|this|that) (?:[\w'.-]+ ){0,3}(?:article|story|piece) say` +
		`|(?:summari[sz]e|sum up) (?:the|this|that) (?:[\w'.-]+ ){0,3}(?:article|story|piece)` +
		`)(?: please)?\W*$`)
	// metaWriterBehindRE asks who wrote a piece the question names ("the
	// journalist behind the … report"), not about a journalist in the news.
	metaWriterBehindRE = regexp.MustCompile(`\b(?:authors?|reporters?|writers?|journalists?|correspondents?|bylines?)\s+(?:behind|of|for|at|from)\b.{0,40}\b(?:reports?|articles?|story|stories|pieces?|coverage)\b`)
	// metaArticleNounRE names the articles by a noun, not a pronoun: "the
	// title they received" is not an article's.
	metaArticleNounRE = regexp.MustCompile(`\b(?:articles?|story|stories|pieces?)\b`)
	// metaPublishedRE asks when something the question names was
	// published, the verb closing the question: asked of an article named
	// by its outlet or author, not "when did the nyt publish the footage".
	// metaPublishRE asks when something was published with the verb's
	// plain form, its object the article itself ("what day did the kyiv
	// independent publish this"), not what it showed ("when did they
	// publish the names").
	metaPublishRE   = regexp.MustCompile(`\b(?:when|what (?:date|day|time)|which (?:date|day))\b (?:was|were|did|is|are|does|do)\b.{0,60}\b(?:publish|print)(?:\W*$| (?:this|it|that|these|them)\W*$| (?:the|this|that|its|their) (?:[\w'.-]+ ){0,2}(?:articles?|story|stories|pieces?|reports?)\b)`)
	metaPublishedRE = regexp.MustCompile(`\b(?:when|what (?:date|day|time)|which (?:date|day))\b (?:was|were|did|is|are|does|do) (?:[\w'.-]+ ){0,5}(?:publish|published|posted|printed|come out|came out)\W*$`)
	// metaFirstOutletRE asks which outlet published first or last: the
	// articles' dates tell ("which outlet published first", "which paper
	// broke the story first").
	metaFirstOutletRE = regexp.MustCompile(`\bwhich (?:outlets?|newspapers?|papers?|publications?|news (?:outlets?|organi[sz]ations?|sites?)|sites?|sources?) (?:published|reported|came out|posted|wrote|broke)(?: (?:it|this|the (?:story|news)|about (?:it|this)))? (?:first|last|earliest|latest)\W*$`)
	// metaCalledRE asks what an article is called: "what did the nyt call
	// its article", "what is the piece titled".
	metaCalledRE = regexp.MustCompile(`\b(?:call|called|title|titled|name|named|headline|headlined) (?:its|their) (?:articles?|story|stories|pieces?|reports?)\b` +
		`|\b(?:articles?|pieces?)\b (?:[\w']+ ){0,2}(?:called|titled|headlined)\b`)
	// metaEditorRE asks who edited an article the question names as such
	// ("who edited the reuters story", "who was the story edited by"; not
	// "who edited the footage", nor a report, which here is state
	// media's), or who else reported it.
	metaEditorRE = regexp.MustCompile(`\bwho (?:\w+ ){0,2}(?:edited|edits|copy-?edited)\b (?:(?:this|these|that|those|it|them)\b|` + metaDeterminer + `(?:[\w'.-]+ ){0,4}` + metaEditedRE + `)` +
		`|\bwho (?:was|were|is|are) ` + metaDeterminer + `(?:[\w'.-]+ ){0,4}` + metaEditedRE + ` (?:edited|copy-?edited) by\b` +
		`|\b(?:who|which (?:reporters?|journalists?|editors?|people)) (?:else )?(?:contributed|helped|worked) (?:to|on|with) (?:(?:this|these|that|those|it|them)\b|` + metaDeterminer + `(?:[\w'.-]+ ){0,4}` + metaEditedRE + `|(?:the )?(?:reporting|writing)\b)` +
		`|^(?:who (?:did|provided|gave|contributed|added) )?(?:the )?(?:additional|extra|contributing) reporting\b`)
	// metaEditorReportRE asks who edited a report the question names by
	// its outlet ("who edited the reuters report"), where a report alone
	// may be state media's.
	metaEditorReportRE = regexp.MustCompile(`\bwho (?:\w+ ){0,2}(?:edited|edits|copy-?edited)\b ` + metaDeterminer + `(?:[\w'.-]+ ){0,4}reports?\b` +
		`|\bwho (?:was|were|is|are) ` + metaDeterminer + `(?:[\w'.-]+ ){0,4}reports? (?:edited|copy-?edited) by\b` +
		`|\b(?:who|which (?:reporters?|journalists?|editors?|people)) (?:else )?(?:contributed|helped|worked) (?:to|on|with) ` + metaDeterminer + `(?:[\w'.-]+ ){0,4}reports?\b`)
	// metaFiledRE asks where an article was filed from, the verb closing
	// the question: "what city was the reuters story filed from", not
	// "where was the ceremony held".
	metaFiledRE = regexp.MustCompile(`\b(?:where|(?:what|which) (?:city|place|town|country))\b (?:was|were|is|are|did|does)\b .{0,50}\b(?:filed|written|write|datelined|reported|report)(?: (?:from|in))?\W*$` +
		`|\bdateline (?:city|place)\b`)
	// leadDatelineRE finds a wire story's dateline opening its first
	// sentence: "SEOUL - ", "SEOUL, South Korea (Reuters) — ".
	leadDatelineRE = regexp.MustCompile(`^\p{Lu}[\p{Lu} .'’]+(?:, [\p{L} .'’]+)?(?: \([\p{L} ]+\))? ?[-—–]{1,2} \S`)
	metaCoveredRE  = regexp.MustCompile(`^ (?:have |has |had )?(?:reported on|reported about|report on|report about|covered|cover|wrote about|write about|written about)\b`)
)

// metaMaybeNamed reports whether a question may be about an article it
// names, so that metaNamed is worth asking. Like metaNamed and
// metaQuestion, it reads the question as metaNormal gives it.
func metaMaybeNamed(lower string) bool {
	if match(metaForOutletRE, lower) || match(metaEditorReportRE, lower) || match(metaFiledRE, lower) || match(metaWhoIsRE, lower) || match(metaHeadlineRE, lower) || match(metaOutletsRE, lower) || match(metaPublishedRE, lower) || match(metaPublishRE, lower) || match(metaOutletSaysRE, lower) {
		return true
	}
	for _, w := range splitWords(lower) {
		if metaNouns[w] != metaNone || metaByVerbs[w] {
			return true
		}
	}
	return false
}

// metaNamed tells what a question asks about the articles when it names
// one of them: who wrote for an outlet ("which reporter wrote for the
// kyiv independent"), who an author is or writes for ("who is olena
// goncharova"), an article's headline. A question that names none is not
// about the articles ("who is kim jong un", "what title did kim give").
func metaNamed(lower string, outlets, authors []string) metaKind {
	outlet, author := namesAny(lower, outlets, authors)
	switch {
	case (outlet || author) && (match(metaPublishedRE, lower) || match(metaPublishRE, lower)):
		// "what time did the nyt publish": the outlet names the article.
		return metaDate
	case author && match(metaOutletsRE, lower):
		// "which outlet is the choe sang-hun article from": the byline
		// is cited with its outlet.
		return metaAuthor
	case match(metaHeadlineRE, lower) && (outlet || author || match(metaArticleNounRE, lower)) && !metaRelativeHeadline(lower):
		return metaOutlets
	case match(metaForOutletRE, lower) && outlet:
		return metaAuthor
	case match(metaEditorReportRE, lower) && outlet:
		return metaEditor
	case match(metaFiledRE, lower) && (outlet || author):
		return metaFiled
	case match(metaWhoIsRE, lower) && author:
		return metaAuthor
	case match(metaWhoIsRE, lower) && outlet && match(metaWriterBehindRE, lower):
		// "who's the journalist behind the kyiv independent report"
		return metaAuthor
	case outlet && outletSaysAll(lower, outlets):
		// "what did the associated press report": its article, as its
		// headline gives it (as "what does the ap article say").
		return metaOutlets
	}
	return metaTerse(lower, namedWords(lower, outlets, authors))
}

// metaReadRE asks where to read an article: its link.
var metaReadRE = regexp.MustCompile(`\bwhere (?:can|do|could|should|would) (?:i|we|you|one) (?:read|find|see|get) (?:the |this |these |that )?(?:full |whole |original |complete |entire )?(?:articles?|story|stories|pieces?|reports?|sources?)\b`)

// metaOutletSaysRE asks what someone said or reported, nothing more
// ("what did the associated press report", "what does reuters say about
// it"); outletSaysAll checks that the someone is an outlet.
var metaOutletSaysRE = regexp.MustCompile(`^(?:so |and |ok |okay )?what (?:did|does|do|has|have) (.+?) (?:say|said|report|reported|write|wrote|cover|covered|publish|published)(?: about (?:this|it|that|the story|the news))?\W*$` +
	// "is there an article from reuters", "did the nyt cover this".
	`|^(?:is there|are there|do you have|have you got|got) (?:an?|any) (?:articles?|stor(?:y|ies)|pieces?|reports?|coverage) (?:from|by) (.+?)\W*$` +
	`|^(?:did|does|has|have) (.+?) (?:report|reported|write|wrote|cover|covered|publish|published) (?:about |on )?(?:this|it|that|the story|the news|the ceremony)\W*$`)

// outletSaysAll reports whether a question asks only what one or more of
// the outlets said: every word of the one it asks about is a word of a
// named outlet's name or a determiner.
func outletSaysAll(lower string, outlets []string) bool {
	m := metaOutletSaysRE.FindStringSubmatch(lower)
	if m == nil {
		return false
	}
	names := namedWords(lower, outlets, nil)
	for _, w := range splitWords(m[1] + m[2] + m[3]) {
		if !names[w] && !determiners[w] && w != "and" {
			return false
		}
	}
	return true
}

// metaAboutRE names articles by what they report: "the story *about the
// chrysanthemums*", "the article on the museum".
var metaAboutRE = regexp.MustCompile(`\b(?:articles?|story|stories|pieces?|reports?|coverage) (?:about|on|regarding|covering|mentioning|that mentions|that mentioned|which mentions) (.+)$`)

// aboutLimit bounds the passages read for each word of what a question
// names articles by: a word in more passages than that is in too many
// articles to tell them apart.
const aboutLimit = 2000

// articlesAbout lists, by position in articlesOf(s), the articles a
// question names by what they report ("who wrote the story about the
// chrysanthemums"): those holding every word of it. It is nil when the
// question names none so, when every article (or none) holds the words,
// or when a word is too common to tell. Words no article holds are left
// out: "when was the article about zelensky published".
func articlesAbout(ctx context.Context, s Searcher, lower string) ([]int, error) {
	m := metaAboutRE.FindStringSubmatch(lower)
	if m == nil {
		return nil, nil
	}
	t := articlesOf(s)
	var held map[int]bool // articles holding every word so far
	for _, w := range splitWords(m[1]) {
		if determiners[w] {
			continue
		}
		toks := s.Analyze(w)
		if len(toks) == 0 {
			continue // a stop word
		}
		n := s.DocFreq(toks[0].Term)
		switch {
		case n == 0:
			continue // not what the articles report: "…zelensky *published*"
		case n > aboutLimit:
			return nil, nil
		}
		hits, err := s.Search(ctx, []Weighted{{Term: toks[0].Term, Weight: 1}}, n)
		if err != nil {
			return nil, err
		}
		has := map[int]bool{}
		for _, h := range hits {
			if i, ok := t.position(h.ArticleID); ok {
				has[i] = true
			}
		}
		if held == nil {
			held = has
			continue
		}
		for i := range held {
			if !has[i] {
				delete(held, i)
			}
		}
	}
	if len(held) == 0 || len(held) == len(t.arts) {
		return nil, nil
	}
	out := slices.Sorted(maps.Keys(held))
	return out, nil
}

// credited lists the articles whose credit line names the person a "who
// is" question asks about in full ("who is heejin kim": "additional
// reporting by Heejin Kim"), by position in articlesOf(s), in order. The
// names are read from the credit lines once per index generation.
func credited(s Searcher, lower string) []int {
	if !match(metaWhoIsRE, lower) {
		return nil
	}
	return creditedIn(s, lower)
}

// creditedIn lists the articles whose credit line names in full someone
// lower (lower-cased text) names, by position in articlesOf(s), in order.
func creditedIn(s Searcher, lower string) []int {
	byName := creditsOf(s)
	if len(byName) == 0 {
		return nil
	}
	q := padded(lower)
	var at []int
	for name, arts := range byName {
		if strings.Contains(q, " "+name+" ") {
			at = append(at, arts...)
		}
	}
	slices.Sort(at)
	return slices.Compact(at)
}

// creditsOf is, for each person the generation's credit lines name (see
// creditNames), the positions in articlesOf(s) of the articles that name
// them; made once.
func creditsOf(s Searcher) map[string][]int {
	return s.Remember(creditsKey, func() any {
		out := map[string][]int{}
		for i, a := range articlesOf(s).arts {
			for _, name := range creditNames(a.Credits) {
				out[name] = append(out[name], i)
			}
		}
		return out
	}).(map[string][]int)
}

// creditNames are the people a credit line names ("(Reporting by Joyce
// Lee; editing by Ed Davies and Mark Heinrich)"), each as its words in
// lower case, one space apart; only names of two words or more.
func creditNames(credits string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(credits, func(r rune) bool { return r == ';' || r == '(' || r == ')' }) {
		_, names, ok := strings.Cut(part, " by ")
		if !ok {
			continue
		}
		names, _, _ = strings.Cut(names, "//") // "… Mark Heinrich // REUTERS"
		for _, name := range authorSepRE.Split(names, -1) {
			if words := splitWords(name); len(words) > 1 {
				out = append(out, strings.Join(words, " "))
			}
		}
	}
	return out
}

// articleTable is the articles as questions about them read them: in
// file order, each with its outlet and author numbered, and, for each kind
// of question, those with a line to quote for it. A generation's is made
// once (see articlesOf): a question then reads its few outlets and
// authors, and only as many articles as give it MaxAnswers quotes.
type articleTable struct {
	arts []ArticleMeta // by file, stably
	// outlet[i] and author[i] number arts[i]'s outlet in outlets and its
	// author in authorWords.
	outlet, author []int
	outlets        []string
	// outletKeys are, for each of outlets, the words of its name by which
	// a question may name it alone (see keyWords).
	outletKeys [][]string
	// authorWords are each author's words of four letters or more, by
	// which a question names them (see namesAuthor).
	authorWords [][]string
	// quoted lists, by kind, the positions in arts of the articles with
	// a line to quote (see metaQuote), in file order; newest and oldest
	// list those of metaDate in order of date (see byDate).
	quoted         [metaFiled][]int
	newest, oldest []int
	// latest and earliest are the articles of the latest and of the
	// earliest date their front matter gives (see byDay), for "the newest
	// article" whatever is asked of it.
	latest, earliest []int
	// lead holds the first sentence of the articles whose text has no
	// line to quote (not even a headline) for the author or the date
	// their front matter gives (see quote).
	lead map[int]string
	// pos is each article's position by its ID.
	pos map[string]int
}

// position is the position of the article of ID id.
func (t *articleTable) position(id string) (int, bool) {
	i, ok := t.pos[id]
	return i, ok
}

// articlesOf is the generation's articleTable, made once.
func articlesOf(s Searcher) *articleTable {
	return s.Remember(articlesKey, func() any {
		return newArticleTable(s.Articles(), func(id string) string {
			p, _ := leadSentence(s, id)
			return p.Text
		})
	}).(*articleTable)
}

// newArticleTable tabulates arts, which it does not modify. lead, if not
// nil, gives an article's first sentence by its ID: it is asked only for
// the articles quote needs it for.
func newArticleTable(arts []ArticleMeta, lead func(id string) string) *articleTable {
	t := &articleTable{arts: slices.Clone(arts), lead: map[int]string{}, pos: map[string]int{}}
	slices.SortStableFunc(t.arts, func(a, b ArticleMeta) int { return strings.Compare(a.Source.File, b.Source.File) })
	for i, a := range t.arts {
		t.pos[a.ID] = i
	}
	outlets, authors := map[string]int{}, map[string]int{}
	for i, a := range t.arts {
		o, ok := outlets[a.Source.Outlet]
		if !ok {
			o = len(t.outlets)
			outlets[a.Source.Outlet] = o
			t.outlets = append(t.outlets, a.Source.Outlet)
		}
		au, ok := authors[a.Source.Author]
		if !ok {
			au = len(t.authorWords)
			authors[a.Source.Author] = au
			t.authorWords = append(t.authorWords, authorWords(a.Source.Author))
		}
		t.outlet = append(t.outlet, o)
		t.author = append(t.author, au)
		if lead != nil && (a.Source.Author != "" && metaQuote(metaAuthor, a) == "" || a.Source.Date != "" && metaQuote(metaDate, a) == "") {
			if l := lead(a.ID); l != "" {
				t.lead[i] = l
			}
		}
		for k := range t.quoted {
			if t.quote(metaKind(k), i) != "" {
				t.quoted[k] = append(t.quoted[k], i)
			}
		}
	}
	t.outletKeys = keyWords(t.outlets)
	t.newest, t.oldest = t.byDate()
	t.latest, t.earliest = t.byDay()
	return t
}

// byDay finds the articles of the latest date and of the earliest, by
// their front matter (calendar dates, 2006-01-02; others are left out).
func (t *articleTable) byDay() (latest, earliest []int) {
	days := map[string]int64{}
	var hi, lo int64 = math.MinInt64, math.MaxInt64
	day := make([]int64, len(t.arts))
	for i, a := range t.arts {
		d, ok := calendarDay(days, a.Source.Date)
		if !ok {
			d = math.MinInt64
		}
		day[i] = d
		if ok {
			hi, lo = max(hi, d), min(lo, d)
		}
	}
	for i, d := range day {
		if d == math.MinInt64 {
			continue
		}
		if d == hi {
			latest = append(latest, i)
		}
		if d == lo {
			earliest = append(earliest, i)
		}
	}
	return latest, earliest
}

// calendarDay is date (2006-01-02) in seconds since 1970, ok false when
// it is not a calendar date. Many articles share a date: days keeps each
// parsed once.
func calendarDay(days map[string]int64, date string) (int64, bool) {
	if d, ok := days[date]; ok {
		return d, d != noDay
	}
	d := int64(noDay)
	if at, err := time.Parse(time.DateOnly, date); err == nil {
		d = at.Unix()
	}
	days[date] = d
	return d, d != noDay
}

// noDay marks a date that is not a calendar date in calendarDay's memo.
const noDay = math.MinInt64

// metaRecentRE names an article by its date: "the newest article", "the
// earliest story". "First" and "last" are left out: "the first article"
// may mean the first listed.
var metaRecentRE = regexp.MustCompile(`\b(?:newest|latest|most recent|most recently published|oldest|earliest|least recent) (?:articles?|story|stories|pieces?|reports?|one)\b`)

// metaUpdateRE asks, as a whole question, for the latest news ("any
// updates?", "what's the latest"): the headlines of the articles of the
// latest date. It reads the question as typed, lower-cased, and as
// metaNormal gives it.
var metaUpdateRE = regexp.MustCompile(`^(?:so |ok |okay |and )?(?:` +
	`any (?:new |more |recent )?(?:updates?|news|developments?)` +
	`|what(?:'s|’s|s| is| are) (?:the )?(?:latest|newest|most recent)(?: news| updates?| developments?)?` +
	`|what(?:'s|’s|s| is) new|(?:the )?latest (?:news|updates?)` +
	`|(?:give me |tell me )the latest(?: news)?` +
	`)(?: on (?:this|it|the story|the news))?(?: please)?\W*$`)

// recentAsked is the articles a question names by their date, or nil.
func (t *articleTable) recentAsked(lower string) []int {
	if match(metaUpdateRE, lower) {
		return t.latest
	}
	m := metaRecentRE.FindString(lower)
	switch {
	case m == "":
		return nil
	case metaOldestRE.MatchString(m):
		return t.earliest
	}
	return t.latest
}

// genericOutletWords name a kind of outlet, not one: "the news article"
// is not BBC News's.
var genericOutletWords = map[string]bool{
	"news": true, "agency": true, "press": true, "media": true, "network": true, "service": true,
	"broadcasting": true, "corporation": true, "company": true, "group": true, "international": true,
	"online": true, "radio": true, "television": true, "channel": true, "daily": true, "weekly": true,
}

// keyWords are, for each outlet, the words of its name ("the" left off)
// that name it alone: no other outlet's name has them, they do not name
// a kind of outlet, and they are of four letters or more, or of three
// that are not an English word ("bbc", not "new").
func keyWords(outlets []string) [][]string {
	names := make([][]string, len(outlets))
	count := map[string]int{}
	for o, outlet := range outlets {
		names[o], _ = outletName(outlet)
		for _, w := range slices.Compact(slices.Sorted(slices.Values(names[o]))) {
			count[w]++
		}
	}
	keys := make([][]string, len(outlets))
	for o, words := range names {
		for _, w := range words {
			if count[w] == 1 && !genericOutletWords[w] && (len(w) >= 4 || len(w) == 3 && !knownWord(w)) {
				keys[o] = append(keys[o], w)
			}
		}
	}
	return keys
}

// byDate orders the articles with a line to quote for metaDate newest
// first and oldest first, articles of one date in file order, and those
// without a date (or with one that is not a calendar date, 2006-01-02)
// last.
func (t *articleTable) byDate() (newest, oldest []int) {
	type dated struct {
		day int64 // seconds since 1970 (negated for newest first); undated: the most
		i   int
	}
	days := map[string]int64{} // many articles share a date: each is parsed once
	at := make([]dated, len(t.quoted[metaDate]))
	for k, i := range t.quoted[metaDate] {
		day, ok := calendarDay(days, t.arts[i].Source.Date)
		if !ok {
			day = math.MaxInt64
		}
		at[k] = dated{day, i}
	}
	order := func() []int {
		// Position breaks ties: as a stable sort would, and faster.
		slices.SortFunc(at, func(a, b dated) int { return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.i, b.i)) })
		out := make([]int, len(at))
		for k, d := range at {
			out[k] = d.i
		}
		return out
	}
	oldest = order()
	for k := range at {
		if at[k].day != math.MaxInt64 {
			at[k].day = -at[k].day
		}
	}
	return order(), oldest
}

// named tells which of the outlets and authors a question names, and
// whether it names any.
func (t *articleTable) named(lower string) (outlets, authors []bool, any bool) {
	q := padded(lower)
	words := map[string]bool{}
	for _, w := range splitWords(lower) {
		words[w] = true
	}
	outlets, authors = make([]bool, len(t.outlets)), make([]bool, len(t.authorWords))
	for o, outlet := range t.outlets {
		outlets[o] = namesOutlet(q, outlet, t.outletKeys[o])
		any = any || outlets[o]
	}
	for a, name := range t.authorWords {
		authors[a] = namesAuthor(words, name)
		any = any || authors[a]
	}
	return outlets, authors, any
}

// namesAny reports whether a question names any of the outlets or
// authors, as named reads it.
func (t *articleTable) namesAny(lower string) bool {
	_, _, any := t.named(lower)
	return any
}

// asked tells whether the article at position i is one a question about
// the articles is asked of: one of among (positions, or every article
// when nil) that it names by outlet or author, or any of them when it
// names none.
func (t *articleTable) asked(lower string, among []int) func(i int) bool {
	outlets, authors, named := t.named(lower)
	names := func(i int) bool { return outlets[t.outlet[i]] || authors[t.author[i]] }
	if among == nil {
		if !named {
			return func(int) bool { return true }
		}
		return names
	}
	member := make([]bool, len(t.arts))
	named = false
	for _, i := range among {
		member[i] = true
		named = named || names(i)
	}
	return func(i int) bool { return member[i] && (!named || names(i)) }
}

// answers answers a question of kind k (not metaFiled) as metaAnswers
// does, of the articles at positions among, or of all when among is nil.
func (t *articleTable) answers(k metaKind, lower string, among []int) ([]Answer, bool) {
	if among == nil && k != metaDate {
		// "who wrote the latest article": of the articles of the latest
		// date. (Asked when, the dates themselves are the answer, in
		// order.)
		among = t.recentAsked(lower)
	}
	in := t.asked(lower, among)
	order := t.quoted[k]
	if k == metaDate {
		// "which article is the newest": in order of date.
		if newest, oldest := match(metaNewestRE, lower), match(metaOldestRE, lower); newest != oldest {
			order = t.oldest
			if newest {
				order = t.newest
			}
		}
	}
	var out, credits []Answer
	for _, i := range order {
		if len(out) == MaxAnswers {
			// The credit lines would come after these.
			break
		}
		if !in(i) {
			continue
		}
		a := t.arts[i]
		if k == metaAuthor && a.Byline != "" && a.Credits != "" && len(credits) < MaxAnswers {
			// The credit line names who else reported it: after every
			// article's byline.
			credits = append(credits, Answer{Quote: a.Credits, Source: a.Source, Score: 1})
		}
		out = append(out, Answer{Quote: t.quote(k, i), Source: a.Source, Score: 1})
	}
	if len(out) > 0 {
		out = append(out, credits...)
	}
	return out[:min(len(out), MaxAnswers)], len(out) > 0
}

// lacking says what the articles a question of kind k names lack, for a
// question they hold nothing to quote for: "The ABC article does not name
// its author." The articles are named by their outlets, in file order;
// when the question names only an author, "The article".
func (t *articleTable) lacking(k metaKind, lower string, among []int) string {
	named := t.namesAny(lower)
	var outlets []string
	// Every article, by no name ("link?"): "The articles", not a list of
	// their outlets, and no walk over thousands of them.
	n := len(t.arts)
	if among != nil || named {
		n = 0
		in := t.asked(lower, among)
		seen := map[int]bool{}
		for i := range t.arts {
			if !in(i) {
				continue
			}
			n++
			if o := t.outlet[i]; !seen[o] && t.outlets[o] != "" {
				seen[o] = true
				// "The Kyiv Independent article", not "The The …".
				outlets = append(outlets, strings.TrimPrefix(t.outlets[o], "The "))
			}
		}
	}
	subject, verb, its, s, was := "The article", "does not", "its", "", "it was"
	if n > 1 {
		subject, verb, its, s, was = "The articles", "do not", "their", "s", "they were"
	}
	if len(outlets) > 0 && (n < len(t.arts) || n == 1 || named) {
		subject = "The " + strings.Join(outlets, " and ") + strings.TrimPrefix(subject, "The")
	}
	switch k {
	case metaAuthor:
		return fmt.Sprintf("%s %s name %s author%s.", subject, verb, its, s)
	case metaDate:
		return fmt.Sprintf("%s %s give %s date%s.", subject, verb, its, s)
	case metaEditor:
		return fmt.Sprintf("%s %s credit %s editors.", subject, verb, its)
	case metaFiled:
		return fmt.Sprintf("%s %s open with a dateline saying where %s filed from.", subject, verb, was)
	case metaLink:
		return fmt.Sprintf("%s %s give %s link%s.", subject, verb, its, s)
	}
	return fmt.Sprintf("%s %s say.", subject, verb)
}

// metaArticleNamedRE finds the words a question about an article puts
// before it: "the guardian article", "the washington post's story".
var metaArticleNamedRE = regexp.MustCompile(`\b(?:the|a|an|that|this) ((?:[\w.&-]+ ){1,3}?)(?:article|story|piece|report|coverage|feature|column)s?\b` +
	`|\bthe ((?:[\w.&-]+ ){0,2}[\w.&-]+)'s? (?:article|story|piece|report|coverage|feature|column)s?\b` +
	`|\b(?:articles?|stor(?:y|ies)|pieces?|reports?|coverage|features?|columns?) from ((?:[\w.&-]+ ){0,3}[\w.&-]+)`)

// metaArticleModifiers are words a question may put before "article"
// without naming an outlet: "the first article", "the original story".
var metaArticleModifiers = map[string]bool{
	"first": true, "last": true, "latest": true, "newest": true, "oldest": true, "earliest": true,
	"recent": true, "most": true, "least": true, "original": true, "main": true, "other": true,
	"same": true, "whole": true, "full": true, "entire": true, "new": true, "old": true,
	"second": true, "third": true, "fourth": true, "fifth": true, "news": true, "wire": true,
	"newspaper": true, "online": true, "longest": true, "shortest": true, "top": true, "lead": true,
	"one": true, "only": true, "each": true, "every": true, "any": true, "your": true, "its": true,
	"their": true, "his": true, "her": true, "unattributed": true, "anonymous": true, "untitled": true,
	"unsigned": true, "english": true, "korean": true, "foreign": true, "local": true, "wrong": true,
}

// otherOutlet is the outlet a question about an article names when none
// of the articles is from it: the words before "article" ("the guardian
// article"), left when the modifiers are, that name none of the outlets
// or authors and that no article holds at all (so not a topic, "the
// ceremony story"), after "the" when the reader put it before the name
// ("the Guardian"). It is "" when the question names no such outlet.
func otherOutlet(s Searcher, lower string) string {
	if articlesOf(s).namesAny(lower) {
		return ""
	}
	for _, m := range metaArticleNamedRE.FindAllStringSubmatch(lower, -1) {
		var words []string
		// A name the reader gave with "the" keeps it: "the Guardian".
		the := strings.HasPrefix(m[0], "the ")
		after := strings.Fields(m[3])
		// "an article from the guardian about kim": the name ends where
		// a word the analyser drops does ("about"), once it has begun.
		for i, w := range after {
			if i > 0 && len(s.Analyze(w)) == 0 && !determiners[after[i-1]] {
				after = after[:i]
				break
			}
		}
		for _, w := range append(strings.Fields(m[1]+" "+m[2]), after...) {
			switch {
			case determiners[w]:
				// "the author of the story": what stands before "story"
				// starts after its own determiner.
				words, the = words[:0], w == "the"
			case !metaArticleModifiers[w] && !strings.ContainsAny(w, "0123456789"):
				// Numbers qualify it too: "the 5th article", "the 2025 story".
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		unheld := true
		for _, w := range words {
			for _, tok := range s.Analyze(w) {
				if s.DocFreq(tok.Term) > 0 {
					unheld = false
				}
			}
			// A slip in a word the articles or their outlets' names hold
			// ("the reuter story") is not another outlet.
			if len(w) >= 5 && (len(s.Similar(w, 1)) > 0 || slipOfOutlet(w, s.Outlets())) {
				unheld = false
			}
		}
		if unheld {
			for i, w := range words {
				words[i] = nameCase(w)
			}
			if the {
				return "the " + strings.Join(words, " ")
			}
			return strings.Join(words, " ")
		}
	}
	return ""
}

// nameCase writes a word of a name as a reader typed in lower case most
// likely means it: a short one that is not an English word as initials
// ("bbc" → BBC), any other with a capital ("guardian" → Guardian).
func nameCase(w string) string {
	if len(w) <= 4 && !knownWord(w) && !twoLetterWords[w] {
		return strings.ToUpper(w)
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// notAmong says that none of the articles is from outlet, and which
// outlets they are from.
func notAmong(outlet string, outlets []string) string {
	var named []string
	for _, o := range outlets {
		if o != "" {
			named = append(named, o)
		}
	}
	note := "None of the articles is from " + outlet + "."
	switch len(named) {
	case 0:
	case 1:
		note += " They are from " + named[0] + "."
	default:
		note += " They are from " + strings.Join(named[:len(named)-1], ", ") + " and " + named[len(named)-1] + "."
	}
	return note
}

// quote is the line of the article at i that answers a question of kind
// k about it (metaQuote); when its text has none, not even a headline, but
// its front matter gives the author or the date asked for, its first
// sentence, whose citation carries them.
func (t *articleTable) quote(k metaKind, i int) string {
	a := t.arts[i]
	if q := metaQuote(k, a); q != "" {
		return q
	}
	if k == metaAuthor && a.Source.Author != "" || k == metaDate && a.Source.Date != "" {
		return t.lead[i]
	}
	return ""
}

// metaQuote is the line of an article that answers a question of kind k
// about it, or "" when it has none.
func metaQuote(k metaKind, a ArticleMeta) string {
	switch k {
	case metaAuthor:
		switch {
		case a.Byline != "":
			return a.Byline
		case a.Credits != "":
			// Some wire stories name their reporters only at the end.
			return a.Credits
		case a.Source.Author != "":
			return a.Headline // the citation carries the header's author
		}
		return ""
	case metaEditor:
		return a.Credits
	case metaDate:
		if a.Dateline == "" && a.Source.Date != "" {
			return a.Headline // the citation carries the header's date
		}
		return a.Dateline
	case metaOutlets:
		return a.Headline
	case metaLink:
		if a.Source.URL != "" {
			return a.Headline // the citation carries the link
		}
	}
	return ""
}

// datelined lists the articles whose first sentence opens with a
// dateline ("SEOUL - North Korean leader …"), by position in the
// generation's articleTable, with those sentences.
type datelined struct {
	at    []int
	lines []string
}

// datelinedOf is the generation's datelined articles, read once.
func datelinedOf(s Searcher) *datelined {
	return s.Remember(datelinedKey, func() any {
		var d datelined
		for i, a := range articlesOf(s).arts {
			if p, ok := leadSentence(s, a.ID); ok && leadDatelineRE.MatchString(p.Text) {
				d.at = append(d.at, i)
				d.lines = append(d.lines, p.Text)
			}
		}
		return &d
	}).(*datelined)
}

// filedFrom answers where articles were filed from with their first
// sentences that open with a dateline, those of the articles the
// question names first, as metaAnswers does. ok is false when none of
// them opens so. The first sentences are read once per generation.
func filedFrom(s Searcher, lower string) ([]Answer, bool) {
	t, leads := articlesOf(s), datelinedOf(s)
	in := t.asked(lower, nil)
	var out []Answer
	for k, i := range leads.at {
		if len(out) == MaxAnswers {
			break
		}
		if in(i) {
			out = append(out, Answer{Quote: leads.lines[k], Source: t.arts[i].Source, Score: 1})
		}
	}
	return out, len(out) > 0
}

// leadSentence is an article's first passage that is not a caption.
func leadSentence(s Searcher, id string) (Passage, bool) {
	for seq := 0; ; seq++ {
		p, ok := s.Passage(id, seq)
		if !ok || !p.Caption {
			return p, ok
		}
	}
}

// metaRelativeHeadline: a title given to someone ("what title did kim
// give the commanders") is not an article's.
func metaRelativeHeadline(lower string) bool {
	return strings.Contains(lower, "title did") || strings.Contains(lower, "titles did") || strings.Contains(lower, "hero title")
}

// metaRest are the words that may follow an outlets question without
// making it a question about the story ("which sources *say 600 died*").
// A news agency is the story's own source (state media), not an outlet.
var metaRest = map[string]bool{
	"do": true, "does": true, "did": true, "you": true, "your": true, "use": true, "used": true,
	"using": true, "have": true, "has": true, "cover": true, "covered": true, "covering": true,
	"are": true, "is": true, "were": true, "was": true, "these": true, "this": true, "those": true,
	"all": true, "from": true, "for": true, "the": true, "a": true, "articles": true, "article": true,
	"stories": true, "story": true, "it": true, "based": true, "on": true, "reported": true,
	"report": true, "reports": true, "cite": true, "cited": true, "citing": true, "news": true,
	"which": true, "what": true, "s": true, "in": true, "of": true,
	"there": true, "here": true, "answers": true, "and": true, "info": true, "information": true,
	"outlets": true, "outlet": true, "sources": true, "source": true, "come": true, "came": true,
	"me": true, "tell": true, "please": true, "bot": true, "know": true, "about": true, "can": true,
	"quote": true, "quoting": true, "quoted": true, "by": true, "written": true, "get": true, "got": true,
}

// metaQuestion tells what a question asks about the articles themselves,
// from the question as a whole.
func metaQuestion(lower string) metaKind {
	switch {
	case match(metaAuthorRE, lower):
		// "who wrote the reuters story and who edited it": the bylines,
		// then the credit line.
		return metaAuthor
	case match(metaEditorRE, lower):
		return metaEditor
	case match(metaFiledRE, lower) && match(metaArticleNounRE, lower):
		return metaFiled
	case match(metaDateRE, lower) && match(metaArticleRE, lower),
		match(metaPublishRE, lower) && match(metaArticleNounRE, lower),
		match(metaFirstOutletRE, lower):
		return metaDate
	case match(metaReadRE, lower):
		return metaLink
	case match(metaCalledRE, lower) && !metaRelativeHeadline(lower),
		match(metaGistRE, lower), match(metaUpdateRE, lower):
		return metaOutlets
	}
	if k := metaTerse(lower, nil); k != metaNone {
		return k
	}
	loc := metaOutletsRE.FindStringIndex(lower)
	if loc == nil {
		return metaNone
	}
	// "which outlets reported on the ceremony": every outlet did (the
	// engine takes the question when only some articles hold what it
	// names: see coveredTopic).
	if metaCoveredRE.MatchString(lower[loc[1]:]) {
		return metaOutlets
	}
	rest := strings.FieldsFunc(lower[loc[1]:], func(r rune) bool { return !unicode.IsLetter(r) })
	// "which publications are you drawing from": a short question put to
	// the bot asks for its own sources, whatever its verb.
	if len(rest) <= 4 && slices.Contains(rest, "you") {
		return metaOutlets
	}
	for _, w := range rest {
		if !metaRest[w] {
			return metaNone
		}
	}
	return metaOutlets
}

// coveredTopic is what a question asking which outlets reported on
// something names ("which outlet wrote about *the chrysanthemums*"): its
// words after the verb, less those that say how it asks ("this", "the
// story"); nil for any other question.
func coveredTopic(lower string) []string {
	loc := metaOutletsRE.FindStringIndex(lower)
	if loc == nil {
		return nil
	}
	m := metaCoveredRE.FindStringIndex(lower[loc[1]:])
	if m == nil {
		return nil
	}
	var topic []string
	for _, w := range splitWords(lower[loc[1]+m[1]:]) {
		if !metaRest[w] && !determiners[w] {
			topic = append(topic, w)
		}
	}
	return topic
}

// heldByAll reports whether every word of topic may be in every article:
// each has a term in at least as many passages as there are articles.
// (Fewer, and some article lacks it.)
func heldByAll(s Searcher, topic []string) bool {
	n := len(articlesOf(s).arts)
	for _, w := range topic {
		held := false
		for _, tok := range s.Analyze(w) {
			held = held || s.DocFreq(tok.Term) >= n
		}
		if !held {
			return false
		}
	}
	return true
}

// metaNouns are the words that ask for one of an article's own lines:
// its byline, its date line or its headline (the outlets kind quotes
// headlines).
var metaNouns = map[string]metaKind{
	"author": metaAuthor, "authors": metaAuthor, "byline": metaAuthor, "bylines": metaAuthor,
	"reporter": metaAuthor, "reporters": metaAuthor, "writer": metaAuthor, "writers": metaAuthor,
	"journalist": metaAuthor, "journalists": metaAuthor, "correspondent": metaAuthor, "correspondents": metaAuthor,
	"date": metaDate, "dateline": metaDate, "datelines": metaDate, "dated": metaDate,
	"publication": metaOutlets, "publications": metaOutlets,
	"headline": metaOutlets, "headlines": metaOutlets, "title": metaOutlets, "titles": metaOutlets,
	"editor": metaEditor, "editors": metaEditor, "credits": metaEditor,
	"link": metaLink, "links": metaLink, "url": metaLink, "urls": metaLink, "hyperlink": metaLink,
}

// metaByVerbs ask who wrote an article the question names ("is the nyt
// article by choe sang-hun", "did joyce lee write it").
var metaByVerbs = map[string]bool{"by": true, "write": true, "wrote": true, "written": true, "writes": true, "authored": true, "penned": true}

// metaFiller are the words a question may hold besides what it asks for
// and the articles it names, and still ask only for an article's line
// ("what is the name of the abc reporter", "nyt author?", "what are the
// headlines"). Any other word asks about the story ("what did the
// headlines say about kim").
var metaFiller = map[string]bool{
	"what": true, "who": true, "which": true, "is": true, "are": true, "was": true, "were": true,
	"did": true, "does": true, "do": true, "the": true, "a": true, "an": true, "of": true, "for": true,
	"on": true, "in": true, "at": true, "from": true, "this": true, "that": true, "these": true,
	"those": true, "its": true, "their": true, "it": true, "s": true, "name": true, "names": true,
	"tell": true, "me": true, "please": true, "give": true, "show": true, "list": true, "and": true,
	"article": true, "articles": true, "piece": true, "pieces": true, "story": true, "stories": true,
	"one": true, "ones": true, "each": true, "all": true, "your": true, "full": true, "exact": true,
	"to": true, "source": true, "sources": true, "original": true, "can": true, "i": true, "get": true,
	"have": true, "pls": true, "plz": true, "any": true, "there": true,
}

// metaTerse tells what a question asks about the articles when it is no
// more than what it asks for ("reuters byline", "date of the nyt
// article"): every word is one of metaNouns, a filler or a word of the
// outlets and authors it names (named). Asked for a date, it must name an
// article, by outlet, author or noun: "what is the date" may be the
// events'. Asked who wrote ("by", "wrote"), it must name one by outlet or
// author, and not ask what they wrote ("what did reuters write").
func metaTerse(lower string, named map[string]bool) metaKind {
	k, article, by, what := metaNone, len(named) > 0, false, false
	for _, w := range splitWords(lower) {
		what = what || w == "what"
		switch {
		case named[w]:
		case metaNouns[w] != metaNone:
			if k == metaNone {
				k = metaNouns[w]
			}
		case metaByVerbs[w]:
			by = true
		case metaFiller[w]:
			if metaArticleNounRE.MatchString(w) {
				article = true
			}
		default:
			return metaNone
		}
	}
	switch {
	case k == metaNone && by && len(named) > 0 && !what:
		return metaAuthor
	case k == metaDate && !article:
		return metaNone
	case by && len(named) == 0:
		return metaNone
	}
	return k
}

// namedWords are the words of the outlets and authors a question names in
// full (see namesAny), to be set aside from what it asks.
func namedWords(lower string, outlets, authors []string) map[string]bool {
	q := padded(lower)
	out := map[string]bool{}
	for _, o := range outlets {
		if namesOutletFully(q, o) {
			for _, w := range outletWords(o) {
				out[w] = true
			}
		}
	}
	for _, a := range authors {
		if namesAuthorFully(q, a) {
			for _, w := range splitWords(a) {
				if w != "and" {
					out[w] = true
				}
			}
		}
	}
	return out
}

// metaTerms are words of questions about the articles that a reader may
// misspell ("who wrote the reuters artcle").
var metaTerms = []string{"article", "articles", "headline", "headlines", "byline", "bylines", "author", "authors",
	"journalist", "journalists", "reporter", "reporters", "published", "publication"}

var (
	metaWordRE     = regexp.MustCompile(`[a-z]+`)
	metaContractRE = regexp.MustCompile(`\b(who|what|when|where)(?:'s|s)\b`)
	// metaQuotes straightens apostrophes; a Replacer is safe to share.
	metaQuotes = strings.NewReplacer("’", "'", "‘", "'")
)

// metaNormal is a lower-case question with straight apostrophes, its
// question words as chatNormal spells them ("wehn" is "when"), "who's"
// and "whats" written out, and a misspelt word of metaTerms (one letter
// wrong, missing, extra or two swapped, and no English word) spelt right.
func metaNormal(lower string) string {
	lower = chatNormal(metaQuotes.Replace(lower))
	lower = metaContractRE.ReplaceAllString(lower, "$1 is")
	return metaWordRE.ReplaceAllStringFunc(lower, func(w string) string {
		if len(w) < 5 || knownWord(w) {
			return w
		}
		for _, t := range metaTerms {
			if w != t && (editDistance(w, t, 1) <= 1 || swapped(w, t)) {
				return t
			}
		}
		return w
	})
}

// slipOfOutlet reports whether w is one letter from a word of one of
// the outlets' names.
func slipOfOutlet(w string, outlets []string) bool {
	for _, o := range outlets {
		for _, ow := range splitWords(o) {
			if editDistance(w, ow, 1) <= 1 || swapped(w, ow) {
				return true
			}
		}
	}
	return false
}

// swapped reports whether a is b with two neighbouring letters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// metaAnswers answers a question about the articles themselves by quoting
// their own bylines, credit lines, date lines and headlines, each cited to
// its article.
// Articles the question names (by outlet or author) are answered first;
// when it names none, every article is. ok is false when the articles
// hold nothing to quote for it (an article with no byline): the bot then
// says the articles do not answer, rather than quote something else.
// Asked which came out first or last ("which article is the newest"),
// they are answered in order of date (see byDate).
func metaAnswers(k metaKind, lower string, arts []ArticleMeta) ([]Answer, bool) {
	return newArticleTable(arts, nil).answers(k, lower, nil)
}

// metaNewestRE and metaOldestRE ask for the articles in order of date.
var (
	metaNewestRE = regexp.MustCompile(`\b(?:newest|latest|most recent|last)\b`)
	metaOldestRE = regexp.MustCompile(`\b(?:oldest|earliest|least recent|first)\b`)
)

// namesAny reports whether a question names one of the outlets, and one
// of the authors, by full name.
func namesAny(lower string, outlets, authors []string) (outlet, author bool) {
	q := padded(lower)
	for _, o := range outlets {
		if namesOutletFully(q, o) {
			outlet = true
			break
		}
	}
	for _, a := range authors {
		if namesAuthorFully(q, a) {
			author = true
			break
		}
	}
	return outlet, author
}

// authorSepRE separates the authors of an article's byline.
var authorSepRE = regexp.MustCompile(`,|\band\b|&`)

// padded is a question's words, lower case, each between spaces, so
// that a name is found in it as whole words.
func padded(lower string) string { return " " + strings.Join(splitWords(lower), " ") + " " }

// namesAuthorFully reports whether a question (padded) names one of an
// article's authors ("Joyce Lee and Ju-min Park") by full name, or by the
// first or the last word of the name when it is no English word
// ("goncharova", not "park"; "choe" of "Choe Sang-Hun", whose family
// name comes first).
func namesAuthorFully(q, authors string) bool {
	for _, name := range authorSepRE.Split(strings.ToLower(authors), -1) {
		words := splitWords(name)
		if len(words) == 0 {
			continue
		}
		if len(words) > 1 && strings.Contains(q, " "+strings.Join(words, " ")+" ") {
			return true
		}
		for i, w := range []string{words[0], words[len(words)-1]} {
			if len(w) >= 4 && !knownWord(w) && strings.Contains(q, " "+w+" ") && !otherNameBeside(q, w, i == 0, words) {
				return true
			}
		}
	}
	return false
}

// otherNameBeside reports whether, in a question (padded), the word w of
// a name is continued by a word no English word and not of the name:
// "who is choe ryong hae" names someone else than Choe Sang-Hun. A first
// word of the name is continued by the word after it, a last by the word
// before.
func otherNameBeside(q, w string, first bool, name []string) bool {
	qw := strings.Fields(q)
	for i, x := range qw {
		if x != w {
			continue
		}
		j := i - 1
		if first {
			j = i + 1
		}
		if j < 0 || j >= len(qw) || slices.Contains(name, qw[j]) || knownWord(qw[j]) {
			return false
		}
	}
	return true
}

func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// authorWords are the words of an article's authors by which a question
// may name one of them: those of four letters or more.
func authorWords(author string) []string {
	var out []string
	for _, w := range splitWords(author) {
		if len(w) >= 4 && w != "and" {
			out = append(out, w)
		}
	}
	return out
}

// namesAuthor reports whether a question (its words) names one of an
// article's authors, by one of their authorWords.
func namesAuthor(words map[string]bool, authorWords []string) bool {
	for _, w := range authorWords {
		if words[w] {
			return true
		}
	}
	return false
}

// outletName is an outlet's name as words, "the" left off, and their
// initials ("nyt").
func outletName(outlet string) (words []string, initials string) {
	words = splitWords(strings.TrimPrefix(strings.ToLower(outlet), "the "))
	for _, w := range words {
		initials += w[:1]
	}
	return words, initials
}

// outletWords are the words by which a question may name an outlet: its
// name's words and their initials, when they can stand for it.
func outletWords(outlet string) []string {
	words, initials := outletName(outlet)
	if initialsName(initials) {
		words = append(words, initials)
	}
	return words
}

// initialsName reports whether an outlet's initials can name it in a
// question: three letters or more ("nyt"), or two that are not a word of
// their own ("ap" for The Associated Press, not "us" or "in").
func initialsName(initials string) bool {
	return len(initials) >= 3 || len(initials) == 2 && !twoLetterWords[initials]
}

// twoLetterWords are the English words of two letters a question may
// hold (and chat spellings of them).
var twoLetterWords = map[string]bool{
	"ad": true, "ah": true, "am": true, "an": true, "as": true, "at": true, "aw": true, "ax": true,
	"be": true, "by": true, "do": true, "eh": true, "go": true, "ha": true, "he": true, "hi": true,
	"ho": true, "id": true, "if": true, "in": true, "is": true, "it": true, "lo": true, "ma": true,
	"me": true, "my": true, "no": true, "of": true, "oh": true, "ok": true, "on": true, "or": true,
	"ox": true, "pa": true, "so": true, "to": true, "tv": true, "uh": true, "um": true, "up": true,
	"us": true, "vs": true, "we": true, "ya": true, "ye": true, "yo": true, "ur": true,
}

// namesOutletFully reports whether a question (padded) names an outlet
// by its whole name or its initials ("new york times", "nyt"), not by one
// of its words: "times" alone may be "how many times".
func namesOutletFully(q, outlet string) bool {
	words, initials := outletName(outlet)
	if len(words) == 0 {
		return false
	}
	return strings.Contains(q, " "+strings.Join(words, " ")+" ") ||
		initialsName(initials) && strings.Contains(q, " "+initials+" ")
}

// namesOutlet reports whether a question (padded) names an outlet: in
// full, by its initials ("nyt"), or by one of keys, the words that name it
// alone (see keyWords).
func namesOutlet(q, outlet string, keys []string) bool {
	// The outlet's name as whole words ("ap" is not in "happened").
	if namesOutletFully(q, outlet) {
		return true
	}
	for _, w := range keys {
		if strings.Contains(q, " "+w+" ") {
			return true
		}
	}
	return false
}
