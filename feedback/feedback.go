// Package feedback keeps readers' votes on answers (👍 or 👎, with an
// optional comment) in an embedded bbolt database. It is the only package
// that imports bbolt.
//
// The database is opened for each operation and closed after it: votes are
// rare, and a file left unlocked lets replicas sharing a volume, and `bot
// feedback` run beside the bot, all use it. User IDs are never stored:
// each is replaced by its SHA-256 with a random salt kept in the database.
package feedback

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Vote values.
const (
	Up   = "up"
	Down = "down"
)

// Source is the article an answer quoted, as the bot cited it.
type Source struct {
	File   string `json:"file"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Author string `json:"author"`
	Date   string `json:"date"`
	URL    string `json:"url"`
}

// Vote is one reader's vote on one answer (a quote given for a question).
// A reader has one vote per answer; voting again replaces it.
type Vote struct {
	// Answer identifies the answer: the same question, article and quote
	// always have the same key.
	Answer string `json:"answer"`
	// User is the voter's ID hashed with the database's salt; Record takes
	// the raw ID and hashes it.
	User     string    `json:"user"`
	Vote     string    `json:"vote"` // Up or Down
	Comment  string    `json:"comment"`
	Question string    `json:"question"`
	Quote    string    `json:"quote"`
	Source   Source    `json:"source"`
	Time     time.Time `json:"time"`
}

// Buckets and meta keys.
var (
	bucketMeta  = []byte("meta")
	bucketVotes = []byte("votes")
	keySalt     = []byte("salt")
	keyFormat   = []byte("format")
	formatV1    = []byte("storybot-feedback-1")
)

// lockWait bounds how long an operation waits for another process (a
// replica, `bot feedback`) to release the file.
const lockWait = time.Second

// ErrNotFeedback is a file that is a valid bbolt database but not ours.
var ErrNotFeedback = errors.New("not a storybot feedback database")

// Store is a feedback database at a path.
type Store struct {
	path string
	salt []byte
}

// Open creates the database at path (and its directory) when missing, and
// checks that it can be read and written. A corrupt file is an error, and
// is left as it is for the operator to look at.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("feedback %s: %w", path, err)
	}
	s := &Store{path: path}
	err := s.update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if f := meta.Get(keyFormat); f == nil {
			if tx.Bucket(bucketVotes) != nil {
				return ErrNotFeedback
			}
			if err := meta.Put(keyFormat, formatV1); err != nil {
				return err
			}
		} else if !bytes.Equal(f, formatV1) {
			return ErrNotFeedback
		}
		salt := meta.Get(keySalt)
		if len(salt) == 0 {
			salt = make([]byte, 32)
			if _, err := rand.Read(salt); err != nil {
				return err
			}
			if err := meta.Put(keySalt, salt); err != nil {
				return err
			}
		}
		s.salt = bytes.Clone(salt)
		_, err = tx.CreateBucketIfNotExists(bucketVotes)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Path is where the database is.
func (s *Store) Path() string { return s.path }

// HashUser is what the database keeps instead of a user ID.
func (s *Store) HashUser(userID string) string {
	h := sha256.New()
	h.Write(s.salt)
	h.Write([]byte(userID))
	return hex.EncodeToString(h.Sum(nil))
}

// Record sets userID's vote on v.Answer to v.Vote, replacing any earlier
// one. A comment is kept while the vote stays Down and the new vote brings
// none; a vote Up drops it. Empty question, quote and source fields are
// filled from the earlier vote.
func (s *Store) Record(ctx context.Context, userID string, v Vote) error {
	if v.Vote != Up && v.Vote != Down {
		return fmt.Errorf("feedback: vote %q: want %q or %q", v.Vote, Up, Down)
	}
	if v.Answer == "" || userID == "" {
		return errors.New("feedback: a vote needs an answer and a user")
	}
	return s.write(ctx, userID, v, false)
}

// Comment sets userID's vote on v.Answer to Down with comment (an empty
// comment clears it).
func (s *Store) Comment(ctx context.Context, userID string, v Vote, comment string) error {
	if v.Answer == "" || userID == "" {
		return errors.New("feedback: a comment needs an answer and a user")
	}
	v.Vote, v.Comment = Down, comment
	return s.write(ctx, userID, v, true)
}

func (s *Store) write(ctx context.Context, userID string, v Vote, setComment bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.User = s.HashUser(userID)
	if v.Time.IsZero() {
		v.Time = time.Now().UTC()
	}
	key := []byte(v.Answer + "\x00" + v.User)
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketVotes)
		if b == nil {
			return ErrNotFeedback
		}
		if old := b.Get(key); old != nil {
			var prev Vote
			if json.Unmarshal(old, &prev) == nil {
				if !setComment && v.Vote == Down && prev.Vote == Down && v.Comment == "" {
					v.Comment = prev.Comment
				}
				fill(&v.Question, prev.Question)
				fill(&v.Quote, prev.Quote)
				if v.Source == (Source{}) {
					v.Source = prev.Source
				}
			}
		}
		if v.Vote == Up {
			v.Comment = ""
		}
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return b.Put(key, data)
	})
}

func fill(dst *string, prev string) {
	if *dst == "" {
		*dst = prev
	}
}

// Votes lists every vote, oldest first.
func (s *Store) Votes(ctx context.Context) ([]Vote, error) {
	return readVotes(ctx, s.path, false)
}

// Read lists the votes in the database at path, oldest first, opening it
// read-only: for `bot feedback`, beside a running bot. A missing file
// holds no votes.
func Read(ctx context.Context, path string) ([]Vote, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return readVotes(ctx, path, true)
}

func readVotes(ctx context.Context, path string, readOnly bool) ([]Vote, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Vote
	err := with(path, readOnly, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if meta == nil || !bytes.Equal(meta.Get(keyFormat), formatV1) {
				return ErrNotFeedback
			}
			b := tx.Bucket(bucketVotes)
			if b == nil {
				return nil
			}
			return b.ForEach(func(k, data []byte) error {
				var v Vote
				if err := json.Unmarshal(data, &v); err != nil {
					return fmt.Errorf("vote %q: %w", k, err)
				}
				out = append(out, v)
				return nil
			})
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, nil
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	return with(s.path, false, func(db *bolt.DB) error { return db.Update(fn) })
}

// with opens the database, runs fn and closes it. A damaged file can make
// bbolt panic, or fault on its memory map; either becomes an error here,
// so that a bad database costs the feedback, never the bot.
func with(path string, readOnly bool, fn func(*bolt.DB) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("feedback %s: damaged database: %v", path, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	if err != nil {
		return fmt.Errorf("feedback %s: %w", path, err)
	}
	defer db.Close()
	if err := fn(db); err != nil {
		return fmt.Errorf("feedback %s: %w", path, err)
	}
	return nil
}

// Answer sums up the votes on one answer.
type Answer struct {
	Answer   string
	Question string
	Quote    string
	Source   Source
	Up, Down int
	// Comments are the 👎 comments, oldest first.
	Comments []string
}

// Tally groups votes by answer, the most 👎 first (then the fewest 👍,
// then the latest vote), and leaves out answers nobody marked wrong.
func Tally(votes []Vote) []Answer {
	byKey := map[string]*Answer{}
	latest := map[string]time.Time{}
	var order []string
	for _, v := range votes {
		a, ok := byKey[v.Answer]
		if !ok {
			a = &Answer{Answer: v.Answer}
			byKey[v.Answer] = a
			order = append(order, v.Answer)
		}
		fill(&a.Question, v.Question)
		fill(&a.Quote, v.Quote)
		if a.Source == (Source{}) {
			a.Source = v.Source
		}
		switch v.Vote {
		case Up:
			a.Up++
		case Down:
			a.Down++
			if v.Comment != "" {
				a.Comments = append(a.Comments, v.Comment)
			}
		}
		if v.Time.After(latest[v.Answer]) {
			latest[v.Answer] = v.Time
		}
	}
	var out []Answer
	for _, k := range order {
		if byKey[k].Down > 0 {
			out = append(out, *byKey[k])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Down != b.Down {
			return a.Down > b.Down
		}
		if a.Up != b.Up {
			return a.Up < b.Up
		}
		return latest[a.Answer].After(latest[b.Answer])
	})
	return out
}
