// Package suggest finds the closest known name to a misspelt one, for the
// "did you mean …?" part of a finding: an unknown key, an unknown persona,
// channel, owner, touchpoint or stage id.
package suggest
