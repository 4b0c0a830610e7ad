// Command wordlist writes answer/words.txt, the English words the
// answer engine knows to be spelled right, from SCOWL's American English
// list as Debian packages it (apt-get install wamerican):
//
//	go run ./internal/wordlist [-in /usr/share/dict/american-english] [-out answer/words.txt]
//
// It keeps lower-case words of three or more ASCII letters (no names, no
// possessives), sorted, one a line. The list's licence asks that its
// notice travel with it: answer/words.NOTICE is its copyright file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	in := flag.String("in", "/usr/share/dict/american-english", "the word list, one word a line")
	out := flag.String("out", "answer/words.txt", "where to write the kept words")
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
	if err := os.WriteFile(out, []byte(strings.Join(words, "\n")+"\n"), 0o644); err != nil {
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
