package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedsDir is the bundled articles, relative to this package.
var seedsDir = filepath.Join("..", "..", "seeds")

// runBot runs the program as a user would: args, an environment, stdin; it
// returns what was printed.
func runBot(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(key string) string { return env[key] }
	err = run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// jsonReply is one line of `ask --json`, as the contract in DESIGN.md
// gives it.
type jsonReply struct {
	Question string `json:"question"`
	Answered bool   `json:"answered"`
	Answers  []struct {
		Quote  string `json:"quote"`
		Source struct {
			File, Outlet, Title, Author, Date, URL string
		} `json:"source"`
		Score float64 `json:"score"`
	} `json:"answers"`
	Error *string `json:"error"`

	raw map[string]json.RawMessage
}

// parseReply parses one line of `ask --json` output and checks it keeps
// the contract: the four keys with their types, answers always a list,
// error null or a string, and quotes cut word for word from the seed file
// they cite.
func parseReply(t *testing.T, line string) jsonReply {
	t.Helper()
	var r jsonReply
	if err := json.Unmarshal([]byte(line), &r.raw); err != nil {
		t.Fatalf("not a JSON object: %v\n%.300s", err, line)
	}
	wantType := map[string]func(json.RawMessage) bool{
		"question": func(m json.RawMessage) bool { return m[0] == '"' },
		"answered": func(m json.RawMessage) bool { return string(m) == "true" || string(m) == "false" },
		"answers":  func(m json.RawMessage) bool { return m[0] == '[' },
		"error":    func(m json.RawMessage) bool { return string(m) == "null" || m[0] == '"' },
	}
	for key, ok := range wantType {
		m, found := r.raw[key]
		if !found {
			t.Fatalf("no %q in %.300s", key, line)
		}
		if !ok(m) {
			t.Fatalf("%q is %.100s, wrong type, in %.300s", key, m, line)
		}
	}
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatalf("decode %.300s: %v", line, err)
	}
	if r.Error != nil && (r.Answered || len(r.Answers) > 0) {
		t.Errorf("error %q with an answer: %.300s", *r.Error, line)
	}
	if r.Error != nil && strings.TrimSpace(*r.Error) == "" {
		t.Errorf("empty error message: %.300s", line)
	}
	if r.Answered != (len(r.Answers) > 0) {
		t.Errorf("answered %v with %d answers", r.Answered, len(r.Answers))
	}
	if len(r.Answers) > 5 {
		t.Errorf("%d answers, want at most 5", len(r.Answers))
	}
	for i, a := range r.Answers {
		var keys map[string]json.RawMessage
		var list []map[string]json.RawMessage
		json.Unmarshal(r.raw["answers"], &list)
		json.Unmarshal(list[i]["source"], &keys)
		for _, k := range []string{"file", "outlet", "title", "author", "date", "url"} {
			if m, ok := keys[k]; !ok || m[0] != '"' {
				t.Errorf("answer %d: source.%s is %s, want a string", i, k, m)
			}
		}
		if a.Source.Title == "" {
			t.Errorf("answer %d: source without a title: %+v", i, a.Source)
		}
		body, err := os.ReadFile(filepath.Join(seedsDir, filepath.Base(a.Source.File)))
		if err != nil {
			t.Errorf("answer %d: source.file %q is not a seed file: %v", i, a.Source.File, err)
			continue
		}
		if !strings.Contains(string(body), a.Quote) {
			t.Errorf("answer %d: quote is not verbatim from %s: %q", i, a.Source.File, a.Quote)
		}
		if i > 0 && a.Score > r.Answers[i-1].Score {
			t.Errorf("answer %d scores %v, above answer %d: not best first", i, a.Score, i-1)
		}
	}
	return r
}

// jsonLines splits stdout into lines, each of which must be a reply.
func jsonLines(t *testing.T, stdout string) []string {
	t.Helper()
	if stdout != "" && !strings.HasSuffix(stdout, "\n") {
		t.Errorf("stdout does not end in a newline: %.100q", stdout[max(0, len(stdout)-100):])
	}
	if stdout == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
}

