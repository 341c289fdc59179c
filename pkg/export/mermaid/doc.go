// Package mermaid writes a journey map as a Mermaid `journey` diagram: a
// section per stage, a task per touchpoint scored 1..5 from its emotion
// (−2..+2), the personas who meet it as the task's actors.
//
// Mermaid's journey grammar gives `:`, `#` and `;` meanings (and `%`
// starts a comment), so every label goes out with those characters as
// Mermaid entity codes (`#58;`, `#35;`, `#59;` …), which Mermaid turns back
// into the characters when it draws. See docs/reports.md.
package mermaid
