package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/storybot/storybot/internal/devset"
)

// item is one question of a QA set, with what makes a quote answer it.
type item struct {
	set        string
	id         string
	q          string
	answerable bool
	// story: a quote holding one of accept (as written) answers; articles
	// are the files that hold such a quote.
	accept   []string
	articles []string
	// squad: a quote from doc holding one of golds (folded) answers.
	golds []string
	doc   string
	// wikiqa, trecqa: the candidate sentences (folded) and which answer.
	cands  []string
	labels []bool
}

// corpus is a seeds folder's worth of articles and the questions asked of
// it: the story's seeds, one SQuAD article's paragraphs, or one WikiQA or
// TrecQA question's candidate sentences.
type corpus struct {
	name  string
	dir   string            // an existing seeds folder, or
	files map[string]string // files to write into a fresh one
	items []item
}

// storyCorpus is the bundled seeds and our own dev set of readers'
// questions about them.
func storyCorpus(repo, questions string) (corpus, error) {
	c := corpus{name: "story", dir: filepath.Join(repo, "seeds")}
	if questions == "" {
		questions = filepath.Join(repo, "cmd", "bot", "testdata", "devset.jsonl")
	}
	qs, err := devset.Load(questions)
	for i, d := range qs {
		c.items = append(c.items, item{set: "story", id: fmt.Sprint(i + 1), q: d.Q,
			answerable: d.Answerable, accept: d.Accept, articles: d.Articles})
	}
	return c, err
}

// squadCorpora reads SQuAD 2.0 in the layout of qa-data: one corpus per
// Wikipedia article, one file per paragraph.
func squadCorpora(root string) ([]corpus, error) {
	var stories []struct {
		Slug string `json:"slug"`
	}
	b, err := os.ReadFile(filepath.Join(root, "stories.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &stories); err != nil {
		return nil, fmt.Errorf("%s: %w", root, err)
	}
	var out []corpus
	for _, st := range stories {
		c := corpus{name: "squad/" + st.Slug, dir: filepath.Join(root, st.Slug, "docs")}
		err := readJSONL(filepath.Join(root, st.Slug, "questions.jsonl"), func(line []byte) error {
			var d struct {
				ID         string   `json:"id"`
				Q          string   `json:"q"`
				Answers    []string `json:"answers"`
				Answerable bool     `json:"answerable"`
				Doc        string   `json:"doc"`
			}
			if err := json.Unmarshal(line, &d); err != nil {
				return err
			}
			it := item{set: "squad", id: d.ID, q: d.Q, answerable: d.Answerable, doc: d.Doc}
			for _, g := range d.Answers {
				if g = fold(g); g != "" {
					it.golds = append(it.golds, g)
				}
			}
			c.items = append(c.items, it)
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// squadParagraphCorpora makes one corpus of each SQuAD paragraph alone,
// asked the questions written on it: a short article, as WikiQA and TrecQA
// give, where words missing from the index say less than in a large one.
func squadParagraphCorpora(cs []corpus) ([]corpus, error) {
	var out []corpus
	for _, c := range cs {
		byDoc := map[string][]item{}
		for _, it := range c.items {
			it.set = "squad-paragraph"
			byDoc[it.doc] = append(byDoc[it.doc], it)
		}
		for _, doc := range sortedKeys(byDoc) {
			b, err := os.ReadFile(filepath.Join(c.dir, doc+".txt"))
			if err != nil {
				return nil, err
			}
			out = append(out, corpus{name: c.name + "/" + doc, files: map[string]string{doc + ".txt": string(b)}, items: byDoc[doc]})
		}
	}
	return out, nil
}

// selectionCorpora reads a WikiQA or TrecQA file: each question is its own
// corpus, one article whose lines are the candidate sentences, as the
// outside check (qa-data/run.py) lays them out.
func selectionCorpora(set, path string, withUnanswerable bool) ([]corpus, error) {
	var out []corpus
	err := readJSONL(path, func(line []byte) error {
		var d struct {
			QID       string   `json:"qid"`
			Question  string   `json:"question"`
			Title     string   `json:"title"`
			Sentences []string `json:"sentences"`
			Labels    []int    `json:"labels"`
		}
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		it := item{set: set, id: d.QID, q: norm(d.Question)}
		for i, s := range d.Sentences {
			it.cands = append(it.cands, fold(s))
			it.labels = append(it.labels, d.Labels[i] == 1)
			it.answerable = it.answerable || d.Labels[i] == 1
		}
		if !it.answerable && !withUnanswerable {
			return nil
		}
		title := d.Title
		if title == "" {
			title = "Newswire sentences"
		}
		lines := make([]string, len(d.Sentences))
		for i, s := range d.Sentences {
			lines[i] = strings.ReplaceAll(s, "\n", " ")
		}
		out = append(out, corpus{name: set + "/" + d.QID,
			files: map[string]string{"001.txt": title + "\n\n" + strings.Join(lines, "\n") + "\n"},
			items: []item{it}})
		return nil
	})
	return out, err
}

func readJSONL(path string, each func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := each(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

var (
	plain  = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u2014", "-", "\u2013", "-", "\u00a0", " ")
	spaces = regexp.MustCompile(`\s+`)
)

// norm collapses white space and makes curly quotes and dashes plain, as
// the outside check does before comparing texts.
func norm(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(plain.Replace(s), " "))
}

func fold(s string) string { return strings.ToLower(norm(s)) }

// correct reports whether a quote (from file) answers it.
func (it *item) correct(quote, file string) bool {
	switch it.set {
	case "story":
		return devset.Question{Accept: it.accept}.Correct(quote)
	case "squad", "squad-paragraph":
		if strings.TrimSuffix(filepath.Base(file), ".txt") != it.doc {
			return false
		}
		fq := fold(quote)
		for _, g := range it.golds {
			if strings.Contains(fq, g) {
				return true
			}
		}
		return false
	}
	for _, i := range it.mapQuote(quote) {
		if it.labels[i] {
			return true
		}
	}
	return false
}

// mapQuote finds the candidate sentences a quote stands for: those it
// holds whole (at most two), else the one that holds it.
func (it *item) mapQuote(quote string) []int {
	fq := fold(quote)
	var inside []int
	for i, c := range it.cands {
		if core := strings.Trim(c, ` ."'`); core != "" && strings.Contains(fq, core) {
			inside = append(inside, i)
		}
	}
	switch {
	case len(inside) > 2:
		return nil
	case len(inside) > 0:
		return inside
	}
	var holders []int
	texts := map[string]bool{}
	for i, c := range it.cands {
		if strings.Contains(c, fq) {
			holders = append(holders, i)
			texts[c] = true
		}
	}
	if len(texts) != 1 {
		return nil
	}
	return holders[:1]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// offTopic asks the story's articles questions written about other
// articles (every eighth of SQuAD's answerable ones): none of them is
// answered there. They teach the abstention model what a question about
// something else looks like over a news story.
func offTopic(story corpus, squad []corpus) corpus {
	c := corpus{name: "off-topic", dir: story.dir}
	n := 0
	for _, sc := range squad {
		for _, it := range sc.items {
			if !it.answerable {
				continue
			}
			if n++; n%8 == 0 {
				c.items = append(c.items, item{set: "off-topic", id: it.id, q: it.q})
			}
		}
	}
	return c
}
