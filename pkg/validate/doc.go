// Package validate checks a loaded journey map against the rules of format
// 1 that need the whole map: ids, duplicates (after includes are merged),
// references between elements, the emotion and metric ranges, and the
// warnings of docs/format.md. Each finding points at the offending node and
// carries a stable rule name. Policy runs the policy rules a project
// configuration turns on, and Apply applies its rule levels and the inline
// `# cjm:ignore` suppressions. Rules lists every rule of cjm, the loader's
// included, with its help: docs/rules.md and the SARIF output are made
// from it.
package validate
