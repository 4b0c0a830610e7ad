package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestVersion(t *testing.T) {
	t.Run("stamped", func(t *testing.T) {
		defer func(v string) { version = v }(version)
		version = "v1.2.3-test"
		for _, args := range [][]string{{"--version"}, {"-version"}, {"ask", "--version"}, {"index", "--version"}} {
			stdout, stderr, err := runBot(t, nil, "", args...)
			if err != nil || stdout != "storybot v1.2.3-test\n" || stderr != "" {
				t.Errorf("%q: stdout %q stderr %q error %v; want %q alone", args, stdout, stderr, err, "storybot v1.2.3-test\n")
			}
		}
	})
	t.Run("from the build", func(t *testing.T) {
		stdout, _, err := runBot(t, nil, "", "--version")
		if err != nil || !regexp.MustCompile(`^storybot \S+\n$`).MatchString(stdout) {
			t.Errorf("stdout %q error %v; want storybot and a version", stdout, err)
		}
	})
}

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"usage", errUsage, 2},
		{"wrapped usage", wrapErr(errUsage), 2},
		{"failure", os.ErrNotExist, 1},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}

func wrapErr(err error) error { return &wrapped{err} }

type wrapped struct{ err error }

func (w *wrapped) Error() string { return "wrapped: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

// TestMainProcess runs main in a child process, as a shell would, and
// checks the exit status and streams a script sees.
func TestMainProcess(t *testing.T) {
	if args := os.Getenv("STORYBOT_MAIN_ARGS"); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			panic(err)
		}
		os.Args = append([]string{"bot"}, a...)
		main()
		return
	}
	missing := filepath.Join(t.TempDir(), "no-such-seeds")
	for _, tc := range []struct {
		name         string
		args         []string
		code         int
		stdout       string // a regexp stdout must match
		stderr       string // a regexp stderr must match
		stderrAbsent string
	}{
		{"version", []string{"--version"}, 0, `^storybot \S+\n$`, `^$`, ""},
		{"bad flag", []string{"--frobnicate"}, 2, `^$`, `(?s)flag provided but not defined: -frobnicate.*usage:.*bot ask`, ""},
		{"unknown command", []string{"frobnicate"}, 2, `^$`, `usage:`, ""},
		{"missing seeds", []string{"ask", "how many died", "--seeds", missing}, 1, `^$`,
			`^bot: no articles folder at ` + regexp.QuoteMeta(missing) + ` \(given by --seeds\): point --seeds DIR or SEEDS_DIR at the folder of articles\n$`, "usage:"},
		{"bad LOG_LEVEL", []string{"index", "--seeds", missing}, 1, `^$`, `LOG_LEVEL="verbose"`, "usage:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := json.Marshal(tc.args)
			cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$", "-test.count=1")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "STORYBOT_MAIN_ARGS="+string(a), "SEEDS_DIR=", "INDEX_DIR="+t.TempDir(), "LOG_LEVEL=", "DISCORD_TOKEN=")
			if tc.name == "bad LOG_LEVEL" {
				cmd.Env = append(cmd.Env, "LOG_LEVEL=verbose")
			}
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, tc.code, stderr.String())
			}
			if !regexp.MustCompile(tc.stdout).MatchString(stdout.String()) {
				t.Errorf("stdout %q, want it to match %s", stdout.String(), tc.stdout)
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q, want it to match %s", stderr.String(), tc.stderr)
			}
			if tc.stderrAbsent != "" && strings.Contains(stderr.String(), tc.stderrAbsent) {
				t.Errorf("stderr holds %q:\n%s", tc.stderrAbsent, stderr.String())
			}
		})
	}
}

