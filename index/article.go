// Package index turns seed articles into passages and keeps them in an
// on-disk Bleve index that is rebuilt into a fresh directory and swapped in
// only when complete. It is the only package that knows Bleve exists.
package index

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxArticleBytes bounds one article file. News articles are a few kB; a file
// this large is almost certainly not an article.
const MaxArticleBytes = 1 << 20

// Article is one seed file: what it says about its source, and its text.
type Article struct {
	// ID is the file's base name; it is unique within a seeds directory.
	ID string `json:"id"`
	// File is the path the article was read from, as shown in citations.
	File   string `json:"file"`
	Title  string `json:"title"`
	Outlet string `json:"outlet"`
	Author string `json:"author"`
	Date   string `json:"date"`
	URL    string `json:"url"`
	// Body is the article text exactly as in the file (after any front
	// matter); passages are byte ranges of it.
	Body string `json:"-"`
	// Headline, Byline and Dateline are the article's own lines that give
	// its title, its authors and its date, cut verbatim from Body, or
	// empty when the text has none: questions about the articles
	// themselves are answered by quoting them.
	Headline string `json:"headline,omitempty"`
	Byline   string `json:"byline,omitempty"`
	Dateline string `json:"dateline,omitempty"`
	// Credits is the article's credit line, as wire stories close ("(Reporting
	// by …; editing by …)"), verbatim, or empty: who else reported it and
	// who edited it.
	Credits string `json:"credits,omitempty"`
}

// Skipped names a seed file that was not indexed, and why.
type Skipped struct {
	File   string
	Reason string
}

// Errors that say why a file is not an article. Invalid tells them from
// errors reading or saving files.
var (
	ErrEmpty    = invalid("the file is empty")
	ErrBinary   = invalid("the file is binary, not text")
	ErrEncoding = invalid("the file is not valid UTF-8 text")
	ErrTooLarge = invalid(fmt.Sprintf("the file is larger than %d kB", MaxArticleBytes>>10))
	ErrNoTitle  = invalid("the article has no title")
	ErrNoText   = invalid("the article has no sentences of text")
	ErrFileType = invalid("only .md and .txt articles are read")
	// ErrUnclosedFrontMatter refuses an upload whose header would be read
	// as text; in the seeds, such a file is read as plain text instead.
	ErrUnclosedFrontMatter = invalid("the front matter opened by the --- line at the top is never closed by another --- line")
)

// invalidError is why a file is not an article, or not one to add: a
// fault of the file, written for whoever sent it.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }

func invalid(msg string) error { return &invalidError{msg} }

// Invalid reports whether err says that a file is not an article to add
// (its content, its type, or a duplicate), as opposed to a failure to
// read or save files or to build the index.
func Invalid(err error) bool {
	var e *invalidError
	return errors.As(err, &e)
}

// IsArticleFile reports whether name has an extension the loader reads.
func IsArticleFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".txt":
		return true
	}
	return false
}

// Parse reads one article from data. name is the file's path (its extension
// decides the format; it is also what citations show). A Markdown file may
// start with a front-matter block of "key: value" lines between "---" lines
// (so may a text file); one that opens the block and never closes it is
// refused. A plain text file's first non-empty line is its title. Parse checks that the result
// holds at least one sentence of article text.
func Parse(name string, data []byte) (Article, error) {
	a, _, err := parse(name, data, true)
	return a, err
}

