// Package gitrev reads a file as it was in a git revision, for arguments
// written `REV:PATH` (`HEAD~1:maps/b2b.yaml`), by running the `git`
// program. PATH follows git's rules: relative to the top of the work tree,
// or to the current directory when it starts with `./` or `../`.
package gitrev
