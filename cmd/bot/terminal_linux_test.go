package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: what the bot writes to or reads from
// tty is what a person at a terminal sees or types at master.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// readAll collects what reaches master until the terminal is closed.
func readAll(master *os.File) (wait func() string) {
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		io.Copy(&buf, master) // ends with EIO once the tty side is closed
	}()
	return func() string { <-done; return buf.String() }
}

// On a terminal, `bot index` shows a live progress line instead of log
// lines about progress.
func TestIndexProgressOnTerminal(t *testing.T) {
	master, tty := openPTY(t)
	output := readAll(master)
	var stdout bytes.Buffer
	env := map[string]string{"SEEDS_DIR": seedsDir, "INDEX_DIR": t.TempDir()}
	err := run(t.Context(), []string{"index"}, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, tty)
	tty.Close()
	seen := output()
	if err != nil {
		t.Fatalf("index: %v\n%s", err, seen)
	}
	m := indexedRE.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("stdout %q", stdout.String())
	}
	if want := fmt.Sprintf("(%s/%s", m[1], m[1]); !strings.Contains(seen, "indexing articles") || !strings.Contains(seen, want) {
		t.Errorf("terminal shows no live progress line with %q:\n%q", want, seen)
	}
	if strings.Contains(seen, "msg=indexing") {
		t.Errorf("progress logged as lines on a terminal:\n%s", seen)
	}
	if !strings.Contains(seen, `msg="index built"`) {
		t.Errorf("the build's log line is missing:\n%s", seen)
	}
}

// A person at a terminal sees the chat's greeting; only a chat with no
// terminal on stdin explains itself on stderr.
func TestChatOnTerminalSaysNothingAboutTheToken(t *testing.T) {
	master, tty := openPTY(t)
	if _, err := master.Write([]byte("quit\n")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env := map[string]string{"SEEDS_DIR": seedsDir, "INDEX_DIR": filepath.Join(t.TempDir(), "idx")}
	err := run(t.Context(), nil, func(k string) string { return env[k] }, tty, &stdout, &stderr)
	if err != nil {
		t.Fatalf("chat: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "storybot: ask about the story") {
		t.Errorf("stdout %q, want the greeting", stdout.String())
	}
	if strings.Contains(stderr.String(), "DISCORD_TOKEN") {
		t.Errorf("stderr explains the console chat to a terminal:\n%s", stderr.String())
	}
}
