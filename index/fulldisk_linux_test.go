package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const (
	fullDiskChildEnv = "STORYBOT_FULLDISK_CHILD"
	fullDiskExtraEnv = "STORYBOT_FULLDISK_EXTRA"
)

// fullDiskChild opens the index as the parent built it, then rebuilds from
// grown seeds with files capped at a few kilobytes (RLIMIT_FSIZE), so that
// writing the new generation fails as on a full disk. It reports whether
// the rebuild failed and the old generation still answers.
func fullDiskChild() {
	st, _, err := Open(context.Background(), os.Getenv(crashSeedsEnv), os.Getenv(crashIndexEnv), Options{})
	if err != nil {
		fmt.Println("child open:", err)
		os.Exit(1)
	}
	defer st.Close()
	// New articles arrive after the index was opened, as before a /reindex.
	extra := os.Getenv(fullDiskExtraEnv)
	entries, err := os.ReadDir(extra)
	if err != nil {
		fmt.Println("child:", err)
		os.Exit(1)
	}
	for _, e := range entries {
		if err := os.Rename(filepath.Join(extra, e.Name()), filepath.Join(os.Getenv(crashSeedsEnv), e.Name())); err != nil {
			fmt.Println("child:", err)
			os.Exit(1)
		}
	}
	// Past the limit the kernel sends SIGXFSZ; ignored, the write fails
	// with EFBIG instead, which is what a full disk looks like to us.
	signal.Ignore(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 16 << 10, Max: 16 << 10}); err != nil {
		fmt.Println("child setrlimit:", err)
		os.Exit(1)
	}
	if _, err := st.Rebuild(context.Background()); err != nil {
		fmt.Println("REBUILD FAILED:", err)
	} else {
		fmt.Println("REBUILD SUCCEEDED")
	}
	snap, release, err := st.Acquire()
	if err != nil {
		fmt.Println("child acquire:", err)
		os.Exit(1)
	}
	defer release()
	hits, err := snap.Search(context.Background(), []WeightedTerm{{Term: "kill", Weight: 1}}, 5)
	fmt.Printf("SERVING %d %v\n", len(hits), err)
}

func TestRebuildDiskFull(t *testing.T) {
	if os.Getenv(fullDiskChildEnv) != "" {
		fullDiskChild()
		return
	}
	if testing.Short() {
		t.Skip("builds a large index")
	}
	seeds, dir := copySeeds(t), t.TempDir()
	st, _ := openStore(t, seeds, dir, Options{})
	st.Close()
	before := readCurrentFile(t, dir)
	extra := t.TempDir()
	writeSyntheticSeeds(t, extra, 210)

	cmd := exec.Command(os.Args[0], "-test.run=^TestRebuildDiskFull$", "-test.count=1")
	cmd.Env = append(os.Environ(), fullDiskChildEnv+"=1", crashSeedsEnv+"="+seeds, crashIndexEnv+"="+dir, fullDiskExtraEnv+"="+extra)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	text := string(out)
	t.Logf("child:\n%s", text)
	if !strings.Contains(text, "REBUILD FAILED:") {
		t.Fatalf("rebuild did not fail with files capped at 16 kB:\n%s", text)
	}
	if !strings.Contains(text, "SERVING ") || strings.Contains(text, "SERVING 0") || !strings.Contains(text, "<nil>") {
		t.Errorf("the old index stopped serving after the failed rebuild:\n%s", text)
	}
	if after := readCurrentFile(t, dir); after != before {
		t.Errorf("CURRENT changed from %q to %q after a failed build", before, after)
	}
	// The next start, with room again, rebuilds from the grown seeds.
	st2, rep := openStore(t, seeds, dir, Options{})
	defer st2.Close()
	if !rep.Built || rep.Articles != 5+210 {
		t.Errorf("after the disk error, Open reported %+v, want a build of %d articles", rep, 5+210)
	}
}
