// Package gitrev reads a file as it was in a git revision, for arguments
// written `REV:PATH` (`HEAD~1:maps/b2b.yaml`), by running the `git`
// program. PATH follows git's rules: relative to the top of the work tree,
// or to the current directory when it starts with `./` or `../`. Before
// reading, it asks git what the object is and how large (`git cat-file -t`,
// `-s`): a directory is refused, and so is a file over the caller's size
// limit, and no more than the limit is ever read.
package gitrev
