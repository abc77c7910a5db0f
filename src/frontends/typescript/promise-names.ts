import { codeText } from "./code-text.js";
import { mayBeStatementCall } from "./statement-position.js";
import { LOGGER_NAME, SAFE_METHODS } from "./safe-calls.js";
import { skipSpaceBack, wordBefore } from "./text-scan.js";

/**
 * A text index of the project's functions that may return a promise, so that floating-task
 * parses only files that can drop one: a file where no promise-making expression (see
 * PROMISE_MARKERS) and no call to a name in the index may stand in statement position holds no
 * statement whose value is a promise the analysis could see. Names are collected without parsing: async functions and methods, functions
 * declared to return a Promise, every function of a file that makes one (`new Promise(`), and,
 * a few rounds over, every function of a file that returns a call to a name already known.
 * Over-collecting only costs a parse; a name missed would cost a finding, so when unsure the
 * index says yes.
 */
export class PromiseNames {
  private names: Set<string> | undefined;
  private readonly indexed: ReadonlySet<string>;
  private lastTest: { filePath: string; text: string; test: (name: string) => boolean } | undefined;

  /** `factsOf`: each file's contribution to the index, from `promiseNameFacts` of its text (or a cache of it). */
  constructor(
    private readonly files: readonly string[],
    private readonly factsOf: (filePath: string) => PromiseNameFacts | undefined,
  ) {
    this.indexed = new Set(files);
  }

  /** True when a file's text can hold a statement whose value may be a promise. */
  mayDropPromise(filePath: string, text: string): boolean {
    const code = codeText(text);
    return makesPromiseInStatement(code) || callsAny(code, this.nameTestFor(filePath, text));
  }

  /** Whether a file's call by a name may call a promise-returning function: a name of the index, an imported alias of one, one of the file's own. */
  nameTestFor(filePath: string, text: string): (name: string) => boolean {
    // The pre-filter asks first, then the lint of the same file.
    if (this.lastTest?.filePath === filePath && this.lastTest.text === text) return this.lastTest.test;
    const names = this.index();
    const local = new Set([...importedAliases(text, names), ...this.ownNames(filePath, text)]);
    const test = (name: string): boolean => names.has(name) || local.has(name);
    this.lastTest = { filePath, text, test };
    return test;
  }

  /** The file's own promise-returning names, when it is linted on its own, outside the indexed files (whose names the index has). */
  private ownNames(filePath: string, text: string): ReadonlySet<string> {
    return this.indexed.has(filePath) ? new Set() : new Set(promiseNameFacts(text).names);
  }

  private index(): Set<string> {
    if (this.names) return this.names;
    const names = new Set<string>();
    const wrappers: Array<NonNullable<PromiseNameFacts["wrapper"]>> = [];
    const aliases: Array<[string, string]> = [];
    for (const file of this.files) {
      const facts = this.factsOf(file);
      if (!facts) continue;
      for (const name of facts.names) names.add(name);
      if (facts.wrapper) wrappers.push(facts.wrapper);
      if (facts.aliases) aliases.push(...facts.aliases);
    }
    for (let round = 0; round < WRAPPER_ROUNDS; round++) {
      const before = names.size;
      for (const wrapper of wrappers) {
        if (wrapper.returnedCalls.some((name) => names.has(name))) for (const name of wrapper.declared) names.add(name);
      }
      for (const [from, to] of aliases) if (names.has(from)) names.add(to);
      if (names.size === before) break;
    }
    this.names = names;
    return names;
  }
}

/** What one file gives the index: names it always adds, and a wrapper's names, added when it returns a call of a known name. */
export interface PromiseNameFacts {
  names: string[];
  wrapper?: { declared: string[]; returnedCalls: string[] };
  /** `[from, to]`: `to` names the same function as `from` (`export { save as persist }`, `const persist = save`). */
  aliases?: Array<[string, string]>;
}

