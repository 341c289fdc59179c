// Package atomicfile writes a file so that readers see either the old
// contents or the new, never a half-written file: the bytes go to a
// temporary file in the same directory, which is synced and renamed into
// place, and the directory is synced after the rename. A failed write
// leaves the previous file untouched.
//
// Temporaries are named .<name>.tmp-<digits>. A process killed between
// creating one and renaming it (SIGKILL, power loss) leaves it behind, so
// the first write into a directory in each process removes the stale ones:
// regular files of that pattern last modified more than StaleAge ago.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// StaleAge is how old a temporary of ours must be to be removed as the
// leftover of a killed process. No write of cjm's takes a minute between
// creating its temporary and renaming it; an age, unlike a process id,
// also holds when several machines write to a shared directory.
const StaleAge = time.Minute

// tempName matches the names of our temporaries: .<name>.tmp-<digits>.
var tempName = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// WriteFile writes data to path atomically. A new file gets perm less the
// umask, as os.WriteFile gives it; an existing file keeps its mode.
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	cleanOnce(dir)
	keep := os.FileMode(0)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		keep = fi.Mode().Perm()
		perm = fi.Mode().Perm()
	}
	f, err := createTemp(dir, base, perm)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if keep != 0 {
		// The umask applied when the temporary was created; the file it
		// replaces keeps its mode exactly.
		if err = os.Chmod(tmp, keep); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	// Make the rename itself durable. A file system that cannot sync a
	// directory still has the new file in place: not worth a failure.
	_ = syncDir(dir)
	return nil
}

// createTemp creates .<base>.tmp-<digits> in dir, exclusively, with perm
// (less the umask).
func createTemp(dir, base string, perm os.FileMode) (*os.File, error) {
	for range 10000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s", dir)
}

var (
	cleanedMu sync.Mutex
	cleaned   = map[string]bool{}
)

// cleanOnce removes stale temporaries from dir the first time this
// process writes there.
func cleanOnce(dir string) {
	key := dir
	if abs, err := filepath.Abs(dir); err == nil {
		key = abs
	}
	cleanedMu.Lock()
	done := cleaned[key]
	cleaned[key] = true
	cleanedMu.Unlock()
	if !done {
		RemoveStale(dir, time.Now().Add(-StaleAge))
	}
}

// RemoveStale removes from dir the temporaries of our naming pattern
// (regular files, not links) last modified before cutoff, and returns the
// names it removed. Failures are ignored: a leftover we cannot remove
// harms nothing that writing the file needs.
func RemoveStale(dir string, cutoff time.Time) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempName.MatchString(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}
