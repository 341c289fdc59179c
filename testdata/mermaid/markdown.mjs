// markdown.mjs FILE.md... renders each Markdown report with marked (GitHub
// Flavored Markdown: tables, strikethrough, autolinks) and prints, as JSON,
// file -> HTML. marked passes raw HTML through unsanitised, so any markup a
// label managed to smuggle into the report shows up in its output.
import { readFileSync } from 'node:fs';
import { marked } from 'marked';

const out = {};
for (const file of process.argv.slice(2)) {
  out[file] = marked.parse(readFileSync(file, 'utf8'), { gfm: true, async: false });
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
