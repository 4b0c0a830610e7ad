package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// The Docker image's promises, tested through the binary: Docker cannot
// run here.

// .env.example, copied to .env and passed with --env-file, must set
// nothing that would override the image's ENV (SEEDS_DIR, INDEX_DIR,
// METRICS_ADDR): every optional setting is commented out.
func TestEnvExampleSetsNothingOptional(t *testing.T) {
	vars, err := godotenv.Read(filepath.Join("..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range vars {
		if k != "DISCORD_TOKEN" || v != "" {
			t.Errorf(".env.example sets %s=%q; leave optional settings commented out", k, v)
		}
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", ".env.example"))
	for _, name := range []string{"DISCORD_TOKEN", "DISCORD_GUILD_ID", "BOT_ADMIN_IDS", "SEEDS_DIR", "INDEX_DIR",
		"DISCORD_API_URL", "SHARD_ID", "SHARD_COUNT", "DISCORD_PUBLIC_KEY", "HTTP_ADDR", "INDEX_WATCH",
		"METRICS_ADDR", "LOG_LEVEL", "LOG_FORMAT", "FEEDBACK_DB"} {
		if !regexp.MustCompile(`(?m)^#? ?` + name + `=`).Match(b) {
			t.Errorf(".env.example does not list %s", name)
		}
	}
}

// Empty SEEDS_DIR and INDEX_DIR, in the environment or in a .env copied
// from .env.example, count as unset: the defaults apply, or the
// environment's values (the image's ENV) when it has them.
func TestEmptyVariablesAreUnset(t *testing.T) {
	seeds := seedsAbs(t)
	wd := t.TempDir()
	t.Chdir(wd)
	if err := os.CopyFS("seeds", os.DirFS(seeds)); err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join(seeds, "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(wd, "cache")
	t.Setenv("XDG_CACHE_HOME", cache) // where the default index goes
	image := map[string]string{"SEEDS_DIR": filepath.Join(wd, "seeds"), "INDEX_DIR": filepath.Join(wd, "data", "index")}
	for _, tc := range []struct {
		name       string
		dotenv     string
		env        map[string]string
		seeds, idx string
	}{
		{"empty in the environment", "", map[string]string{"SEEDS_DIR": "", "INDEX_DIR": " ", "LOG_LEVEL": "", "LOG_FORMAT": ""}, "seeds", filepath.Join(cache, "storybot", "index")},
		{"empty in .env", "SEEDS_DIR=\nINDEX_DIR=\nLOG_LEVEL=\n", nil, "seeds", filepath.Join(cache, "storybot", "index")},
		{"the image's ENV and .env.example", string(example), image, image["SEEDS_DIR"], image["INDEX_DIR"]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(".env")
			if tc.dotenv != "" {
				if err := os.WriteFile(".env", []byte(tc.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			stdout, stderr, err := runBot(t, tc.env, "", "index")
			if err != nil {
				t.Fatalf("index: %v\n%s", err, stderr)
			}
			if !strings.Contains(stdout, "seeds: "+tc.seeds+"\n") || !strings.Contains(stdout, "index: "+tc.idx+"\n") {
				t.Errorf("stdout:\n%s\nwant seeds: %s and index: %s", stdout, tc.seeds, tc.idx)
			}
			readCurrent(t, tc.idx)
		})
	}
}

func seedsAbs(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// The Dockerfile copies the packages the binary is built from one by one:
// a package added to the binary and not to that list breaks the image,
// which cannot be built here. Every package of this module that cmd/bot
// imports, directly or not, must be copied.
func TestDockerfileCopiesEveryPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	df, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	copied := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^COPY (\S+) \./`).FindAllStringSubmatch(string(df), -1) {
		copied[strings.TrimSuffix(m[1], "/")] = true
	}
	const module = "github.com/storybot/storybot/"
	for _, pkg := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(pkg, module)
		if !ok {
			continue
		}
		found := false
		for dir := rel; dir != "." && dir != ""; dir = filepath.Dir(dir) {
			if copied[dir] {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the Dockerfile does not COPY %s, which the binary imports", rel)
		}
	}
}
