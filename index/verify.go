package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A generation's files are checked against the sizes and CRC-32Cs its
// metadata lists before it is used. Reading every byte of the index at
// every start would make cold start grow with the corpus (and bring every
// page of the mapped files into memory), so a generation found whole is
// stamped: verifiedFile records what stat says of each file (inode, size,
// modification and change times), and a file whose stat still matches is
// not read again; sizes are always compared. Any write to a file, or a
// copy or restore of it, gives it a new change time, which no program can
// set back, so such a file is read and checked again. A file changed less
// than racyWindow before the check is not stamped: a change within the
// same clock tick as the check would leave its times as they were (git's
// index treats "racily clean" files the same way). A generation's first
// open in a process other than its builder checks it whole; later opens
// stat it. Damage below the file system (bits rotting on disk) is not
// seen by stat, as it was never seen between opens either.
const verifiedFile = "verified"

var racyWindow = 2 * time.Second // a variable for the tests

// fileStamp is what stat says of a file that was found whole, and the
// checksum it was found to have: a stamp holds only while the metadata
// still lists that checksum.
type fileStamp struct {
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"`
	Ctime int64  `json:"ctime"`
	CRC   uint32 `json:"crc"`
}

// checkFiles checks that the files of genDir are those listed in want,
// reading only those it has no matching stamp for.
func checkFiles(genDir string, want map[string]fileSum) error {
	if len(want) == 0 {
		return errors.New("index metadata lists no files")
	}
	var stamps map[string]fileStamp
	if b, err := os.ReadFile(filepath.Join(genDir, verifiedFile)); err == nil {
		json.Unmarshal(b, &stamps) // a damaged stamp only means reading all
	}
	now := time.Now()
	fresh := make(map[string]fileStamp, len(want))
	read := false
	for name, w := range want {
		path := filepath.Join(genDir, filepath.FromSlash(name))
		info, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("index file %s is missing", name)
		case err != nil:
			return fmt.Errorf("index files: %w", err)
		case !info.Mode().IsRegular():
			return fmt.Errorf("index file %s is not a regular file", name)
		case info.Size() != w.Size:
			return fmt.Errorf("index file %s is %d bytes, was %d", name, info.Size(), w.Size)
		}
		st, ok := stampOf(info)
		st.CRC = w.CRC
		if old, found := stamps[name]; ok && found && old == st {
			fresh[name] = st
			continue
		}
		read = true
		sum, err := checksumFile(path)
		if err != nil {
			return fmt.Errorf("index files: %w", err)
		}
		if sum != w {
			return fmt.Errorf("index file %s has changed since it was written", name)
		}
		if ok && now.Sub(time.Unix(0, max(st.Mtime, st.Ctime))) > racyWindow {
			fresh[name] = st
		}
	}
	if read && len(fresh) > 0 {
		// At best effort: an index directory may be read-only.
		writeFileSync(filepath.Join(genDir, verifiedFile), mustJSON(fresh))
	}
	return nil
}

// checksumFile sums the file at path.
func checksumFile(path string) (fileSum, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	if err != nil {
		return fileSum{}, err
	}
	return fileSum{Size: n, CRC: h.Sum32()}, nil
}