func TestAskJSONEveryLine(t *testing.T) {
	huge := strings.Repeat("how many soldiers died? ", 100<<10/24)
	const (
		errNo  = iota // error null
		errYes        // error is a message
		errMaybe
	)
	lines := []struct {
		name     string
		line     string
		err      int
		answered bool   // checked when err is errNo and check is set
		check    bool   // answered must be as given
		question string // the echoed question, when not empty
	}{
		{"normal", "how many soldiers died", errNo, true, true, "how many soldiers died"},
		{"empty", "", errYes, false, true, ""},
		{"whitespace only", " \t \v\f ", errYes, false, true, ""},
		{"NUL and controls only", "\x00\x01\x02\x7f\x00", errYes, false, true, ""},
		{"NUL and controls inside", "how\x00many soldiers\x07died", errNo, true, true, "how many soldiers died"},
		{"CRLF", "how many soldiers died\r", errNo, true, true, "how many soldiers died"},
		{"ANSI escapes", "\x1b[31mhow many soldiers died\x1b[0m", errNo, false, false, ""},
		{"invalid UTF-8", "how \xff\xfe many soldiers \xc3\x28 died", errNo, false, false, ""},
		{"only invalid UTF-8", "\xff\xfe\xfd", errYes, false, true, ""},
		{"100 kB", huge, errYes, false, true, ""},
		{"mixed scripts", "Сколько солдат погибло? 死亡した兵士 كم عدد الجنود 🪖", errMaybe, false, true, ""},
		{"template", "{{.Token}}", errMaybe, false, false, ""},
		{"shell", "$(id)", errMaybe, false, false, ""},
		{"SQL", "'; DROP TABLE articles;--", errMaybe, false, false, ""},
		{"mention", "@everyone", errMaybe, false, false, ""},
		{"Bleve syntax", `title:foo +bar -baz "unterminated`, errMaybe, false, false, ""},
		{"quoted question", `"how many soldiers died"`, errNo, true, true, `"how many soldiers died"`},
		{"field name in a question", `title:how many soldiers died`, errNo, false, false, `title:how many soldiers died`},
		{"boost and fuzziness", `soldiers~2 died^10 *`, errMaybe, false, false, ""},
		{"JSON", `{"question":"x","answered":true}`, errMaybe, false, false, ""},
		{"unanswerable", "How tall is Mount Everest?", errNo, false, true, "How tall is Mount Everest?"},
		{"last line, no newline", "where was the ceremony?", errNo, true, true, "where was the ceremony?"},
	}
	var in []string
	for _, l := range lines {
		in = append(in, l.line)
	}
	stdout, stderr, err := runBot(t, nil, strings.Join(in, "\n"), "ask", "--json", "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, stderr)
	}
	out := jsonLines(t, stdout)
	if len(out) != len(lines) {
		t.Fatalf("%d lines of output for %d lines of input:\n%.2000s", len(out), len(lines), stdout)
	}
	for i, tc := range lines {
		t.Run(tc.name, func(t *testing.T) {
			r := parseReply(t, out[i])
			switch {
			case tc.err == errNo && r.Error != nil:
				t.Errorf("error %q, want none", *r.Error)
			case tc.err == errYes && r.Error == nil:
				t.Errorf("no error, want one")
			}
			if tc.check && r.Answered != tc.answered {
				t.Errorf("answered = %v, want %v", r.Answered, tc.answered)
			}
			if tc.question != "" && r.Question != tc.question {
				t.Errorf("question = %q, want %q", r.Question, tc.question)
			}
			if !utf8.ValidString(r.Question) {
				t.Errorf("question %q is not valid UTF-8", r.Question)
			}
			if n := utf8.RuneCountInString(r.Question); n > 1001 {
				t.Errorf("question echoed at %d runes", n)
			}
			if r.Error == nil && strings.ContainsAny(r.Question, "\x00\x1b\n\r") {
				t.Errorf("question %q echoes control characters", r.Question)
			}
		})
	}
}

