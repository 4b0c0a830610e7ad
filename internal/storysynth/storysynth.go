// Package storysynth generates a story-heavy corpus: articles in storybot's
// seed-file format whose sentences are the bundled seed articles' own,
// recombined. In such a corpus a reader's question words are common, as
// they are in a real archive of one story, so a search walks many postings;
// internal/synth's articles, by contrast, barely share the questions'
// vocabulary.
//
// The output depends only on the seed articles and the seed number: the
// generator has its own random number generator, so a seed names the same
// corpus on every platform and Go release.
package storysynth

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storybot/storybot/internal/synth"
)

// Source is what the generator draws from: the seed articles' sentences,
// titles, outlets and authors.
type Source struct {
	sentences []string
	titles    []string
	outlets   []string
	authors   []string
}

// Load reads the .md seed articles in dir.
func Load(dir string) (*Source, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("storysynth: %w", err)
	}
	sort.Strings(paths)
	src := &Source{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("storysynth: %w", err)
		}
		src.add(data)
	}
	if len(src.sentences) == 0 {
		return nil, fmt.Errorf("storysynth: no sentences in the articles of %s", dir)
	}
	return src, nil
}

// add takes an article's front matter and the sentences of its body.
func (s *Source) add(data []byte) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	fences := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "---" && fences < 2 {
			fences++
			continue
		}
		if fences == 1 {
			key, val, ok := strings.Cut(line, ":")
			val = strings.TrimSpace(val)
			if !ok || val == "" {
				continue
			}
			switch key {
			case "title":
				s.titles = append(s.titles, val)
			case "outlet":
				s.outlets = append(s.outlets, val)
			case "author":
				s.authors = append(s.authors, val)
			}
			continue
		}
		// Page furniture and captions are left to the seeds themselves.
		if line == "" || strings.HasPrefix(line, "PHOTO CAPTION:") || strings.HasPrefix(line, "By ") {
			continue
		}
		s.sentences = append(s.sentences, sentences(line)...)
	}
	if len(s.outlets) == 0 {
		s.outlets = append(s.outlets, "Unknown")
	}
}

// sentences splits a paragraph after each full stop, question or
// exclamation mark (or closing quote after one) that a space follows.
func sentences(para string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(para); i++ {
		c := para[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		if c == '.' && abbreviation(para[start:i]) {
			continue
		}
		end := i + 1
		if end < len(para) && (para[end] == '"' || para[end] == '\'') {
			end++
		}
		if end < len(para) && para[end] == ' ' {
			if s := strings.TrimSpace(para[start:end]); len(s) > 20 {
				out = append(out, s)
			}
			start = end + 1
			i = end
		}
	}
	if s := strings.TrimSpace(para[start:]); len(s) > 20 {
		out = append(out, s)
	}
	return out
}

// abbreviation reports whether text ends in a word that a full stop after
// it abbreviates (Mr., Dr., an initial), not a sentence's last.
func abbreviation(text string) bool {
	w := text[strings.LastIndexByte(text, ' ')+1:]
	return len(w) > 0 && len(w) <= 3 && w[0] >= 'A' && w[0] <= 'Z'
}

// Article returns article i of the corpus named by seed: its file name and
// its contents, about thirty of the seeds' sentences in paragraphs of one
// to four. It does not depend on the size of the corpus.
func (s *Source) Article(seed uint64, i int) (name string, data []byte) {
	r := newRNG(seed, i)
	var b bytes.Buffer
	title := s.titles[r.intn(len(s.titles))]
	fmt.Fprintf(&b, "---\ntitle: %s (%d)\noutlet: %s\n", title, i, s.outlets[r.intn(len(s.outlets))])
	if len(s.authors) > 0 {
		fmt.Fprintf(&b, "author: %s\n", s.authors[r.intn(len(s.authors))])
	}
	fmt.Fprintf(&b, "date: 2025-%02d-%02d\nurl:\n---\n\n%s (%d)\n", 1+r.intn(12), 1+r.intn(28), title, i)
	for n := 24 + r.intn(13); n > 0; {
		k := min(n, 1+r.intn(4))
		for j := 0; j < k; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.sentences[r.intn(len(s.sentences))])
		}
		b.WriteByte('\n')
		n -= k
	}
	return fmt.Sprintf("story-%06d.md", i), b.Bytes()
}

// WriteDir writes articles 0 to n-1 of the corpus named by seed into dir,
// creating it if needed.
func (s *Source) WriteDir(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("storysynth: %w", err)
	}
	for i := 0; i < n; i++ {
		name, data := s.Article(seed, i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("storysynth: %w", err)
		}
	}
	return nil
}

// rng draws from internal/synth's SplitMix64, seeded its own way.
type rng struct{ synth.SplitMix }

func newRNG(seed uint64, i int) *rng {
	return &rng{synth.SplitMix{State: synth.Mix(synth.Mix(seed^0x243f6a8885a308d3) ^ uint64(i))}}
}

// intn returns a number in [0, n), n > 0.
func (r *rng) intn(n int) int {
	return int(r.Next() % uint64(n))
}

// WriteCorpus writes a corpus of n articles into dir: the .md seed
// articles of seedsDir and generated articles (seed names them) for the
// rest.
func WriteCorpus(dir, seedsDir string, n int, seed uint64) error {
	src, err := Load(seedsDir)
	if err != nil {
		return err
	}
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.md"))
	if err != nil {
		return fmt.Errorf("storysynth: %w", err)
	}
	if err := src.WriteDir(dir, max(0, n-len(seeds)), seed); err != nil {
		return err
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			return fmt.Errorf("storysynth: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), data, 0o644); err != nil {
			return fmt.Errorf("storysynth: %w", err)
		}
	}
	return nil
}
