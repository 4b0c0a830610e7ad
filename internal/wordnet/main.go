// Command wordnet writes answer/wordnet.txt, the synonyms and irregular
// forms the answer engine reads questions with, from Princeton WordNet 3.0
// as Debian packages it (apt-get install wordnet-base):
//
//	go run ./internal/wordnet [-dict /usr/share/wordnet] [-senses 1] [-out answer/wordnet.txt]
//
// For every single-word lemma it keeps the other single-word lemmas (of
// three letters or more) of its most common senses, in the part of speech
// it is most used as (WordNet lists senses by frequency and counts how
// often each was tagged), at most -max of them; and every irregular form with its base ("fought
// fight"), and the synonyms of verbs of two words ("hand_out distribute",
// "take_place happen").
// WordNet's licence asks that its notice travel with it:
// answer/wordnet.NOTICE is its copyright file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var poses = []string{"noun", "verb", "adj", "adv"}

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "WordNet's dict folder")
	senses := flag.Int("senses", 1, "how many of a lemma's most common senses give synonyms")
	most := flag.Int("max", 12, "at most this many synonyms a lemma")
	depth := flag.Int("narrower-depth", 2, "narrower terms: how many steps down from a noun")
	narrowMax := flag.Int("narrower-max", 300, "narrower terms: leave out a noun with more than this many")
	wordList := flag.String("words", "answer/words.txt", "the English word list (internal/wordlist) narrower terms are kept from")
	out := flag.String("out", "answer/wordnet.txt", "where to write the table")
	flag.Parse()
	if err := run(*dict, *out, *wordList, *senses, *most, *depth, *narrowMax); err != nil {
		fmt.Fprintln(os.Stderr, "wordnet:", err)
		os.Exit(1)
	}
}

func run(dict, out, wordList string, senses, most, depth, narrowMax int) error {
	// A lemma's synonyms come from the part of speech it is most often
	// used as (the most senses tagged in WordNet's corpus): "weather" is a
	// noun far more than a verb, so it does not stand for "endure".
	dominant := map[string]string{}
	tagged := map[string]int{}
	for _, pos := range poses {
		err := eachLine(filepath.Join(dict, "index."+pos), func(f []string) {
			if len(f) < 4 || !plainWord(f[0]) {
				return
			}
			n := atoi(f[2])
			if t := atoi(f[len(f)-n-1]); dominant[f[0]] == "" || t > tagged[f[0]] {
				dominant[f[0]], tagged[f[0]] = pos, t
			}
		})
		if err != nil {
			return err
		}
	}
	syns := map[string][]string{}
	for _, pos := range poses {
		words, err := synsets(filepath.Join(dict, "data."+pos))
		if err != nil {
			return err
		}
		err = eachLine(filepath.Join(dict, "index."+pos), func(f []string) {
			lemma := f[0]
			if !plainWord(lemma) || len(f) < 4 || dominant[lemma] != pos {
				return
			}
			// lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...
			n := atoi(f[2])
			offsets := f[len(f)-n:]
			for _, off := range offsets[:min(senses, len(offsets))] {
				for _, w := range words[off] {
					if w != lemma && plainWord(w) && len(w) >= 3 && !contains(syns[lemma], w) {
						syns[lemma] = append(syns[lemma], w)
					}
				}
			}
		})
		if err != nil {
			return err
		}
	}
	var lines []string
	for lemma, ws := range syns {
		if len(ws) > most {
			ws = ws[:most]
		}
		lines = append(lines, lemma+" "+strings.Join(ws, " "))
	}
	for _, pos := range poses {
		err := eachLine(filepath.Join(dict, pos+".exc"), func(f []string) {
			if len(f) >= 2 && plainWord(f[0]) && plainWord(f[1]) && f[0] != f[1] {
				lines = append(lines, "="+f[0]+" "+f[1])
			}
		})
		if err != nil {
			return err
		}
	}
	phrasal, err := phrasalVerbs(dict, most)
	if err != nil {
		return err
	}
	lines = append(lines, phrasal...)
	narrower, err := narrowerTerms(dict, wordList, dominant, depth, narrowMax)
	if err != nil {
		return err
	}
	lines = append(lines, narrower...)
	sort.Strings(lines)
	lines = dedup(lines)
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %d lines to %s\n", len(lines), out)
	return nil
}

