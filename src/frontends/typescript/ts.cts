// The compiler ts-morph ships, loaded with require: importing the package from an ES module
// makes Node scan its CommonJS source for export names first, about 90 ms of every run.
import path = require("node:path");
import { preloadWithCodeCache } from "./code-cache.cjs";

const morphEntry = require.resolve("ts-morph");
const compiler = path.join(path.dirname(require.resolve("@ts-morph/common", { paths: [morphEntry] })), "typescript.js");
// In the node_modules folder that holds ts-morph, as other tools keep theirs (node_modules/.cache).
preloadWithCodeCache(compiler, path.resolve(morphEntry, "../../..", ".cache", "bgtask-lint"));

import morph = require("ts-morph");

export import ts = morph.ts;
