// Command wordlist writes answer/words.txt.gz, the English words the
// answer engine knows to be spelled right, from SCOWL's American English
// list as Debian packages it (apt-get install wamerican):
//
//	go run ./internal/wordlist [-in /usr/share/dict/american-english] [-out answer/words.txt.gz]
//
// It keeps lower-case words of three or more ASCII letters (no names, no
// possessives), sorted, one a line. The list's licence asks that its
// notice travel with it: answer/words.NOTICE is its copyright file.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

func main() {
	in := flag.String("in", "/usr/share/dict/american-english", "the word list, one word a line")
	out := flag.String("out", "answer/words.txt.gz", "where to write the kept words")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wordlist:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); len(w) >= 3 && lowerASCII(w) {
			seen[w] = true
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	z, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	z.ModTime = time.Time{}
	if _, err := z.Write([]byte(strings.Join(words, "\n") + "\n")); err != nil {
		o.Close()
		return err
	}
	if err := z.Close(); err != nil {
		o.Close()
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %d words to %s\n", len(words), out)
	return nil
}

func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