func TestFlagsAfterQuestion(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		args     []string
		question string
	}{
		{"flags after", []string{"ask", "how many soldiers died", "--seeds", seedsDir, "--index", dir, "--json"}, "how many soldiers died"},
		{"flags between words", []string{"ask", "how", "many", "--json", "soldiers", "died", "--seeds=" + seedsDir, "-index", dir}, "how many soldiers died"},
		{"flags before", []string{"ask", "--json", "--seeds", seedsDir, "--index", dir, "how many soldiers died"}, "how many soldiers died"},
		{"-- ends the flags", []string{"ask", "--json", "--seeds", seedsDir, "--index", dir, "--", "how", "many", "--json", "soldiers", "died"}, "how many --json soldiers died"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runBot(t, nil, "", tc.args...)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			out := jsonLines(t, stdout)
			if len(out) != 1 {
				t.Fatalf("%d lines, want 1 JSON line:\n%s", len(out), stdout)
			}
			if r := parseReply(t, out[0]); r.Question != tc.question {
				t.Errorf("question %q, want %q", r.Question, tc.question)
			}
		})
	}
}

// A missing articles folder says where it was looked for, on whose word,
// and how to point elsewhere; nothing is built.
func TestMissingSeeds(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	missing := filepath.Join(wd, "elsewhere")
	file := filepath.Join(wd, "article.md")
	if err := os.WriteFile(file, []byte("# not a folder\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"default", nil, []string{"ask", "q"}, "no articles folder at " + filepath.Join(wd, "seeds") + " (the default: ./seeds in the working directory)"},
		{"flag", nil, []string{"index", "--seeds", "elsewhere"}, "no articles folder at " + missing + " (given by --seeds)"},
		{"environment", map[string]string{"SEEDS_DIR": missing}, []string{"ask", "q"}, "no articles folder at " + missing + " (from SEEDS_DIR)"},
		{"a file", map[string]string{"SEEDS_DIR": file}, nil, file + " (from SEEDS_DIR) is not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"INDEX_DIR": filepath.Join(wd, "index")}
			for k, v := range tc.env {
				env[k] = v
			}
			stdout, _, err := runBot(t, env, "how many died\n", tc.args...)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range []string{tc.want, "--seeds DIR", "SEEDS_DIR"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if _, err := os.Stat(filepath.Join(wd, "index")); err == nil {
				t.Errorf("an index directory was made without articles")
			}
		})
	}
}

// TestAskWithoutArticles: when the articles folder holds no article with
// text, `ask --json` still replies to every line, each saying why it
// cannot be answered, and the run fails.
func TestAskWithoutArticles(t *testing.T) {
	seeds := t.TempDir()
	if err := os.WriteFile(filepath.Join(seeds, "001.txt"), []byte("Only a title\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SEEDS_DIR": seeds, "INDEX_DIR": t.TempDir()}
	stdout, _, err := runBot(t, env, "how many died\n\nwho wrote it\n", "ask", "--json")
	if err == nil || !strings.Contains(err.Error(), "no articles") {
		t.Errorf("error %v, want one saying there are no articles", err)
	}
	out := jsonLines(t, stdout)
	if len(out) != 3 {
		t.Fatalf("%d lines for 3 questions:\n%s", len(out), stdout)
	}
	for i, l := range out {
		r := parseReply(t, l)
		if r.Answered || len(r.Answers) != 0 || r.Error == nil || !strings.Contains(*r.Error, "no articles") {
			t.Errorf("line %d: %s, want declined with the reason", i+1, l)
		}
	}
}

// TestAskWithoutArticlesRepliesAtOnce: each reply comes as its line is
// read, not when the input ends: a program that writes a question and
// waits for its answer is not left waiting.
func TestAskWithoutArticlesRepliesAtOnce(t *testing.T) {
	getenv := func(key string) string {
		return map[string]string{"SEEDS_DIR": filepath.Join(t.TempDir(), "nope"), "INDEX_DIR": t.TempDir()}[key]
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"ask", "--json"}, getenv, inR, outW, io.Discard)
		outW.Close()
	}()
	replies := bufio.NewReader(outR)
	for _, q := range []string{"how many died", "who wrote it"} {
		if _, err := io.WriteString(inW, q+"\n"); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			line, _ := replies.ReadString('\n')
			got <- line
		}()
		select {
		case line := <-got:
			if r := parseReply(t, strings.TrimSpace(line)); r.Question != q || r.Error == nil {
				t.Errorf("reply %q, want one for %q with the reason", line, q)
			}
		case <-time.After(time.Minute):
			t.Fatalf("no reply to %q while the input stays open", q)
		}
	}
	inW.Close()
	if err := <-done; err == nil {
		t.Error("no error without an articles folder")
	}
}
