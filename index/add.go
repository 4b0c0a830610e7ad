package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// ErrDuplicate is returned when an added article is already in the seeds.
var ErrDuplicate = invalid("this article is already in the seeds")

// AddArticle validates an article sent by an admin, saves it into the
// seeds directory under a name made here (never one taken from the
// sender: name only tells .md from .txt) and rebuilds the index. An
// invalid article is rejected with a clear error and changes nothing; if
// the rebuild fails, the file is removed again.
func (s *Store) AddArticle(ctx context.Context, name string, data []byte) (Report, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".md" && ext != ".txt" {
		return Report{}, ErrFileType
	}
	a, err := Parse("added"+ext, data)
	if err != nil {
		return Report{}, err
	}
	file, path, err := s.save(a.Title, ext, data)
	if err != nil {
		return Report{}, err
	}
	rep, err := s.Rebuild(ctx)
	if err != nil {
		os.Remove(path)
		return rep, err
	}
	rep.Added = file
	return rep, nil
}

// save writes data into the seeds under a name made from title, unless a
// seed already holds it. The check and the write are one step, under a
// lock held by one Store and one process at a time (a lock on the seeds
// directory itself, for processes sharing it), so two uploads of one
// article save it once.
func (s *Store) save(title, ext string, data []byte) (file, path string, err error) {
	s.addMu.Lock()
	defer s.addMu.Unlock()
	unlock, err := lockExisting(s.seeds)
	if err != nil {
		return "", "", fmt.Errorf("lock seeds %s: %w", s.seeds, err)
	}
	defer unlock()
	if dup, err := s.holds(data); err != nil {
		return "", "", err
	} else if dup != "" {
		return "", "", fmt.Errorf("%w (%s)", ErrDuplicate, dup)
	}
	// Two articles with one title can arrive within a second: the name
	// then takes a number.
	stem := time.Now().UTC().Format("20060102-150405") + "-" + slug(title)
	for n := 1; ; n++ {
		file = stem + ext
		if n > 1 {
			file = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		path = filepath.Join(s.seeds, file)
		err := writeNew(path, data)
		if err == nil {
			return file, path, nil
		}
		if !errors.Is(err, os.ErrExist) || n >= 100 {
			return "", "", fmt.Errorf("save article: %w", err)
		}
	}
}

// holds returns the name of a seed article whose content is data, if
// any. Hidden files are not articles (the loader skips them): temporary
// files of a save in progress, or left by a crash, never count.
func (s *Store) holds(data []byte) (string, error) {
	entries, err := os.ReadDir(s.seeds)
	if err != nil {
		return "", fmt.Errorf("read seeds %s: %w", s.seeds, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !IsArticleFile(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(s.seeds, e.Name())); err == nil && bytes.Equal(b, data) {
			return e.Name(), nil
		}
	}
	return "", nil
}

// tempFile matches the temporary files writeNew makes in the seeds (see
// writeDurable) and leaves behind only when the process dies mid-save.
var tempFile = regexp.MustCompile(`^\..+\.(?i:md|txt)\.tmp-[0-9]+$`)

// sweepTemps removes temporary files left in the seeds by saves that never
// finished. It takes the add lock first, so a save in progress in another
// process sharing the seeds is never cut short.
func (s *Store) sweepTemps() {
	entries, err := os.ReadDir(s.seeds)
	if err != nil {
		return // Fingerprint reports an unreadable seeds directory
	}
	var stale []string
	for _, e := range entries {
		if e.Type().IsRegular() && tempFile.MatchString(e.Name()) {
			stale = append(stale, e.Name())
		}
	}
	if len(stale) == 0 {
		return
	}
	s.addMu.Lock()
	defer s.addMu.Unlock()
	unlock, err := lockExisting(s.seeds)
	if err != nil {
		s.log.Warn("cannot remove temporary files left in the seeds", "seeds", s.seeds, "err", err)
		return
	}
	defer unlock()
	for _, name := range stale {
		if err := os.Remove(filepath.Join(s.seeds, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			s.log.Warn("cannot remove a temporary file left in the seeds", "file", name, "err", err)
			continue
		}
		s.log.Info("removed a temporary file left by an interrupted save", "file", name)
	}
}

// slug makes a short file-name-safe form of a title: ASCII letters and
// digits joined by hyphens.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "article"
	}
	return out
}
