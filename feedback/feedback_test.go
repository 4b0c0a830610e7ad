package feedback

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

var ctx = context.Background()

func vote(answer, v string) Vote {
	return Vote{Answer: answer, Vote: v, Question: "how many died", Quote: "Dozens died, officials said.",
		Source: Source{File: "seeds/000-reuters.md", Outlet: "Reuters", Title: "Kim decorates soldiers"}}
}

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestVotesSurviveReopening(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "feedback.db")
	s := open(t, path)
	if err := s.Record(ctx, "user-1", vote("a1", Down)); err != nil {
		t.Fatal(err)
	}
	if err := s.Comment(ctx, "user-1", Vote{Answer: "a1"}, "the figure is wrong"); err != nil {
		t.Fatal(err)
	}
	if err := s.Record(ctx, "user-2", vote("a1", Up)); err != nil {
		t.Fatal(err)
	}
	if err := s.Record(ctx, "user-2", vote("a2", Down)); err != nil {
		t.Fatal(err)
	}

	// A restart: a new Store over the same file, and a read-only reader.
	s2 := open(t, path)
	if s2.HashUser("user-1") != s.HashUser("user-1") {
		t.Errorf("the salt changed when the database was reopened")
	}
	for name, read := range map[string]func() ([]Vote, error){
		"store":     func() ([]Vote, error) { return s2.Votes(ctx) },
		"read-only": func() ([]Vote, error) { return Read(ctx, path) },
	} {
		votes, err := read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(votes) != 3 {
			t.Fatalf("%s: %d votes, want 3: %+v", name, len(votes), votes)
		}
		var found bool
		for _, v := range votes {
			if v.Answer == "a1" && v.User == s.HashUser("user-1") {
				found = true
				if v.Vote != Down || v.Comment != "the figure is wrong" || v.Question != "how many died" || v.Source.Outlet != "Reuters" {
					t.Errorf("%s: user-1's vote on a1 read back as %+v", name, v)
				}
			}
		}
		if !found {
			t.Errorf("%s: user-1's vote on a1 is missing: %+v", name, votes)
		}
	}
}

func TestOneVotePerUserPerAnswer(t *testing.T) {
	t.Parallel()
	s := open(t, filepath.Join(t.TempDir(), "feedback.db"))
	steps := []struct {
		name        string
		do          func() error
		wantVote    string
		wantComment string
	}{
		{"down", func() error { return s.Record(ctx, "u", vote("a", Down)) }, Down, ""},
		{"comment", func() error { return s.Comment(ctx, "u", Vote{Answer: "a"}, "wrong outlet") }, Down, "wrong outlet"},
		{"down again keeps the comment", func() error { return s.Record(ctx, "u", vote("a", Down)) }, Down, "wrong outlet"},
		{"changed to up drops it", func() error { return s.Record(ctx, "u", vote("a", Up)) }, Up, ""},
		{"a comment makes it down", func() error { return s.Comment(ctx, "u", Vote{Answer: "a"}, "no, wrong") }, Down, "no, wrong"},
		{"an empty comment clears it", func() error { return s.Comment(ctx, "u", Vote{Answer: "a"}, "") }, Down, ""},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		votes, err := s.Votes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(votes) != 1 {
			t.Fatalf("%s: %d votes, want 1", st.name, len(votes))
		}
		if v := votes[0]; v.Vote != st.wantVote || v.Comment != st.wantComment || v.Quote == "" {
			t.Errorf("%s: vote %q comment %q quote %q, want %q %q and the quote kept", st.name, v.Vote, v.Comment, v.Quote, st.wantVote, st.wantComment)
		}
	}
	if err := s.Record(ctx, "u", vote("a", "maybe")); err == nil {
		t.Error("a vote that is neither up nor down was accepted")
	}
}

func TestUserIDsAreHashedWithASaltPerDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const id = "5000000000000000001"
	a := open(t, filepath.Join(dir, "a.db"))
	b := open(t, filepath.Join(dir, "b.db"))
	if err := a.Record(ctx, id, vote("x", Up)); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(id)) {
		t.Error("the raw user ID is in the database file")
	}
	if a.HashUser(id) == b.HashUser(id) {
		t.Error("two databases hash a user ID alike: the salt is not per database")
	}
	if h := a.HashUser(id); len(h) != 64 || strings.Contains(h, id) {
		t.Errorf("hash %q, want 64 hex digits", h)
	}
}