// phrasalVerbs are lines "verb_word synonym…": for each verb of two words
// WordNet lists, phrasal ("hand_out", "come_back") or not ("take_place"),
// the single words of its most common sense ("hand_out distribute",
// "come_back return", "take_place happen occur"), at most most of them. A
// reader's "came back" then finds "returned", which "came" and "back"
// alone never would.
func phrasalVerbs(dict string, most int) ([]string, error) {
	words, err := synsets(filepath.Join(dict, "data.verb"))
	if err != nil {
		return nil, err
	}
	var lines []string
	err = eachLine(filepath.Join(dict, "index.verb"), func(f []string) {
		verb, second, ok := strings.Cut(f[0], "_")
		if !ok || len(f) < 4 || !plainWord(verb) || !plainWord(second) {
			return
		}
		n := atoi(f[2])
		var syns []string
		for _, w := range words[f[len(f)-n]] {
			if plainWord(w) && len(w) >= 3 && !contains(syns, w) && len(syns) < most {
				syns = append(syns, w)
			}
		}
		if len(syns) > 0 {
			lines = append(lines, f[0]+" "+strings.Join(syns, " "))
		}
	})
	return lines, err
}

// narrowerTerms are lines ">noun narrower…": for each noun, the English
// words (in wordList), used most as nouns (dominant), whose most common
// sense is a kind or an instance of one of its senses, at most depth
// steps down ("flower" → chrysanthemum, "award" → medal; not "people" →
// dead, an adjective first). A noun with more than most of them
// ("person") is too general to stand for any, and is left out.
func narrowerTerms(dict, wordList string, dominant map[string]string, depth, most int) ([]string, error) {
	b, err := os.ReadFile(wordList)
	if err != nil {
		return nil, err
	}
	english := map[string]bool{}
	for _, w := range strings.Fields(string(b)) {
		english[w] = true
	}
	words := map[string][]string{}
	up := map[string][]string{} // synset → its hypernyms and instance hypernyms
	err = eachLine(filepath.Join(dict, "data.noun"), func(f []string) {
		// offset lex_filenum ss_type w_cnt word lex_id … p_cnt [ptr offset pos source/target]…
		if len(f) < 4 {
			return
		}
		var n int
		fmt.Sscanf(f[3], "%x", &n)
		i := 4 + 2*n
		if i >= len(f) {
			return
		}
		for k := 0; k < n; k++ {
			words[f[0]] = append(words[f[0]], strings.ToLower(f[4+2*k]))
		}
		p := atoi(f[i])
		for k, j := 0, i+1; k < p && j+3 < len(f); k, j = k+1, j+4 {
			if (f[j] == "@" || f[j] == "@i") && f[j+2] == "n" {
				up[f[0]] = append(up[f[0]], f[j+1])
			}
		}
	})
	if err != nil {
		return nil, err
	}
	keep := func(w string) bool { return plainWord(w) && len(w) >= 3 && english[w] }
	narrower := map[string]map[string]bool{}
	err = eachLine(filepath.Join(dict, "index.noun"), func(f []string) {
		if len(f) < 4 || !keep(f[0]) || dominant[f[0]] != "noun" {
			return
		}
		n := atoi(f[2])
		level := []string{f[len(f)-n]} // the most common sense
		for range depth {
			var next []string
			for _, s := range level {
				next = append(next, up[s]...)
			}
			for _, s := range next {
				for _, w := range words[s] {
					if keep(w) && w != f[0] {
						if narrower[w] == nil {
							narrower[w] = map[string]bool{}
						}
						narrower[w][f[0]] = true
					}
				}
			}
			level = next
		}
	})
	if err != nil {
		return nil, err
	}
	var lines []string
	for w, set := range narrower {
		if len(set) > most {
			continue
		}
		ws := make([]string, 0, len(set))
		for n := range set {
			ws = append(ws, n)
		}
		sort.Strings(ws)
		lines = append(lines, ">"+w+" "+strings.Join(ws, " "))
	}
	return lines, nil
}

// synsets maps each synset's offset in a data file to its words.
func synsets(path string) (map[string][]string, error) {
	out := map[string][]string{}
	err := eachLine(path, func(f []string) {
		// offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]...
		if len(f) < 4 {
			return
		}
		var n int
		fmt.Sscanf(f[3], "%x", &n)
		for i := 0; i < n && 4+2*i < len(f); i++ {
			w := strings.ToLower(f[4+2*i])
			if k := strings.IndexByte(w, '('); k > 0 {
				w = w[:k] // adjective markers: "big(a)"
			}
			out[f[0]] = append(out[f[0]], w)
		}
	})
	return out, err
}

// eachLine calls fn with the fields of every line that is not part of the
// licence header (those start with a space).
func eachLine(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if line := sc.Text(); line != "" && line[0] != ' ' {
			fn(strings.Fields(line))
		}
	}
	return sc.Err()
}

func plainWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func dedup(xs []string) []string {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func atoi(s string) int {
	n := 0
	fmt.Sscanf(s, "%d", &n)
	return n
}
