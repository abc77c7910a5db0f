// Writes a synthetic TypeScript project of N files with a realistic mix: most files are plain
// modules (helpers, classes, types) with no scheduling call; some schedule timers, listen to
// events, queue work or fire and forget; many import each other. Deterministic for a given N.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HELPER = (i, dep) => `import { helper${dep} } from "../lib/helper${dep}.js";

export interface Record${i} {
  id: string;
  total: number;
  tags: string[];
}

/** Sums the totals of the records that carry a tag. */
export function helper${i}(records: Record${i}[], tag: string): number {
  let sum = 0;
  for (const record of records) {
    if (record.tags.includes(tag)) sum += record.total;
  }
  return sum + helper${dep}([], tag);
}

export class Service${i} {
  private readonly cache = new Map<string, Record${i}>();

  get(id: string): Record${i} | undefined {
    return this.cache.get(id);
  }

  put(record: Record${i}): void {
    this.cache.set(record.id, record);
  }

  describe(id: string): string {
    const record = this.get(id);
    return record ? \`\${record.id}: \${record.total} (\${record.tags.join(", ")})\` : "missing";
  }
}
`;

const ASYNC = (i, dep) => `import { helper${dep} } from "../lib/helper${dep}.js";

declare const db: { query(sql: string, params?: unknown[]): Promise<unknown[]> };

export async function save${i}(id: string): Promise<void> {
  await db.query("insert into items (id) values ($1)", [id]);
}

export async function saveQuietly${i}(id: string): Promise<void> {
  try {
    await db.query("insert into items (id) values ($1)", [id]);
  } catch (error) {
    console.error("save failed", error, helper${dep}([], "x"));
  }
}
`;

const TASKS = (i, asyncDep) => `import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { save${asyncDep}, saveQuietly${asyncDep} } from "../data/async${asyncDep}.js";

export const bus${i} = new EventEmitter();

export function start${i}(path: string): void {
  setInterval(() => {
    const settings = JSON.parse(readFileSync(path, "utf8"));
    console.log("settings", settings);
  }, 60_000);

  setTimeout(() => {
    try {
      readFileSync(path);
    } catch (error) {
      console.error(error);
    }
  }, 1_000);

  bus${i}.on("created", async (id: string) => {
    await save${asyncDep}(id);
  });

  bus${i}.on("updated", async (id: string) => {
    await saveQuietly${asyncDep}(id);
  });
}

export function handle${i}(id: string): void {
  save${asyncDep}(id);
  void saveQuietly${asyncDep}(id);
}
`;

/** Generates `files` files under `root` (emptied first). */
export function generate(root, files) {
  rmSync(root, { recursive: true, force: true });
  const next = random(files);
  const helpers = Math.max(1, Math.round(files * 0.8));
  const asyncs = Math.max(1, Math.round(files * 0.1));
  const tasks = Math.max(1, files - helpers - asyncs);
  const write = (file, text) => {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  write("package.json", JSON.stringify({ name: `generated-${files}`, private: true, type: "module" }, null, 2));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", target: "es2022", noEmit: true } }, null, 2));
  for (let i = 0; i < helpers; i++) write(`src/lib/helper${i}.ts`, HELPER(i, Math.floor(next() * helpers)));
  for (let i = 0; i < asyncs; i++) write(`src/data/async${i}.ts`, ASYNC(i, Math.floor(next() * helpers)));
  for (let i = 0; i < tasks; i++) write(`src/tasks/tasks${i}.ts`, TASKS(i, Math.floor(next() * asyncs)));
  return { helpers, asyncs, tasks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, count] = process.argv.slice(2);
  if (!root || !count) {
    console.error("usage: node generate.mjs <folder> <files>");
    process.exit(2);
  }
  console.log(generate(path.resolve(root), Number(count)));
}
