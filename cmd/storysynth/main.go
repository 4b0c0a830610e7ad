// Command storysynth writes a story-heavy corpus for benchmarks: the bundled
// seed articles plus generated articles that recombine their sentences
// (see internal/storysynth).
//
//	storysynth -seeds seeds -n 10000 -out /tmp/story-10k
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/storybot/storybot/internal/storysynth"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "storysynth:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("storysynth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seeds := fs.String("seeds", "seeds", "the seed articles to recombine")
	out := fs.String("out", "", "directory to write the corpus into")
	n := fs.Int("n", 10000, "articles in the corpus, the seed articles included")
	seed := fs.Uint64("seed", 1, "names the corpus")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-out is required")
	}
	return storysynth.WriteCorpus(*out, *seeds, *n, *seed)
}
