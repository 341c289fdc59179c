package load

import (
	"os"
	"path/filepath"
)

// WorkTreeTop returns the top of the git work tree holding dir: the
// nearest directory upwards, dir included, with a .git entry (a directory,
// or a file in a linked work tree or submodule). It returns "" when there
// is none. This is the one place cjm looks for it: the default include
// root and the paths of SARIF and GitLab reports both come from here.
func WorkTreeTop(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