export function promiseNameFacts(text: string): PromiseNameFacts {
  const names = functionNames([...asyncNames(text), ...promiseTypedNames(text)]);
  const aliases = aliasesIn(text, names);
  const withAliases = (facts: PromiseNameFacts): PromiseNameFacts => (aliases.length > 0 ? { ...facts, aliases } : facts);
  const declared = () => functionNames(declaredNames(text));
  if (PROMISE_MAKERS.test(text)) return withAliases({ names: [...names, ...declared()] });
  if (!text.includes("return") && !text.includes("=>")) return withAliases({ names });
  return withAliases({ names, wrapper: { declared: declared(), returnedCalls: [...text.matchAll(RETURNED_CALL)].map((match) => match[1]!) } });
}

/** Other names a text gives functions: `export { save as persist }`, `const persist = save`; `export { default as persist }` names one outright (into `names`). */
function aliasesIn(text: string, names: string[]): Array<[string, string]> {
  const aliases: Array<[string, string]> = [];
  for (const match of text.matchAll(EXPORT_CLAUSE)) {
    for (const part of match[1]!.split(",")) {
      const [from, to] = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/);
      if (from === "default" && to) names.push(to);
      else if (from && to) aliases.push([from, to]);
    }
  }
  for (const match of text.matchAll(CONST_ALIAS)) aliases.push([match[2]!, match[1]!]);
  return aliases;
}

const EXPORT_CLAUSE = /\bexport\s+(?:type\s+)?\{([^}]*)\}/g;

/** Drops the keywords the declaration patterns pick up. */
function functionNames(names: string[]): string[] {
  return names.filter((name) => !NOT_FUNCTION_NAMES.has(name));
}

const WRAPPER_ROUNDS = 8;
/** Words the declaration patterns pick up from `if (x) {`, `catch (e) {`, `return (`, which no call is named. */
const NOT_FUNCTION_NAMES = new Set(["if", "for", "while", "switch", "catch", "return", "function", "constructor", "super", "typeof", "await", "async", "yield", "new", "void", "with", "do", "else", "case", "throw", "import"]);
/**
 * What makes a promise without a project function's name: a chain (`.then(`), `fetch(`,
 * `Promise.all(`, `new Promise`, an async function given to a call (`items.forEach(async`)
 * or called at once (`(async () => {})()`). The group is where the statement would start.
 */
