// parse.mjs FILE.mmd... parses each file with Mermaid's own parser (the
// one GitHub and GitLab use to draw ```mermaid blocks) and prints, as JSON,
// what Mermaid read: the title, the sections and each task's name, score
// and actors, with Mermaid's entity codes (#58; …) decoded the way Mermaid
// decodes them when it draws. A file Mermaid rejects is reported with its
// error; the exit code is 1 when any file failed.
import { readFileSync } from 'node:fs';
import DOMPurify from 'dompurify';

// Mermaid sanitises labels with DOMPurify, which needs a browser window;
// parsing needs none of it, so stand in for its hooks under Node.
if (typeof DOMPurify.addHook !== 'function') {
  DOMPurify.addHook = () => {};
  DOMPurify.removeHook = () => {};
  DOMPurify.removeHooks = () => {};
  DOMPurify.sanitize = (s) => String(s);
}
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

// decode turns Mermaid's internal entity placeholders back into text, as
// decodeEntities does followed by the browser reading &#NN;.
const decode = (s) =>
  String(s)
    .replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/\uFB02\u00B0(\w+)\u00B6\u00DF/g, (_, n) => `&${n};`);

const out = {};
let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const { diagramType } = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    out[file] = {
      type: diagramType,
      title: decode(db.getDiagramTitle()),
      sections: db.getSections().map(decode),
      tasks: db.getTasks().map((t) => ({
        section: decode(t.section),
        task: decode(t.task),
        score: t.score,
        people: t.people.map(decode),
      })),
    };
  } catch (e) {
    failed = true;
    out[file] = { error: String(e && e.message ? e.message : e) };
  }
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
process.exit(failed ? 1 : 0);
