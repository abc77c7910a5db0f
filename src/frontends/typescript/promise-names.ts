/**
 * A text index of the project's functions that may return a promise, so that floating-task
 * parses only files that can drop one: a file with no `.then(`/`.finally(`/`fetch(`/`async`
 * and no call to a name in the index holds no statement whose value is a promise the analysis
 * could see. Names are collected without parsing: async functions and methods, functions
 * declared to return a Promise, every function of a file that makes one (`new Promise(`), and,
 * a few rounds over, every function of a file that returns a call to a name already known.
 * Over-collecting only costs a parse; a name missed would cost a finding, so when unsure the
 * index says yes.
 */
export class PromiseNames {
  private names: Set<string> | undefined;

  /** `factsOf`: each file's contribution to the index, from `promiseNameFacts` of its text (or a cache of it). */
  constructor(
    private readonly files: readonly string[],
    private readonly factsOf: (filePath: string) => PromiseNameFacts | undefined,
  ) {}

  /** True when a file's text can hold a statement whose value is a promise. */
  mayDropPromise(text: string): boolean {
    if (PROMISE_MARKERS.test(text)) return true;
    const names = this.index();
    return callsAny(text, names) || callsAny(text, importedAliases(text, names));
  }

  private index(): Set<string> {
    if (this.names) return this.names;
    const names = new Set<string>();
    const wrappers: Array<NonNullable<PromiseNameFacts["wrapper"]>> = [];
    for (const file of this.files) {
      const facts = this.factsOf(file);
      if (!facts) continue;
      for (const name of facts.names) names.add(name);
      if (facts.wrapper) wrappers.push(facts.wrapper);
    }
    for (let round = 0; round < WRAPPER_ROUNDS; round++) {
      const before = names.size;
      for (const wrapper of wrappers) {
        if (wrapper.returnedCalls.some((name) => names.has(name))) for (const name of wrapper.declared) names.add(name);
      }
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
}

export function promiseNameFacts(text: string): PromiseNameFacts {
  const names = [...text.matchAll(ASYNC_DECLARATION)].map((match) => match[1] ?? match[2]!);
  names.push(...promiseTypedNames(text));
  const declared = () => [...text.matchAll(DECLARED_FUNCTION)].map((match) => match[1] ?? match[2]!);
  if (PROMISE_MAKERS.test(text)) return { names: [...names, ...declared()] };
  if (!text.includes("return")) return { names };
  return { names, wrapper: { declared: declared(), returnedCalls: [...text.matchAll(RETURNED_CALL)].map((match) => match[1]!) } };
}

const WRAPPER_ROUNDS = 4;
const PROMISE_MARKERS = /\.then\s*\(|\.finally\s*\(|\bfetch\s*\(|\basync\b/;
/** A file that makes promises without `async`: its functions may return them. */
const PROMISE_MAKERS = /new\s+Promise\b|\bPromise\s*\.\s*[a-zA-Z]+\s*\(|\.then\s*\(|\.finally\s*\(/;
const IMPORT_CLAUSE = /\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']([^"']+)["']/g;
const IDENTIFIER = "#?[A-Za-z_$][\\w$]*";
/** `async function save(`, `async save(`, `save = async`, `save: async`. */
const ASYNC_DECLARATION = new RegExp(
  `\\basync\\s+(?:function\\s*\\*?\\s*)?(?:(?:static|public|private|protected|override|readonly)\\s+)*(${IDENTIFIER})\\s*[(<]|(${IDENTIFIER})\\s*[:=]\\s*async\\b`,
  "g",
);
/** `function send(`, `send(msg) {`, `const send = (` / `= function`: any function a file declares. */
const DECLARED_FUNCTION = new RegExp(`(?:function\\s*\\*?\\s*)(${IDENTIFIER})\\s*[(<]|(${IDENTIFIER})\\s*(?:=\\s*(?:function\\b|\\()|\\([^()\\n]*\\)\\s*(?::[^{;\\n]*)?\\{)`, "g");
const CALL = new RegExp(`(${IDENTIFIER})\\s*\\(`, "g");
const RETURNED_CALL = new RegExp(`\\b(?:return|=>)\\s+(?:[\\w$#]+\\s*\\.\\s*)*(${IDENTIFIER})\\s*\\(`, "g");

/**
 * Local names that may stand for an indexed function: `import { save as persist }` when `save`
 * is indexed, and any default import of a project module (`export default async function`
 * has no name to index).
 */
function importedAliases(text: string, names: ReadonlySet<string>): Set<string> {
  const aliases = new Set<string>();
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

function callsAny(text: string, names: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(CALL)) if (names.has(match[1]!)) return true;
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
    let start = end;
    while (start > 0 && /[\w$#]/.test(text[start - 1]!)) start--;
    if (start < end) names.push(text.slice(start, end));
  }
  return names;
}