func TestDamagedDatabases(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"garbage", func(t *testing.T, path string) {
			write(t, path, bytes.Repeat([]byte("not a database "), 2000))
		}},
		{"truncated", func(t *testing.T, path string) {
			s := open(t, path)
			for i := range 200 {
				if err := s.Record(ctx, "u", vote(strings.Repeat("k", 100)+string(rune('a'+i%26))+strings.Repeat("z", i), Down)); err != nil {
					t.Fatal(err)
				}
			}
			raw, _ := os.ReadFile(path)
			write(t, path, raw[:len(raw)/3])
		}},
		{"pages overwritten", func(t *testing.T, path string) {
			s := open(t, path)
			for i := range 50 {
				if err := s.Record(ctx, "u", vote(strings.Repeat("q", i+1), Down)); err != nil {
					t.Fatal(err)
				}
			}
			raw, _ := os.ReadFile(path)
			for i := 2 * 4096; i < len(raw); i++ {
				raw[i] = byte(i * 7)
			}
			write(t, path, raw)
		}},
		{"another bbolt database", func(t *testing.T, path string) {
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("votes")); return err })
			db.Close()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "feedback.db")
			tc.make(t, path)
			before, _ := os.ReadFile(path)
			// Whichever way it fails, it fails with an error, not a panic
			// or a crash, and the file is left for the operator.
			s, err := Open(path)
			if err == nil {
				err = s.Record(ctx, "u", vote("new", Down))
				if err == nil {
					_, err = s.Votes(ctx)
				}
			}
			if _, rerr := Read(ctx, path); rerr == nil || err == nil {
				t.Errorf("damage went unnoticed: Open/Record/Votes: %v; Read: %v", err, rerr)
			}
			if tc.name == "garbage" || tc.name == "another bbolt database" {
				if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
					t.Error("Open changed a file that is not a feedback database")
				}
			}
		})
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// An empty file is what a crash between creating and initialising the
// database leaves: bbolt starts it afresh.
func TestEmptyFileStartsAfresh(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "feedback.db")
	write(t, path, nil)
	s := open(t, path)
	if err := s.Record(ctx, "u", vote("a", Up)); err != nil {
		t.Fatal(err)
	}
	if votes, err := Read(ctx, path); err != nil || len(votes) != 1 {
		t.Errorf("Read: %v, %v; want the one vote", votes, err)
	}
}

func TestReadMissing(t *testing.T) {
	t.Parallel()
	votes, err := Read(ctx, filepath.Join(t.TempDir(), "none.db"))
	if err != nil || len(votes) != 0 {
		t.Errorf("Read of a missing database: %v, %v; want no votes and no error", votes, err)
	}
}

func TestTally(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 8, 22, 0, 0, 0, 0, time.UTC)
	at := func(v Vote, user string, min int, comment string) Vote {
		v.User, v.Time, v.Comment = user, t0.Add(time.Duration(min)*time.Minute), comment
		return v
	}
	got := Tally([]Vote{
		at(vote("liked", Up), "u1", 1, ""),
		at(vote("once", Down), "u1", 2, "old news"),
		at(vote("twice", Down), "u1", 3, "wrong number"),
		at(vote("twice", Down), "u2", 4, ""),
		at(vote("twice", Up), "u3", 5, ""),
		at(vote("twice-clean", Down), "u1", 6, ""),
		at(vote("twice-clean", Down), "u2", 7, "not about this"),
	})
	var keys []string
	for _, a := range got {
		keys = append(keys, a.Answer)
	}
	if strings.Join(keys, " ") != "twice-clean twice once" {
		t.Fatalf("order %v, want twice-clean twice once (most 👎, then fewest 👍; none never marked wrong)", keys)
	}
	if a := got[1]; a.Down != 2 || a.Up != 1 || len(a.Comments) != 1 || a.Comments[0] != "wrong number" || a.Question != "how many died" {
		t.Errorf("tally of twice: %+v", a)
	}
}
