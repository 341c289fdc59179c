// Package initcmd implements `cjm init`, which writes a valid, commented
// starting map from one of the embedded templates. (The directory is
// pkg/cmd/init; Go reserves the name init for functions.)
package initcmd
