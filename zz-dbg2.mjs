import { readFileSync } from "node:fs";
import { TypeScriptFrontend } from "/work/main/dist/src/frontends/typescript/index.js";
import { rules } from "/work/main/dist/rules/index.js";
const f = process.argv[2];
const fe = new TypeScriptFrontend({ cwd: "/work/main", allRules: rules, analysis: { safeCalls: [], guards: [], maxDepth: 32, strictCalls: false }, warn: console.error });
const out = fe.lintFile(f, readFileSync(f, "utf8"), rules);
for (const r of out.reports) console.log(r.rule.meta.id, JSON.stringify(r.failure));