// parse is Parse, also returning the article's passages. Unless strict, a
// file whose front matter is never closed is read as plain text, with the
// opening "---" never taken for its title.
func parse(name string, data []byte, strict bool) (Article, []Passage, error) {
	if !IsArticleFile(name) {
		return Article{}, nil, ErrFileType
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return Article{}, nil, ErrEmpty
	case len(data) > MaxArticleBytes:
		return Article{}, nil, ErrTooLarge
	case bytes.IndexByte(data, 0) >= 0:
		return Article{}, nil, ErrBinary
	case !utf8.Valid(data):
		return Article{}, nil, ErrEncoding
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	a := Article{ID: filepath.Base(name), File: name}
	titleText := text
	if meta, body, ok := splitFrontMatter(text); ok {
		a.Title = meta["title"]
		a.Outlet = meta["outlet"]
		a.Author = meta["author"]
		a.Date = meta["date"]
		a.URL = meta["url"]
		text, titleText = body, body
	} else if rest, opened := cutLine(text, "---"); opened {
		if strict {
			return Article{}, nil, ErrUnclosedFrontMatter
		}
		titleText = rest
	}
	a.Body = text
	if a.Title == "" {
		a.Title = titleLine(titleText)
	}
	if a.Author == "" {
		a.Author = bylineAuthor(text)
	}
	if a.Title == "" {
		return Article{}, nil, ErrNoTitle
	}
	passages := Split(a)
	if len(passages) == 0 {
		return Article{}, nil, ErrNoText
	}
	a.Headline, a.Byline, a.Dateline = metaLines(a)
	a.Credits = creditsLine(a.Body)
	if a.Date == "" {
		// The date the page prints is the article's; a header that
		// gives none leaves it unknown only when the text does too.
		a.Date = isoDate(a.Dateline)
	}
	return a, passages, nil
}

// metaLinesScan is how many lines from the top the headline, byline and
// date line are looked for in.
const metaLinesScan = 20

var (
	// datelineRE finds a date as news pages print one: "Aug. 22, 2025",
	// "22 August 2025", "2025-08-22".
	datelineRE = regexp.MustCompile(`\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}(?:, \d{1,2}:\d\d [ap]\.?m\.?(?: [A-Z]{2,4})?)?|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}|\d{4}-\d\d-\d\d)\b`)
)

// metaLines finds, near the top of the body, the line that repeats the
// title, the byline ("By Jane Doe", or the author's name alone on a line)
// and the date the page prints, each as its exact text.
func metaLines(a Article) (headline, byline, dateline string) {
	lines := strings.Split(a.Body, "\n")
	for i, line := range lines {
		if i >= metaLinesScan {
			break
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case headline == "" && line == strings.TrimSpace(a.Title):
			headline = line
		case byline == "" && len(strings.Fields(line)) <= 12 &&
			(bylineRE.MatchString(line) || (a.Author != "" && line == a.Author)):
			// A byline that names someone else than the header's author
			// would contradict the citation under it.
			if first, _, _ := strings.Cut(a.Author, " "); a.Author == "" || strings.Contains(line, first) {
				byline = line
			}
		case dateline == "" && isPageStamp(line):
			// Only a line that is the date, as the page prints it: a
			// dated sentence ("The war began on Feb. 24, 2022.") is not.
			dateline = datelineRE.FindString(line)
		}
	}
	return headline, byline, dateline
}

// creditsLine is the article's credit line ("(Reporting by Jane Doe;
// Editing by John Roe)"), or "": the last run of lines that credit its
// reporters and editors, one line or several ("Reporting by Jane Doe in
// Seoul" then "Editing by John Roe"), cut verbatim from body. A sentence
// of the story that starts like one ("Reporting by state media said …")
// is not one.
func creditsLine(body string) string {
	start, end, at, inRun := 0, 0, 0, false
	for line := range strings.Lines(body) {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
		case isCredits(trimmed):
			lead := at + strings.Index(line, trimmed)
			if !inRun {
				start = lead
			}
			end, inRun = lead+len(trimmed), true
		default:
			inRun = false
		}
		at += len(line)
	}
	if end-start > maxCreditsBytes {
		return ""
	}
	return body[start:end]
}

// isCredits reports whether a line is shaped as a credit: it starts as one
// and is in brackets, lists credits with semicolons, or is not a sentence.
func isCredits(line string) bool {
	return creditLineRE.MatchString(line) &&
		(strings.HasPrefix(line, "(") || strings.Contains(line, ";") || !endsSentence(line))
}

// maxCreditsBytes bounds a credit line: a longer "Reporting by …" run is
// not one.
const maxCreditsBytes = 400

// splitFrontMatter separates a leading "---" block of "key: value" lines
// from the body. Keys are lower-cased; surrounding quotes are removed.
func splitFrontMatter(text string) (map[string]string, string, bool) {
	rest, ok := cutLine(text, "---")
	if !ok {
		return nil, text, false
	}
	meta := map[string]string{}
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "---" {
			return meta, rest, true
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '"' && value[len(value)-1] == '"' || value[0] == '\'' && value[len(value)-1] == '\'') {
			value = value[1 : len(value)-1]
		}
		meta[strings.ToLower(strings.TrimSpace(key))] = value
	}
	return nil, text, false // no closing line: not front matter after all
}

// cutLine removes a first line equal to want (ignoring trailing spaces).
func cutLine(text, want string) (string, bool) {
	line, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimSpace(line) != want {
		return text, false
	}
	return rest, true
}

