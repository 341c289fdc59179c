// Package wasmcache chooses where go-graphviz keeps wazero's compilation
// cache of the Graphviz WebAssembly module, and must initialise before it.
//
// go-graphviz compiles its module in a package init and caches the result
// in $TMPDIR/go-graphviz. On a machine with several users that directory
// belongs to whoever ran first, and everyone else's program panics at start
// ("permission denied"), whatever the command. So this package points
// TMPDIR at a directory of the user's own while go-graphviz initialises:
// os.UserCacheDir()/cjm, else <temp>/cjm-<uid>, else nowhere writable (then
// go-graphviz compiles without a cache, 0.8 s slower, and still works).
// pkg/graphviz calls Restore in its own init, which runs after go-graphviz's,
// so the rest of the program sees the original TMPDIR.
//
// Go initialises packages in import-path order among those whose imports
// are ready (Go 1.21 and later); this package imports only what
// go-graphviz's internal/wasm package imports too and sorts before it
// ("github.com/cjm-dev" < "github.com/goccy"), so it runs first.
// TestCacheDir checks it.
package wasmcache

import (
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the directory handed to go-graphviz as TMPDIR; the cache is
// Dir/go-graphviz. Empty when the cache is off.
var Dir string

var (
	saved    string
	hadSaved bool
	changed  bool
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		return // per-user temporary directories; go-graphviz's choice is fine
	}
	saved, hadSaved = os.LookupEnv("TMPDIR")
	Dir = choose()
	target := Dir
	if target == "" {
		// A path where go-graphviz cannot create its directory: it then
		// runs without a cache.
		target = "/dev/null"
	}
	if os.Setenv("TMPDIR", target) == nil {
		changed = true
	}
}

func choose() string {
	if d, err := os.UserCacheDir(); err == nil && d != "" {
		if dir := filepath.Join(d, "cjm"); usable(dir) {
			return dir
		}
	}
	if uid := os.Getuid(); uid >= 0 {
		if dir := filepath.Join(os.TempDir(), "cjm-"+itoa(uid)); usable(dir) {
			return dir
		}
	}
	return ""
}

// usable makes dir (private to the user) and checks that files can be
// created in it and in its go-graphviz subdirectory, if that exists.
func usable(dir string) bool {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false
	}
	for _, d := range []string{dir, filepath.Join(dir, "go-graphviz")} {
		if _, err := os.Stat(d); err != nil {
			continue
		}
		f, err := os.CreateTemp(d, ".probe-*")
		if err != nil {
			return false
		}
		name := f.Name()
		f.Close()
		os.Remove(name)
	}
	return true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Restore gives TMPDIR back its value from before this package's init.
func Restore() {
	if !changed {
		return
	}
	changed = false
	if hadSaved {
		os.Setenv("TMPDIR", saved)
	} else {
		os.Unsetenv("TMPDIR")
	}
}