const PROMISE_MARKERS = /\.\s*(then|finally)\s*\(|\b(fetch)\s*\(|\b(Promise)\s*\.\s*[a-zA-Z]+\s*\(|\b(new)\s+Promise\b|(\()\s*async\b/dg;

/** True when a promise-making expression may stand in statement position. */
function makesPromiseInStatement(text: string): boolean {
  for (const match of text.matchAll(PROMISE_MARKERS)) {
    const start = match.indices!.find((range, index) => index > 0 && range !== undefined)![0];
    if (mayBeStatementCall(text, text[start] === "(" ? calleeStart(text, start) : start)) return true;
  }
  return false;
}

/** Where the call whose argument list opens at `open` starts: `items.forEach(` -> `forEach`; an IIFE's `(` itself. */
function calleeStart(text: string, open: number): number {
  return wordBefore(text, open)?.start ?? open;
}
/** A file that makes promises without `async`: its functions may return them. */
const PROMISE_MAKERS = /new\s+Promise\b|\bPromise\s*\.\s*[a-zA-Z]+\s*\(|\.then\s*\(|\.finally\s*\(/;
const IMPORT_CLAUSE = /\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']([^"']+)["']/g;
/** A whole identifier: the look-arounds stop the engine from retrying every suffix of a longer word. */
const IDENTIFIER = "(?<![\\w$#])#?[A-Za-z_$][\\w$]*(?![\\w$])";
/** `async function save(`, `async save(`, `save = async`, `save: async`. */
const ASYNC_DECLARATION = new RegExp(`\\basync\\s+(?:function\\s*\\*?\\s*)?(?:(?:static|public|private|protected|override|readonly)\\s+)*(${IDENTIFIER})\\s*[(<]`, "g");
/** The `:` or `=` before `async` in `save = async` / `save: async`; the name is read backwards from it. */
const ASYNC_ASSIGNMENT = /[:=]\s*async\b/g;
/** `const persist: Saver = async`, `const persist: (id: string) => Promise<void> = async`. */
const TYPED_ASYNC = new RegExp(`\\b(?:const|let|var)\\s+(${IDENTIFIER})\\s*:[^;{}]*?=\\s*async\\b`, "g");
/** `const persist = save;`: one name for another. */
const CONST_ALIAS = new RegExp(`\\b(?:const|let|var)\\s+(${IDENTIFIER})\\s*=\\s*(${IDENTIFIER})\\s*(?:;|\\n)`, "g");

/** `async function save(`, `async save(`, `save = async`, `save: async`. */
function asyncNames(text: string): string[] {
  if (!text.includes("async")) return [];
  const names = [...text.matchAll(ASYNC_DECLARATION)].map((match) => match[1]!);
  for (const match of text.matchAll(ASYNC_ASSIGNMENT)) pushNameBefore(text, match.index, names);
  for (const match of text.matchAll(TYPED_ASYNC)) names.push(match[1]!);
  return names;
}
/** `function send(`, `send(msg) {`, `const send = (` / `= function`: any function a file declares. */
const FUNCTION_KEYWORD = new RegExp(`function\\s*\\*?\\s*(${IDENTIFIER})\\s*[(<]`, "g");
/** `= function` / `= (`: the name is read backwards from the `=`. */
const ASSIGNED_FUNCTION = /(?<![=!<>])=\s*(?:function\b|\()/g;
/** `) {` / `): Promise<void> {` closing a one-line parameter list: the name is read backwards from its `(`. */
const PARAMETERS_THEN_BODY = /\)\s*(?::[^{;\n]*)?\{/g;

/**
 * `function send(`, `send(msg) {`, `const send = (` / `= function`: any function a text
 * declares. Each pattern starts at a rare character and reads the name backwards, which is
 * much faster than trying a name at every identifier.
 */
function declaredNames(text: string): string[] {
  const names = [...text.matchAll(FUNCTION_KEYWORD)].map((match) => match[1]!);
  for (const match of text.matchAll(ASSIGNED_FUNCTION)) pushNameBefore(text, match.index, names);
  for (const match of text.matchAll(PARAMETERS_THEN_BODY)) {
    const open = text.lastIndexOf("(", match.index);
    if (open >= 0 && !/[()\n]/.test(text.slice(open + 1, match.index))) pushNameBefore(text, open, names);
  }
  return names;
}

/** The identifier that ends just before `position` (spaces between allowed), if any. */
function pushNameBefore(text: string, position: number, names: string[]): void {
  const word = wordBefore(text, position);
  const name = word && text.slice(word.start, word.end);
  if (name && /^#?[A-Za-z_$]/.test(name)) names.push(name);
}
/** `save(`, `save?.(`, `save<T>(`. */
const CALL = new RegExp(`(${IDENTIFIER})\\s*(?:\\?\\.\\s*)?(?:<[^<>;{}()]*>\\s*)?\\(`, "g");
const ARGUMENT_REACH = 400;
/** A name handed to a call (`items.forEach(save)`, `run(this.save, 1)`): the call may run it and drop its promise. */
const PASSED_NAME = new RegExp(`[(,]\\s*(?:this\\s*\\.\\s*)?(${IDENTIFIER})\\s*[,)]`, "g");
/** `const persist = require("./persist")`: what a project module exports, like a default import. */
const REQUIRE_BINDING = new RegExp(`\\b(?:const|let|var)\\s+(${IDENTIFIER})\\s*=\\s*require\\(\\s*["'][.~@/][^"']*["']\\s*\\)`, "g");
const RETURNED_CALL = new RegExp(`(?:\\breturn|=>)\\s+(?:[\\w$#]+\\s*\\.\\s*)*(${IDENTIFIER})\\s*\\(`, "g");

/**
 * Local names that may stand for an indexed function: `import { save as persist }` when `save`
 * is indexed, and any default import of a project module (`export default async function`
 * has no name to index).
 */
function importedAliases(text: string, names: ReadonlySet<string>): Set<string> {
  const aliases = new Set<string>();
  for (const match of text.matchAll(REQUIRE_BINDING)) aliases.add(match[1]!);
  for (const match of text.matchAll(IMPORT_CLAUSE)) {
    const [, defaultName, named, specifier] = match;
    const isPackage = !specifier!.startsWith(".") && !specifier!.startsWith("/") && !specifier!.startsWith("~") && !specifier!.startsWith("@/");
    if (defaultName && !isPackage) aliases.add(defaultName);
    for (const part of (named ?? "").split(",")) {
      const [imported, local] = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/);
      if (imported && local && names.has(imported)) aliases.add(local);
    }
  }
  return aliases;
}

/** `console.error(`, `JSON.parse(`: a method of a global namespace, which returns no promise of the project's. */
const GLOBAL_NAMESPACE_METHOD = /(?<![\w$.])(?:console|JSON|Math|Object|Array|Number|String|Reflect|Date)\s*\.\s*$/;
const LOGGER_METHODS = new Set(SAFE_METHODS.logger);

/**
 * `this.logger.error(`, `log?.warn(`: the text of a call the analysis takes for logging (see
 * isLoggingCall) whatever the project declares by that name, so it never floats. The receiver's
 * last name is read back over `.`, `?.` and `!`, as the member chain is in statement-position.ts.
 */
function isLoggingCallAt(code: string, index: number, method: string): boolean {
  if (!LOGGER_METHODS.has(method)) return false;
  let position = skipSpaceBack(code, index - 1);
  if (code[position] !== ".") return false;
  position--;
  if (code[position] === "?") position--;
  position = skipSpaceBack(code, position);
  while (code[position] === "!") position = skipSpaceBack(code, position - 1);
  const receiver = wordBefore(code, position + 1);
  return receiver !== undefined && LOGGER_NAME.test(code.slice(receiver.start, receiver.end));
}

function callsAny(code: string, isName: (name: string) => boolean): boolean {
  for (const match of code.matchAll(CALL)) {
    const name = match[1]!;
    if (isName(name) && mayBeStatementCall(code, match.index) && !GLOBAL_NAMESPACE_METHOD.test(code.slice(Math.max(0, match.index - 12), match.index)) && !isLoggingCallAt(code, match.index, name)) return true;
  }
  for (const match of code.matchAll(PASSED_NAME)) {
    if (!isName(match[1]!)) continue;
    // The argument list's `(`, looked for nearby: a name far from any `(` is in a list, not a call.
    const from = Math.max(0, match.index - ARGUMENT_REACH);
    const open = code.slice(from, match.index + 1).lastIndexOf("(");
    if (open >= 0 && mayBeStatementCall(code, calleeStart(code, from + open))) return true;
  }
  return false;
}

/** The names before `(...): Promise<`, found by walking back from each such return type. */
function promiseTypedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\)\s*:\s*Promise(?:Like)?\s*</g)) {
    let depth = 0;
    let position = match.index;
    for (; position >= 0; position--) {
      const char = text[position];
      if (char === ")") depth++;
      else if (char === "(" && --depth === 0) break;
    }
    let end = position;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    // `const save = (): Promise<void> =>` / `save = async (...)`: the name is before the `=`.
    if (text[end - 1] === "=" ) {
      end--;
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    }
    if (text[end - 1] === ">") {
      let angle = 0;
      for (end--; end >= 0; end--) {
        if (text[end] === ">") angle++;
        else if (text[end] === "<" && --angle === 0) break;
      }
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    }
    const word = wordBefore(text, end);
    if (word) names.push(text.slice(word.start, word.end));
  }
  return names;
}