func TestAskJSONANSIAnswered(t *testing.T) {
	stdout, _, err := runBot(t, nil, "\x1b[31mhow many soldiers died\x1b[0m\n", "ask", "--json", "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := parseReply(t, jsonLines(t, stdout)[0])
	if !r.Answered || r.Question != "how many soldiers died" {
		t.Errorf("question %q answered %v, want %q answered", r.Question, r.Answered, "how many soldiers died")
	}
}

func TestAskJSONArgument(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"how many soldiers died"},
		{"how", "many", "soldiers", "died"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			cmd := append([]string{"ask", "--json", "--seeds", seedsDir, "--index", dir}, args...)
			// stdin is not read when the question is an argument.
			stdout, stderr, err := runBot(t, nil, "where was the ceremony\n", cmd...)
			if err != nil {
				t.Fatalf("run: %v\nstderr: %s", err, stderr)
			}
			out := jsonLines(t, stdout)
			if len(out) != 1 {
				t.Fatalf("%d lines, want 1:\n%s", len(out), stdout)
			}
			r := parseReply(t, out[0])
			if r.Question != "how many soldiers died" || !r.Answered || r.Error != nil {
				t.Fatalf("question %q answered %v error %v; want it answered", r.Question, r.Answered, r.Error)
			}
			if !strings.Contains(r.Answers[0].Quote, "600") {
				t.Errorf("top quote %q, want the 600 dead", r.Answers[0].Quote)
			}
		})
	}
}

func TestAskJSONUnanswerable(t *testing.T) {
	r := askOneJSON(t, t.TempDir(), "How tall is Mount Everest?")
	if r.Answered {
		t.Errorf("answered %+v, want no answer", r.Answers)
	}
	if got := string(r.raw["answers"]); got != "[]" {
		t.Errorf("answers = %s, want []", got)
	}
	if got := string(r.raw["error"]); got != "null" {
		t.Errorf("error = %s, want null", got)
	}
	if _, ok := r.raw["note"]; ok {
		t.Errorf("note = %s, want none for a question the articles do not answer", r.raw["note"])
	}
}

// TestAskJSONNote: asked about an article that lacks what was asked, the
// reply is declined and says what the article lacks, in JSON and in text.
func TestAskJSONNote(t *testing.T) {
	index := t.TempDir()
	r := askOneJSON(t, index, "who wrote the abc article")
	if r.Answered || string(r.raw["note"]) != `"The ABC article does not name its author."` {
		t.Errorf("answered %v, note %s; want declined with what ABC's article lacks", r.Answered, r.raw["note"])
	}
	stdout, _, err := runBot(t, nil, "", "ask", "--seeds", seedsDir, "--index", index, "when was the abc story published")
	if err != nil {
		t.Fatal(err)
	}
	if want := "The ABC article does not give its date."; !strings.Contains(stdout, want) || strings.Contains(stdout, "don't answer") {
		t.Errorf("output %q, want %q alone", stdout, want)
	}
}

// askOneJSON asks the seeds one question with ask --json over index and
// returns its one reply.
func askOneJSON(t *testing.T, index, question string) jsonReply {
	t.Helper()
	stdout, _, err := runBot(t, nil, "", "ask", "--json", "--seeds", seedsDir, "--index", index, question)
	if err != nil {
		t.Fatal(err)
	}
	out := jsonLines(t, stdout)
	if len(out) != 1 {
		t.Fatalf("%d lines, want 1:\n%s", len(out), stdout)
	}
	return parseReply(t, out[0])
}

