package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	if dup, err := s.holds(data); err != nil {
		return Report{}, err
	} else if dup != "" {
		return Report{}, fmt.Errorf("%w (%s)", ErrDuplicate, dup)
	}
	// Two articles with one title can arrive within a second: the name
	// then takes a number.
	stem := time.Now().UTC().Format("20060102-150405") + "-" + slug(a.Title)
	file, path := "", ""
	for n := 1; ; n++ {
		file = stem + ext
		if n > 1 {
			file = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		path = filepath.Join(s.seeds, file)
		err := writeNew(path, data)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || n >= 100 {
			return Report{}, fmt.Errorf("save article: %w", err)
		}
	}
	rep, err := s.Rebuild(ctx)
	if err != nil {
		os.Remove(path)
		return rep, err
	}
	rep.Added = file
	return rep, nil
}

// holds returns the name of a seed file whose content is data, if any.
func (s *Store) holds(data []byte) (string, error) {
	entries, err := os.ReadDir(s.seeds)
	if err != nil {
		return "", fmt.Errorf("read seeds %s: %w", s.seeds, err)
	}
	for _, e := range entries {
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
