// Package ruleset holds what a project configuration (.cjm.yaml, package
// config) decides about rules: the level of each rule (off, warning,
// error), the parameters of the policy rules, and the day that evidence
// ages are measured from. It is a leaf package so that the loader's
// options (load.Options.Rules) can carry it to package check, which
// applies it; package validate runs the policy rules it turns on.
package ruleset
