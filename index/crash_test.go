package index

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The crash test runs the test binary again as a child that builds an
// index; the parent kills it mid-build with SIGKILL.
const (
	crashChildEnv = "STORYBOT_CRASH_CHILD" // "hold" or "run"
	crashSeedsEnv = "STORYBOT_CRASH_SEEDS"
	crashIndexEnv = "STORYBOT_CRASH_INDEX"
	progressLine  = "STORYBOT_PROGRESS"
)

var syntheticWords = strings.Fields("army brigade border ceremony convoy deployment envoy frontline garrison harbour intelligence medal ministry mission officer parade pension region rocket shell soldier summit treaty village")

// writeSyntheticSeeds writes n generated articles of ten sentences each.
// A build reports progress every 2000 passages, so n must exceed 200.
// Article i mentions the made-up word "marker<i>", so it can be found.
func writeSyntheticSeeds(t testing.TB, dir string, n int) (passages int) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Synthetic report %d\noutlet: Test Wire\n---\n", i)
		for s := 0; s < 10; s++ {
			fmt.Fprintf(&b, "Report %d line %d says the", i, s)
			for w := 0; w < 8; w++ {
				b.WriteString(" " + syntheticWords[rng.Intn(len(syntheticWords))])
			}
			if s == 0 {
				fmt.Fprintf(&b, " marker%d", i)
			}
			b.WriteString(".")
			if s%2 == 1 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		writeFile(t, filepath.Join(dir, fmt.Sprintf("synthetic-%03d.md", i)), b.String())
	}
	return n * 10
}

// crashChild builds the index as the parent asked and reports progress on
// stdout; "hold" stops in the first batch until it is killed.
func crashChild() {
	hold := os.Getenv(crashChildEnv) == "hold"
	progress := func(done, total int) {
		if done < total {
			fmt.Printf("%s %d %d\n", progressLine, done, total)
			if hold {
				time.Sleep(time.Minute)
			}
		}
	}
	st, rep, err := Open(context.Background(), os.Getenv(crashSeedsEnv), os.Getenv(crashIndexEnv), Options{Progress: progress})
	if err != nil {
		fmt.Println("child:", err)
		os.Exit(1)
	}
	fmt.Printf("child built %+v\n", rep)
	st.Close()
}

func TestRebuildKilled(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		crashChild()
		return
	}
	if testing.Short() {
		t.Skip("builds a large index")
	}
	tests := []struct {
		name string
		hold bool
	}{
		{"killed while a batch is in flight", true},
		{"killed while indexing", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seeds, dir := copySeeds(t), t.TempDir()
			st, first := openStore(t, seeds, dir, Options{})
			st.Close()
			before := readCurrentFile(t, dir)
			synthetic := writeSyntheticSeeds(t, seeds, 210)

			mode := "run"
			if tc.hold {
				mode = "hold"
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestRebuildKilled$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+mode, crashSeedsEnv+"="+seeds, crashIndexEnv+"="+dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
			lines := make(chan string)
			go func() {
				defer close(lines)
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					lines <- sc.Text()
				}
			}()
			timeout := time.After(2 * time.Minute)
		wait:
			for {
				select {
				case line, ok := <-lines:
					if !ok {
						t.Fatalf("the child ended before any progress; stderr:\n%s", stderr.String())
					}
					if strings.HasPrefix(line, progressLine) {
						break wait
					}
				case <-timeout:
					t.Fatal("no progress from the child")
				}
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			go func() {
				for range lines {
				}
			}()
			cmd.Wait()

			// Whatever CURRENT names is whole and answers as before.
			current := readCurrentFile(t, dir)
			if tc.hold && current != before {
				t.Fatalf("CURRENT names %s after the build was killed, was %s", current, before)
			}
			h, err := openCurrent(dir)
			if err != nil {
				t.Fatalf("the generation CURRENT names does not open: %v", err)
			}
			if current == before && h.meta.Passages != first.Passages {
				t.Errorf("previous generation holds %d passages, had %d", h.meta.Passages, first.Passages)
			}
			hits, err := (&Snapshot{h: h}).Search(context.Background(), []WeightedTerm{{Term: "chrysanthemum", Weight: 1}}, 1)
			h.release()
			if err != nil || len(hits) != 1 || hits[0].Text != chrysanthemumText {
				t.Fatalf("search of the surviving generation: %+v, %v", hits, err)
			}
			var halfBuilt []string
			for _, g := range generations(t, dir) {
				if _, err := os.Stat(filepath.Join(dir, g, metaFile)); err != nil {
					halfBuilt = append(halfBuilt, g)
				}
			}
			if tc.hold && len(halfBuilt) != 1 {
				t.Errorf("half-built generations %v, want the one the child was writing", halfBuilt)
			}

			if tc.hold {
				// The next Open builds from the seeds, cleanly, and clears
				// the half-built generation away.
				st2, rep := openStore(t, seeds, dir, Options{})
				if !rep.Built || rep.Passages != first.Passages+synthetic {
					t.Errorf("Open after the kill: %+v, want a build of %d passages", rep, first.Passages+synthetic)
				}
				mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)
				hits, err = find(context.Background(), st2, "marker209")
				if err != nil || len(hits) != 1 || !strings.HasPrefix(hits[0].Text, "Report 209 line 0 ") {
					t.Errorf("search for an article the killed build was indexing: %+v, %v", hits, err)
				}
			} else {
				// With the seeds as they were, the previous generation opens
				// as it is, and the next build clears the half-built one.
				for i := 0; i < 210; i++ {
					if err := os.Remove(filepath.Join(seeds, fmt.Sprintf("synthetic-%03d.md", i))); err != nil {
						t.Fatal(err)
					}
				}
				st2, rep := openStore(t, seeds, dir, Options{})
				if current == before && (rep.Built || readCurrentFile(t, dir) != before) {
					t.Errorf("Open after the kill: %+v, want the previous generation %s opened as it is", rep, before)
				}
				mustFindTop(t, st2, chrysanthemumQuery, chrysanthemumText)
				if _, err := st2.Rebuild(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if gens := generations(t, dir); slices.ContainsFunc(halfBuilt, func(g string) bool { return slices.Contains(gens, g) }) {
				t.Errorf("generations %v still hold half-built %v", gens, halfBuilt)
			}
		})
	}
}