func TestAskText(t *testing.T) {
	stdout, _, err := runBot(t, nil, "how many soldiers died\nHow tall is Mount Everest?\n\n", "ask", "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"600", "— ", "The articles don't answer that.", "Sorry: the question is empty"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestAskMissingSeeds: without its articles folder `ask --json` fails,
// but each line still gets its reply, saying where the folder was looked
// for.
func TestAskMissingSeeds(t *testing.T) {
	stdout, _, err := runBot(t, nil, "how many soldiers died\n", "ask", "--json", "--seeds", filepath.Join(t.TempDir(), "nope"), "--index", t.TempDir())
	if err == nil {
		t.Errorf("no error for a seeds directory that does not exist")
	}
	out := jsonLines(t, stdout)
	if len(out) != 1 {
		t.Fatalf("%d lines for one question:\n%s", len(out), stdout)
	}
	if r := parseReply(t, out[0]); r.Answered || r.Error == nil || !strings.Contains(*r.Error, "no articles folder at") {
		t.Errorf("reply %s, want declined, saying the folder is missing", out[0])
	}
}

var indexedRE = regexp.MustCompile(`indexed (\d+) articles, (\d+) passages`)

func TestIndexThenAsk(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := runBot(t, nil, "", "index", "--seeds", seedsDir, "--index", dir)
	if err != nil {
		t.Fatalf("index: %v\nstderr: %s", err, stderr)
	}
	m := indexedRE.FindStringSubmatch(stdout)
	if m == nil || m[1] != "5" {
		t.Fatalf("index printed %q, want 5 articles", stdout)
	}
	if !strings.Contains(stdout, "index: "+dir) || !strings.Contains(stdout, "seeds: "+seedsDir) {
		t.Errorf("index output does not say where:\n%s", stdout)
	}
	if want := fmt.Sprintf("msg=indexing articles=%s total=%s", m[1], m[1]); !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks progress %q:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "\r") {
		t.Errorf("progress into a buffer, not a terminal, holds \\r:\n%q", stderr)
	}
	if !strings.Contains(stderr, "index built") {
		t.Errorf("stderr lacks the build log:\n%s", stderr)
	}
	current := readCurrent(t, dir)

	// ask opens the index that matches the seeds, and does not rebuild it.
	env := map[string]string{"LOG_LEVEL": "info"}
	stdout, stderr, err = runBot(t, env, "", "ask", "--json", "--seeds", seedsDir, "--index", dir, "how many soldiers died")
	if err != nil {
		t.Fatal(err)
	}
	if r := parseReply(t, jsonLines(t, stdout)[0]); !r.Answered {
		t.Errorf("not answered from the prebuilt index")
	}
	if strings.Contains(stderr, "build") {
		t.Errorf("ask rebuilt a matching index:\n%s", stderr)
	}
	if got := readCurrent(t, dir); got != current {
		t.Errorf("CURRENT changed from %q to %q: ask rebuilt a matching index", current, got)
	}

	// index always rebuilds.
	if _, stderr, err = runBot(t, nil, "", "index", "--seeds", seedsDir, "--index", dir); err != nil {
		t.Fatalf("index again: %v\n%s", err, stderr)
	}
	if got := readCurrent(t, dir); got == current {
		t.Errorf("CURRENT still %q after index: not rebuilt", got)
	}
}

func readCurrent(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copySeeds copies the bundled seeds to a directory a test may change.
func copySeeds(t testing.TB) string {
	t.Helper()
	seeds := filepath.Join(t.TempDir(), "seeds")
	if err := os.CopyFS(seeds, os.DirFS(seedsDir)); err != nil {
		t.Fatal(err)
	}
	return seeds
}

// An index built from other seeds is rebuilt by ask, and answers from the
// new article.
func TestAskRebuildsForChangedSeeds(t *testing.T) {
	seeds := copySeeds(t)
	dir := t.TempDir()
	const q = "how many elephants marched in the parade"
	stdout, _, err := runBot(t, nil, "", "ask", "--json", "--seeds", seeds, "--index", dir, q)
	if err != nil {
		t.Fatal(err)
	}
	if r := parseReply(t, jsonLines(t, stdout)[0]); r.Answered {
		t.Fatalf("answered %q before the article was added", r.Answers[0].Quote)
	}
	before := readCurrent(t, dir)

	extra := "Elephants at the parade\n\nThe parade in Pyongyang had 77 elephants marching behind the soldiers.\n"
	if err := os.WriteFile(filepath.Join(seeds, "005-parade.txt"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = runBot(t, nil, "", "ask", "--json", "--seeds", seeds, "--index", dir, q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string = jsonLines(t, stdout)
	var r jsonReply
	if err := json.Unmarshal([]byte(out[0]), &r); err != nil {
		t.Fatal(err)
	}
	if readCurrent(t, dir) == before {
		t.Errorf("CURRENT unchanged: the index was not rebuilt for the new seeds")
	}
	if !r.Answered || !strings.Contains(r.Answers[0].Quote, "77 elephants") || filepath.Base(r.Answers[0].Source.File) != "005-parade.txt" {
		t.Errorf("reply %s, want the 77 elephants from 005-parade.txt", out[0])
	}
}

func TestChat(t *testing.T) {
	stdout, stderr, err := runBot(t, nil, "how many soldiers died\nquit\nwhere was the ceremony\n", "--seeds", seedsDir, "--index", t.TempDir())
	if err != nil {
		t.Fatalf("chat: %v\nstderr: %s", err, stderr)
	}
	if !strings.HasPrefix(stdout, "storybot: ask about the story in 5 articles") {
		t.Errorf("no greeting naming 5 articles:\n%.300s", stdout)
	}
	if !regexp.MustCompile(`“[^”]*600[^”]*”\n— \S`).MatchString(stdout) {
		t.Errorf("no quote with the 600 dead and its citation:\n%s", stdout)
	}
	if !strings.Contains(stdout, "\n— Reuters · Joyce Lee and Ju-min Park · 2025-08-22 · Kim Jong Un decorates North Korean soldiers who fought Ukraine\n") {
		t.Errorf("no Reuters citation line:\n%s", stdout)
	}
	if !strings.HasSuffix(stdout, "> \n") {
		t.Errorf("chat went on after quit:\n%s", stdout)
	}
	if strings.Count(stdout, "> ") != 2 {
		t.Errorf("%d prompts, want 2 (the question, quit):\n%s", strings.Count(stdout, "> "), stdout)
	}
}

func TestChatEOF(t *testing.T) {
	dir := t.TempDir()
	for _, stdin := range []string{"", "how many soldiers died", "how many soldiers died\n", "\n\n"} {
		t.Run(strconv.Quote(stdin), func(t *testing.T) {
			stdout, _, err := runBot(t, map[string]string{"DISCORD_TOKEN": ""}, stdin, "--seeds", seedsDir, "--index", dir)
			if err != nil {
				t.Fatalf("chat ended with %v", err)
			}
			if strings.Contains(stdin, "died") != strings.Contains(stdout, "600") {
				t.Errorf("output for %q:\n%s", stdin, stdout)
			}
			if strings.Contains(stdout, "Sorry") {
				t.Errorf("blank lines are not questions:\n%s", stdout)
			}
			if !strings.HasSuffix(stdout, "\n") {
				t.Errorf("output does not end in a newline: %q", stdout[max(0, len(stdout)-40):])
			}
		})
	}
}

func TestEnvironment(t *testing.T) {
	seeds, err := filepath.Abs(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("SEEDS_DIR and INDEX_DIR", func(t *testing.T) {
		dir := t.TempDir()
		stdout, stderr, err := runBot(t, map[string]string{"SEEDS_DIR": seeds, "INDEX_DIR": dir}, "", "index")
		if err != nil {
			t.Fatalf("index: %v\n%s", err, stderr)
		}
		if !strings.Contains(stdout, "seeds: "+seeds+"\n") || !strings.Contains(stdout, "index: "+dir+"\n") {
			t.Errorf("index did not use the environment:\n%s", stdout)
		}
		readCurrent(t, dir)
	})
	t.Run("flags win over the environment", func(t *testing.T) {
		envDir, flagDir := t.TempDir(), t.TempDir()
		env := map[string]string{"SEEDS_DIR": filepath.Join(t.TempDir(), "nope"), "INDEX_DIR": envDir}
		if _, stderr, err := runBot(t, env, "", "index", "--seeds", seeds, "--index", flagDir); err != nil {
			t.Fatalf("index: %v\n%s", err, stderr)
		}
		readCurrent(t, flagDir)
		if _, err := os.Stat(filepath.Join(envDir, "CURRENT")); err == nil {
			t.Errorf("built in $INDEX_DIR despite --index")
		}
	})
	t.Run(".env does not override the environment", func(t *testing.T) {
		wd := t.TempDir()
		t.Chdir(wd)
		dotenv := "SEEDS_DIR=" + filepath.Join(wd, "dotenv-seeds") + "\nINDEX_DIR=" + filepath.Join(wd, "dotenv-index") + "\n"
		if err := os.WriteFile(".env", []byte(dotenv), 0o644); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		stdout, stderr, err := runBot(t, map[string]string{"SEEDS_DIR": seeds, "INDEX_DIR": dir}, "", "index")
		if err != nil {
			t.Fatalf("index: %v\n%s", err, stderr)
		}
		if !strings.Contains(stdout, "seeds: "+seeds+"\n") || !strings.Contains(stdout, "index: "+dir+"\n") {
			t.Errorf(".env overrode the environment:\n%s", stdout)
		}
		if _, err := os.Stat(filepath.Join(wd, "dotenv-index")); err == nil {
			t.Errorf("built the index .env names despite $INDEX_DIR")
		}
	})
	t.Run(".env fills in what the environment lacks", func(t *testing.T) {
		wd := t.TempDir()
		t.Chdir(wd)
		dir := filepath.Join(wd, "dotenv-index")
		if err := os.WriteFile(".env", []byte("INDEX_DIR="+dir+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, err := runBot(t, map[string]string{"SEEDS_DIR": seeds}, "", "index")
		if err != nil {
			t.Fatalf("index: %v\n%s", err, stderr)
		}
		if !strings.Contains(stdout, "index: "+dir+"\n") {
			t.Errorf("INDEX_DIR from .env not used:\n%s", stdout)
		}
		readCurrent(t, dir)
	})
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		stdout  string // must hold
		stderr  string // must hold
	}{
		{"help", []string{"help"}, false, "usage:", ""},
		{"unknown command", []string{"frobnicate"}, true, "", `unknown command "frobnicate"`},
		{"unknown flag", []string{"ask", "--frobnicate"}, true, "", "usage:"},
		{"json is for ask", []string{"index", "--json"}, true, "", "usage:"},
		{"stray argument", []string{"--index", "x", "stray"}, true, "", `unexpected arguments ["stray"]`},
		{"flag without value", []string{"ask", "--seeds"}, true, "", "usage:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wd := t.TempDir()
			t.Chdir(wd) // nothing may be built or read here
			stdout, stderr, err := runBot(t, nil, "how many soldiers died\n", tc.args...)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error: %v", err, tc.wantErr)
			}
			if !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stdout %q\nstderr %q\nwant %q and %q", stdout, stderr, tc.stdout, tc.stderr)
			}
			if tc.wantErr {
				if stdout != "" {
					t.Errorf("stdout %q on a usage error, want nothing", stdout)
				}
				if !strings.Contains(stderr, "usage:") {
					t.Errorf("no usage on stderr:\n%s", stderr)
				}
			} else {
				for _, want := range []string{"bot ask", "bot index", "--seeds", "--index", "--json"} {
					if !strings.Contains(stdout, want) {
						t.Errorf("usage lacks %q:\n%s", want, stdout)
					}
				}
			}
			if entries, _ := os.ReadDir(wd); len(entries) != 0 {
				t.Errorf("a usage error left %d files behind", len(entries))
			}
		})
	}
}

func TestUsageErrorIsErrUsage(t *testing.T) {
	_, _, err := runBot(t, nil, "", "frobnicate")
	if !errors.Is(err, errUsage) {
		t.Errorf("error %v, want errUsage", err)
	}
}

func TestHelpFlag(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"ask", "-h"}, {"index", "--help"}} {
		stdout, stderr, err := runBot(t, nil, "", args...)
		if err != nil {
			t.Errorf("%q: error %v, want none", args, err)
		}
		if !strings.Contains(stdout+stderr, "usage:") {
			t.Errorf("%q: no usage printed", args)
		}
	}
}