// isoDate writes a date line's date as 2006-01-02, or returns "" when it
// holds no whole date.
func isoDate(dateline string) string {
	if t, err := time.Parse("2006-01-02", dateline); err == nil {
		return t.Format("2006-01-02")
	}
	var month time.Month
	day, year := 0, 0
	for _, f := range strings.FieldsFunc(dateline, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		n, err := strconv.Atoi(f)
		switch {
		case err == nil && len(f) == 4 && year == 0:
			year = n
		case err == nil && len(f) <= 2 && day == 0 && year == 0:
			day = n
		case err != nil && month == 0 && len(f) >= 3:
			for m := time.January; m <= time.December; m++ {
				if strings.HasPrefix(strings.ToLower(m.String()), strings.ToLower(f)) {
					month = m
					break
				}
			}
		}
	}
	if month == 0 || year == 0 || day < 1 || day > 31 {
		return ""
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "" // 31 June
	}
	return t.Format("2006-01-02")
}

// titleLine is a plain text's title: its first line that is not page
// furniture saved with it ("Share", "2 hours ago", "date 2025-08-22 Become
// a member", a byline), or else its first non-empty line.
func titleLine(text string) string {
	for i, line := range strings.Split(text, "\n") {
		if i >= metaLinesScan {
			break
		}
		line = strings.TrimSpace(line)
		if line == "" || isPageStamp(line) || bylineRE.MatchString(line) {
			continue
		}
		if words := strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }); len(words) == 0 ||
			len(words) == 1 && buttonWords[strings.ToLower(words[0])] {
			continue
		}
		return line
	}
	return firstLine(text)
}

// pageStampRE finds what a news page prints about itself above an
// article: how long ago it was posted, how long it takes to read.
var pageStampRE = regexp.MustCompile(`(?i)\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b|\b\d+\s*(?:minutes?|mins?)\s+read\b`)

// buttonWords are the one-word lines a saved page shows above an article
// (a title of one word, "Warsaw", is still a title).
var buttonWords = map[string]bool{
	"share": true, "avatar": true, "advertisement": true, "menu": true, "subscribe": true,
	"comments": true, "print": true, "email": true, "listen": true, "save": true, "search": true,
	"home": true, "news": true, "live": true, "video": true, "close": true, "skip": true,
}

// stampWords are the words a page prints around its dates and stamps.
var stampWords = map[string]bool{
	"date": true, "dated": true, "updated": true, "published": true, "posted": true, "modified": true,
	"last": true, "on": true, "at": true, "a": true, "m": true, "am": true, "pm": true, "p": true,
	"et": true, "edt": true, "est": true, "gmt": true, "utc": true, "bst": true, "kst": true, "pt": true,
	"become": true, "member": true, "subscribe": true, "share": true, "by": true,
}

// isPageStamp reports whether a line is a date or a stamp the page prints
// ("Aug. 22, 2025, 7:12 a.m. ET", "date 2025-08-22 Become a member",
// "2 hours ago 2"), not a sentence or a headline that holds one: beside
// the date or stamp it has at most one word that is not a page's own.
func isPageStamp(line string) bool {
	rest := datelineRE.ReplaceAllString(line, " ")
	rest = pageStampRE.ReplaceAllString(rest, " ")
	if rest == line {
		return false
	}
	other := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !stampWords[strings.ToLower(w)] {
			other++
		}
	}
	return other <= 1
}

func firstLine(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

var bylineRE = regexp.MustCompile(`^(?:By|by|BY)\s+(\p{Lu}[\p{L}.'’\- ]+(?:\s+and\s+\p{Lu}[\p{L}.'’\- ]+)*)$`)

// bylineAuthor finds a "By Name and Name" line near the top of a plain text
// article.
func bylineAuthor(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if i > 15 {
			break
		}
		if m := bylineRE.FindStringSubmatch(strings.TrimSpace(line)); m != nil && len(strings.Fields(m[1])) <= 10 {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// loaded is an article read from a file, with its passages, and what was
// odd about the file if it was read anyway.
type loaded struct {
	Article
	passages []Passage
	warning  string
}

// readArticle reads and splits the article file at path.
func readArticle(path string) (loaded, error) {
	f, err := os.Open(path)
	if err != nil {
		return loaded{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return loaded{}, err
	}
	if !info.Mode().IsRegular() {
		return loaded{}, errors.New("not a regular file")
	}
	if info.Size() > MaxArticleBytes {
		return loaded{}, ErrTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxArticleBytes+1))
	if err != nil {
		return loaded{}, err
	}
	var l loaded
	l.Article, l.passages, err = parse(path, data, true)
	if errors.Is(err, ErrUnclosedFrontMatter) {
		// An operator's file: better read as text than left out, but say so.
		l.Article, l.passages, err = parse(path, data, false)
		l.warning = ErrUnclosedFrontMatter.Error() + "; read as plain text"
	}
	return l, err
}

// forEach calls do(i) for every i in [0, n), on all cores.
func forEach(n int, do func(i int)) {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}
