package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write puts files into dir as a whole: it writes them into a new
// temporary directory beside dir, then swaps that in with two renames (dir
// to a second temporary name, the new one to dir) and removes the old
// site. A run that fails at any point leaves the previous dir as it was.
// An existing dir is replaced only when it is empty or holds Marker (a
// site cjm wrote), so a mistyped -o never deletes someone's folder.
func Write(dir string, files Files) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	exists := false
	if info, err := os.Lstat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s exists and is not a directory; name a directory for the site", dir)
		}
		exists = true
		if err := replaceable(dir); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fmt.Errorf("cannot write the site beside %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, name := range files.Paths() {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("cannot write the site: %w", err)
		}
	}
	if !exists {
		return os.Rename(tmp, dir)
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return fmt.Errorf("cannot replace %s: %w", dir, err)
	}
	// MkdirTemp made old so that its name is ours; rename needs it gone.
	if err := os.Remove(old); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("cannot replace %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("cannot replace %s: %w (the previous site is in %s)", dir, err, old)
		}
		return fmt.Errorf("cannot replace %s: %w", dir, err)
	}
	_ = os.RemoveAll(old)
	return nil
}

// replaceable fails unless dir is empty or holds a site cjm wrote.
func replaceable(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty and is not a site cjm wrote (it has no %s); cjm site replaces its output directory as a whole, so name a new or empty directory", dir, Marker)
	}
	return nil
}
