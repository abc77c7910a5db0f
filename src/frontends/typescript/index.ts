import { ts } from "ts-morph";
import type { Failure } from "../../core/failure.js";
import type { Frontend, FrontendFileOutput, ParseProblem, TaskReport } from "../../core/frontend.js";
import type { AnalysisSettings } from "../../core/analysis-settings.js";
import type { Rule } from "../../core/rule.js";
import { ApiIndex } from "./api-index.js";
import { callPatternMatcher } from "./call-patterns.js";
import { ThrowAnalysis, type FoundFailure } from "./can-throw.js";
import { collectComments } from "./comments.js";
import { rangeOf, traceStep } from "./node-text.js";
import { originOf } from "./origin.js";
import { resolveIdentifier } from "./scope.js";
import { FunctionResolver } from "./resolver.js";
import { SourceHost, TYPESCRIPT_EXTENSIONS } from "./source-host.js";
import { resolveTask } from "./task-resolution.js";
import { accessedName, isAsyncFunction, skipOuter, type FunctionNode } from "./syntax.js";

export interface TypeScriptFrontendOptions {
  cwd: string;
  /** Every rule there is: calls to any scheduling API only schedule, so they never count as throwing. */
  allRules: readonly Rule[];
  analysis: AnalysisSettings;
  warn: (message: string) => void;
}

/** The JavaScript and TypeScript frontend: finds tasks handed to scheduling APIs and asks whether they can throw. */
export class TypeScriptFrontend implements Frontend {
  readonly extensions = TYPESCRIPT_EXTENSIONS;
  private readonly host: SourceHost;
  private readonly resolver: FunctionResolver;
  private readonly analysis: ThrowAnalysis;
  private readonly isGuard: (callee: ts.Expression) => boolean;
  private readonly indexes = new WeakMap<readonly Rule[], ApiIndex>();

  constructor(options: TypeScriptFrontendOptions) {
    const host = new SourceHost(options.cwd, options.warn);
    const schedulingApis = new ApiIndex(options.allRules);
    this.host = host;
    this.resolver = new FunctionResolver((specifier, from) => {
      const target = host.resolveModule(specifier, from.fileName);
      return target === undefined ? undefined : host.sourceFile(target);
    });
    this.analysis = new ThrowAnalysis(this.resolver, {
      isScheduling: (origin) => schedulingApis.lookup(origin).length > 0,
      isSafeCall: callPatternMatcher(options.analysis.safeCalls),
      maxDepth: options.analysis.maxDepth,
      strictCalls: options.analysis.strictCalls,
    });
    this.isGuard = callPatternMatcher(options.analysis.guards);
  }

  lintFile(filePath: string, text: string, rules: readonly Rule[]): FrontendFileOutput {
    const apis = this.indexFor(rules);
    if (![...apis.names].some((name) => text.includes(name))) return { reports: [], comments: [] };
    const sourceFile = this.host.sourceFile(filePath, text)!;
    const comments = text.includes("bgtask-lint-") ? collectComments(sourceFile) : [];
    const parseError = firstParseError(sourceFile);
    if (parseError) return { reports: [], comments, parseError };
    return { reports: this.findUnguardedTasks(sourceFile, apis), comments };
  }

  private indexFor(rules: readonly Rule[]): ApiIndex {
    let index = this.indexes.get(rules);
    if (!index) {
      index = new ApiIndex(rules);
      this.indexes.set(rules, index);
    }
    return index;
  }

  private findUnguardedTasks(sourceFile: ts.SourceFile, apis: ApiIndex): TaskReport[] {
    const reports: TaskReport[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && mayNameApi(node, apis.names)) {
        for (const { rule, api } of apis.lookup(originOf(node.expression))) {
          const argument = node.arguments[api.taskArgument];
          if (!argument) continue;
          const task = resolveTask(argument, this.resolver, this.isGuard);
          if (task.kind !== "function") continue;
          const found = this.analysis.failureOfTask(task.fn, task.bindings);
          if (found) reports.push({ rule, api, range: rangeOf(argument, sourceFile), failure: toFailure(task.fn, found) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return reports;
  }
}

/**
 * A cheap test before the full origin lookup: the callee ends in an API's name, or is a local
 * name bound by an import or require, which may rename one (`import { setTimeout as delay }`).
 */
function mayNameApi(call: ts.CallExpression, names: ReadonlySet<string>): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee)) return names.has(accessedName(callee) ?? "");
  if (names.has(callee.text)) return true;
  const declaration = resolveIdentifier(callee);
  return declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isBindingElement(declaration) || ts.isVariableDeclaration(declaration));
}

function toFailure(task: FunctionNode, found: FoundFailure): Failure {
  const site = traceStep(found.site);
  if (found.kind === "await" && !ts.isAwaitExpression(found.site)) {
    const loop = found.site.parent;
    site.text = ts.isForOfStatement(loop) && loop.expression === found.site ? `for await (... of ${site.text})` : `await ${site.text}`;
  }
  return {
    calls: found.calls.map((call) => traceStep(call)),
    site: { ...site, kind: found.kind },
    rejects: isAsyncFunction(task) || found.viaPromise,
    floats: found.floats ?? false,
  };
}

function firstParseError(sourceFile: ts.SourceFile): ParseProblem | undefined {
  // The parser keeps its diagnostics on the source file; reading them needs no type checker.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return { message: ts.flattenDiagnosticMessageText(first.messageText, " "), line: line + 1, column: character + 1 };
}
