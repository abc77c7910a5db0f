import { existsSync } from "node:fs";
import path from "node:path";
import { Project, ts } from "ts-morph";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

export const TYPESCRIPT_EXTENSIONS = Object.keys(SCRIPT_KINDS);

/**
 * Owns the ts-morph project: the compiler options come from the tsconfig.json of the folder the
 * linter runs in, when there is one (for JSX and path aliases); no type-checked program is built.
 */
export class SourceHost {
  private readonly project: Project;

  constructor(cwd: string, warn: (message: string) => void) {
    this.project = createProject(cwd, warn);
  }

  parse(filePath: string, text: string): ts.SourceFile {
    const scriptKind = SCRIPT_KINDS[path.extname(filePath)] ?? ts.ScriptKind.TS;
    return this.project.createSourceFile(filePath, text, { overwrite: true, scriptKind }).compilerNode;
  }

  release(filePath: string): void {
    const sourceFile = this.project.getSourceFile(filePath);
    if (sourceFile) this.project.removeSourceFile(sourceFile);
  }
}

function createProject(cwd: string, warn: (message: string) => void): Project {
  const defaults = { allowJs: true, jsx: ts.JsxEmit.Preserve };
  const tsConfigFilePath = path.join(cwd, "tsconfig.json");
  if (existsSync(tsConfigFilePath)) {
    try {
      const project = new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
      project.compilerOptions.set({ allowJs: true });
      return project;
    } catch (error) {
      warn(`cannot read ${tsConfigFilePath} (${(error as Error).message.split("\n")[0]}); using default compiler options`);
    }
  }
  return new Project({ compilerOptions: defaults, skipFileDependencyResolution: true });
}
