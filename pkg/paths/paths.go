package paths

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cjm-dev/cjm/pkg/load"
)

// sniffBytes is how much of a YAML file larger than the load limit is read
// to decide whether it is a journey file (it then fails validation with
// file-too-large rather than being skipped in silence).
const sniffBytes = 64 << 10

// Expand returns the journey files that args name, sorted and without
// duplicates (names are cleaned, so "./a.yaml" and "a.yaml" are one file).
//
// A file named explicitly is always taken, whatever its name or content. A
// directory is walked recursively for *.yaml and *.yml files that carry a
// top-level `cjm` key (load.IsJourney); other YAML files are skipped in
// silence, as are hidden directories (.git, .github …) and node_modules
// below the named directory. Symbolic links to files are followed, links to
// directories are not. A path that does not exist is an error.
func Expand(args []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, pathError(arg, err)
		}
		if !info.IsDir() {
			add(arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return pathError(p, err)
			}
			if d.IsDir() {
				if p != arg && SkipDir(d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if !IsYAML(d.Name()) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				fi, err := os.Stat(p)
				if err != nil || !fi.Mode().IsRegular() {
					return nil // a dangling link or a link to a directory
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			ok, err := isJourney(p)
			if err != nil {
				return pathError(p, err)
			}
			if ok {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// SkipDir says whether a directory walk skips the directory called name
// (below the one it starts from): hidden directories (.git, .github …)
// and node_modules. cjm serve watches the same tree that Expand walks.
func SkipDir(name string) bool {
	return (strings.HasPrefix(name, ".") && name != "." && name != "..") || name == "node_modules"
}

// IsYAML says whether a file name has a YAML extension (.yaml, .yml, in
// any case): the files a directory walk reads.
func IsYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// isJourney reads the file, or its first sniffBytes when it is over the
// load limit, and asks load.IsJourney.
func isJourney(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	var r io.Reader = f
	if info.Size() > load.DefaultMaxBytes {
		r = io.LimitReader(f, sniffBytes)
	}
	src, err := io.ReadAll(r)
	if err != nil {
		return false, err
	}
	return load.IsJourney(src), nil
}

// pathError words a failure to find or read a path the way `ls` does:
// "maps/x.yaml: no such file or directory".
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file or directory", path)
	}
	return fmt.Errorf("%s: %w", path, err)
}
