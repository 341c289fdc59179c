// Package schema implements `cjm schema`, which prints the JSON Schema of
// the journey format for editors.
package schema
