package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An unknown LOG_LEVEL or LOG_FORMAT stops the bot before it does
// anything, naming the variable; empty ones count as unset.
func TestLogSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // in the error; "" for none
	}{
		{"unset", map[string]string{}, ""},
		{"empty", map[string]string{"LOG_LEVEL": "", "LOG_FORMAT": ""}, ""},
		{"known", map[string]string{"LOG_LEVEL": " Debug ", "LOG_FORMAT": "JSON"}, ""},
		{"warning", map[string]string{"LOG_LEVEL": "warning", "LOG_FORMAT": "text"}, ""},
		{"unknown level", map[string]string{"LOG_LEVEL": "verbose"}, `LOG_LEVEL="verbose": want debug, info, warn or error`},
		{"unknown format", map[string]string{"LOG_FORMAT": "xml"}, `LOG_FORMAT="xml": want text or json`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			env := map[string]string{"SEEDS_DIR": seedsDir, "INDEX_DIR": dir}
			for k, v := range tc.env {
				env[k] = v
			}
			stdout, stderr, err := runBot(t, env, "", "index")
			if tc.want == "" {
				if err != nil || !strings.Contains(stdout, "indexed 5 articles") {
					t.Errorf("error %v, stdout %q; want the index built\n%s", err, stdout, stderr)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("the index was built despite the bad setting")
			}
		})
	}
}

// With LOG_FORMAT=json every line on stderr is a JSON object, progress
// included, and stdout is what it always is.
func TestLogFormatJSON(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"LOG_FORMAT": "json", "SEEDS_DIR": seedsDir, "INDEX_DIR": dir}
	for _, args := range [][]string{{"index"}, {"ask", "--json", "how many soldiers died"}} {
		t.Run(args[0], func(t *testing.T) {
			stdout, stderr, err := runBot(t, env, "", args...)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			if args[0] == "index" && !strings.Contains(stdout, "indexed 5 articles") {
				t.Errorf("stdout %q", stdout)
			}
			if args[0] == "ask" {
				parseReply(t, jsonLines(t, stdout)[0])
			}
			msgs := map[string]bool{}
			for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				if line == "" {
					continue
				}
				var v map[string]any
				if err := json.Unmarshal([]byte(line), &v); err != nil {
					t.Errorf("stderr line is not JSON: %q", line)
					continue
				}
				msg, _ := v["msg"].(string)
				msgs[msg] = true
			}
			if args[0] == "index" && (!msgs["indexing"] || !msgs["index built"]) {
				t.Errorf("no progress or build line among %v:\n%s", msgs, stderr)
			}
		})
	}
}

// Chat and ask say when they must build the index, and where it is kept;
// when it is there already they say nothing.
func TestAskAndChatSayWhereTheIndexIs(t *testing.T) {
	for _, args := range [][]string{{"ask", "--json", "how many soldiers died"}, {}} {
		t.Run(strings.Join(append([]string{"bot"}, args...), " "), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			env := map[string]string{"SEEDS_DIR": seedsDir, "INDEX_DIR": dir}
			stdout, stderr, err := runBot(t, env, "how many soldiers died\n", args...)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			if !strings.Contains(stdout, "600") {
				t.Errorf("no answer:\n%s", stdout)
			}
			for _, want := range []string{`msg="no index yet; building" index=` + dir, "msg=indexing articles=", `msg="index built"`} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			_, stderr, err = runBot(t, env, "how many soldiers died\n", args...)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(stderr, "index") {
				t.Errorf("the index was there, yet stderr says:\n%s", stderr)
			}
			if strings.Contains(stderr, "\r") {
				t.Errorf("\\r in stderr that is not a terminal: %q", stderr)
			}
		})
	}
}

// Without DISCORD_TOKEN and with stdin not a terminal (a container's
// /dev/null, a pipe), the bot says why it is a console chat.
func TestNoTokenSaysConsoleChat(t *testing.T) {
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	var stdout, stderr strings.Builder
	env := map[string]string{"DISCORD_TOKEN": "", "SEEDS_DIR": seedsDir, "INDEX_DIR": t.TempDir()}
	err = run(t.Context(), nil, func(k string) string { return env[k] }, devnull, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if want := "running as a console chat on stdin and stdout because DISCORD_TOKEN is not set"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "storybot: ask about the story") {
		t.Errorf("stdout %q, want the chat's greeting", stdout.String())
	}
}
