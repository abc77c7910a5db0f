import path from "node:path";
import { ts } from "./ts.cjs";
import type { Failure } from "../../core/failure.js";
import type { SourceRange, TraceStep } from "../../core/finding.js";
import type { Frontend, FrontendFileOutput, ParseProblem, TaskReport } from "../../core/frontend.js";
import type { AnalysisSettings } from "../../core/analysis-settings.js";
import type { Rule } from "../../core/rule.js";
import type { Outcome, TaskApi } from "../../core/task-api.js";
import { ApiIndex, type ApiMatch } from "./api-index.js";
import { queuesOnExecutedBatch } from "./batch-handles.js";
import { callPatternMatcher } from "./call-patterns.js";
import { ThrowAnalysis, type FoundFailure } from "./can-throw.js";
import type { FixSettings } from "../../core/fix.js";
import type { Timing } from "../../core/timing.js";
import { BrowserCode } from "./browser-code.js";
import { runsInWorkerd } from "./workerd-code.js";
import { runsInWorkerThread } from "./worker-thread-code.js";
import { TypeScriptCacheSupport } from "./cache-support.js";
import { FixPlanner } from "./fixes/fix-planner.js";
import { importedFiles, missingRelativeImports } from "./import-graph.js";
import { neverRunsInProduction, type CalleeOf } from "./development-only.js";
import { developmentToolKind, type DevelopmentTool } from "./development-tools.js";
import { isForeignSyntax } from "./foreign-syntax.js";
import { mayBePromiseStatement } from "./floating-candidates.js";
import { collectComments } from "./comments.js";
import { unusedDeclarationAt } from "./unused-declarations.js";
import { WordIndex } from "./word-index.js";
import { propertyWriteCounter } from "./unset-flags.js";
import { rangeOf, traceStep } from "./node-text.js";
import { ReadTracker } from "./read-tracker.js";
import { ServerHandlers } from "./server-handlers.js";
import { FunctionResolver } from "./resolver.js";
import { SourceHost, TYPESCRIPT_EXTENSIONS } from "./source-host.js";
import { PackageVersions } from "./package-versions.js";
import { endsWhenItWorks } from "./termination-listeners.js";
import { failsInEndlessWork, runsOnlyAtLoad } from "./load-time-functions.js";
import { mayInstallHandler, ProcessHandlers, type ProcessHandler } from "./process-handlers.js";
import { PromiseNames } from "./promise-names.js";
import { ProjectImports } from "./project-imports.js";
import { declaresPromise } from "./promise-facts.js";
import { AwaitedListeners } from "./awaited-listeners.js";
import { InterfaceDispatch } from "./interface-dispatch.js";
import { apisCalled, isHandled, listensTo, type HandlerChecks, outcomeOf, routesErrorsToResult, taskExpression, type SchedulingCall } from "./task-calls.js";
import { packageClassOf } from "./value-provenance.js";
import { resolveTask } from "./task-resolution.js";
import { rethrowsListenerArgument } from "./throw-contracts.js";
import { WebBundles } from "./web-bundles.js";
import { isGeneratedFile } from "./generated-code.js";
import { isTestSuite } from "./test-suites.js";
import { isAsyncFunction, isFunctionNode, type FunctionNode } from "./syntax.js";

export interface TypeScriptFrontendOptions {
  cwd: string;
  /** Every rule there is: calls to any scheduling API only schedule, so they never count as throwing. */
  allRules: readonly Rule[];
  analysis: AnalysisSettings;
  warn: (message: string) => void;
  /** Where --debug notices go (an assumed package version); dropped when absent. */
  debug?: (message: string) => void;
  /** Compute fixes with this handler; no fixes when absent. */
  fix?: FixSettings;
  /** The files being linted: where process-wide handlers are looked for, and the only files a fix may edit. */
  projectFiles?: readonly string[];
  /** A file's text as this run reads it (with fixes applied in memory); undefined: read from disk. */
  readFile?: (filePath: string) => string | undefined;
  /** Collects parse times and counts for --debug timing. */
  timing?: Timing;
  /** Tell, with each file's output, which other files its findings were worked out from (for --cache). */
  trackReads?: boolean;
  /** Lint a file that declares a test suite (config `lintTests`); such files are left out otherwise. */
  lintTests?: boolean;
}

/** The JavaScript and TypeScript frontend: finds tasks handed to scheduling APIs and asks whether they can throw. */
export class TypeScriptFrontend implements Frontend {
  static readonly extensions = TYPESCRIPT_EXTENSIONS;
  readonly extensions = TYPESCRIPT_EXTENSIONS;
  private readonly host: SourceHost;
  private readonly resolver: FunctionResolver;
  private readonly analysis: ThrowAnalysis;
  private readonly isGuard: (callee: ts.Expression) => boolean;
  private readonly calleeOf: CalleeOf = (callee) => this.resolver.functionOf(callee);
  private readonly indexes = new WeakMap<readonly Rule[], ApiIndex>();
  private readonly versions = new PackageVersions();
  private readonly debug: (message: string) => void;
  private readonly schedulingApis: ApiIndex;
  private readonly fixes: FixPlanner | undefined;
  private readonly taskArgumentSets = new WeakMap<ts.SourceFile, Set<ts.Node>>();
  private readonly processHandlers: ProcessHandlers;
  private readonly browserCode: BrowserCode;
  private readonly webBundles: WebBundles;
  private readonly promiseNames: PromiseNames;
  private readonly awaitedListeners: AwaitedListeners;
  private readonly interfaceDispatch: InterfaceDispatch;
  private readonly projectFiles: ReadonlySet<string>;
  private readonly announcedHandlers = new Set<ProcessHandler>();
  private readonly projectImports: ProjectImports;
  /** Per linted file, what `prefilterView` would say, as lintFile found it. */
  private readonly views = new Map<string, { text: string; rules: readonly Rule[]; view: () => string }>();
  readonly cacheSupport: TypeScriptCacheSupport;
  private readonly reads: ReadTracker | undefined;
  private readonly wordIndex = new WordIndex();
  private readonly propertyWriteCounts = new Map<string, number>();
  /** Packages the file being linted was judged by as a whole (see BrowserCode.inBrowserPackage), for --cache. */
  private readonly readGroups = new Set<string>();

  private readonly cwd: string;
  private readonly lintTests: boolean;
  private readonly handlerChecks: HandlerChecks = {
    endsProcess: (task) => this.endsProcess(task),
    classOf: (value) => packageClassOf(value, this.resolver),
    awaitsListeners: (node, methods) => this.awaitedListeners.awaits(node, methods),
    emitsPromise: (node) => this.awaitedListeners.emitsPromise(node),
  };

  constructor(options: TypeScriptFrontendOptions) {
    this.cwd = options.cwd;
    this.lintTests = options.lintTests ?? false;
    const timing = options.timing;
    const onParse = timing
      ? (ms: number) => {
          timing.add("parse", ms);
          timing.count("files parsed");
        }
      : undefined;
    this.reads = options.trackReads ? new ReadTracker() : undefined;
    const reads = this.reads;
    const host = new SourceHost(options.cwd, options.warn, options.readFile, onParse, reads && ((filePath) => reads.note(filePath)));
    const schedulingApis = new ApiIndex(options.allRules);
    this.schedulingApis = schedulingApis;
    this.host = host;
    this.resolver = new FunctionResolver(
      (specifier, from) => {
        const target = host.resolveModule(specifier, from.fileName);
        return target === undefined ? undefined : host.sourceFile(target);
      },
      reads,
      (specifier, from) => {
        const target = host.resolveTypes(specifier, from.fileName);
        return target === undefined ? undefined : host.sourceFile(target);
      },
    );
    this.analysis = new ThrowAnalysis(this.resolver, {
      isScheduling: (origin, method) => schedulingApis.isScheduling(origin, method),
      isSafeCall: callPatternMatcher(options.analysis.safeCalls),
      maxDepth: options.analysis.maxDepth,
      strictCalls: options.analysis.strictCalls,
      dependencies: (filePath) => host.manifests.dependenciesOf(path.dirname(filePath)),
      implementationsOf: (access) => this.interfaceDispatch.implementationsOf(access),
      versionOf: (module, filePath) => this.versions.find(module, filePath)?.version,
      propertyWrites: (name, fromFile) => this.propertyWrites(name, fromFile),
      ...(reads ? { reads } : {}),
    });
    this.isGuard = callPatternMatcher(options.analysis.guards);
    this.debug = options.debug ?? (() => undefined);
    const readText = (filePath: string): string | undefined => host.text(filePath);
    const manifests = host.manifests;
    this.browserCode = new BrowserCode(options.cwd, manifests, {
      files: options.projectFiles ?? [],
      text: readText,
      compilerOptions: (filePath) => host.compilerOptions(filePath),
      ...(reads ? { onConsult: (read) => ("file" in read ? reads.note(read.file) : this.readGroups.add(read.packageDir)) } : {}),
    });
    const receiverModules = receiverModulesOf(options.allRules);
    this.cacheSupport = new TypeScriptCacheSupport({
      host,
      manifests,
      allRules: options.allRules,
      view: (filePath, text, rules) => this.prefilterView(filePath, text, rules),
      projectChoices: () => receiverModules.map((module) => `${module}=${this.projectImports.mayImport(module)}`).join(","),
      choicePackages: receiverModules,
    });
    const quoted = (filePath: string) => this.cacheSupport.quotedIn(filePath);
    this.projectImports = new ProjectImports({ files: options.projectFiles ?? [], text: readText, quoted, manifests, workspace: (dir) => host.workspace(dir) }, receiverModules);
    this.promiseNames = new PromiseNames(options.projectFiles ?? [], (filePath) => this.cacheSupport.promiseNameFactsOf(filePath));
    this.awaitedListeners = new AwaitedListeners(options.projectFiles ?? [], (filePath) => this.cacheSupport.emitsOf(filePath), this.resolver);
    this.interfaceDispatch = new InterfaceDispatch({
      files: options.projectFiles ?? [],
      heritageIn: (filePath) => this.cacheSupport.heritageIn(filePath),
      sourceFile: (filePath) => host.sourceFile(filePath),
      resolver: this.resolver,
    });
    this.projectFiles = new Set(options.projectFiles ?? []);
    const mayInstall = (filePath: string) => this.cacheSupport.installsHandler(filePath) ?? mayInstallHandler(readText(filePath) ?? "");
    const serverHandlers = new ServerHandlers(manifests, this.versions);
    this.processHandlers = new ProcessHandlers({
      files: options.projectFiles ?? [],
      sourceFile: (filePath) => host.sourceFile(filePath),
      mayInstall,
      resolver: this.resolver,
      manifests,
      importsOf: (filePath) => this.projectImportsOf(filePath),
      ...(reads ? { onConsult: (files: readonly string[]) => files.forEach((file) => reads.note(file)) } : {}),
      serverHandler: (filePath, event) => serverHandlers.handlerFor(filePath, event),
      workspacePackages: (dir) => host.workspace(dir).packages,
      ...(reads ? { onConsultPackage: (packageDir: string) => this.readGroups.add(packageDir) } : {}),
    });
    this.webBundles = new WebBundles({
      files: options.projectFiles ?? [],
      text: readText,
      importsOf: (filePath) => this.projectImportsOf(filePath),
      manifests,
      ...(reads ? { onConsultPackage: (packageDir: string) => this.readGroups.add(packageDir) } : {}),
    });
    this.fixes = options.fix
      ? new FixPlanner(options.fix, {
          sourceFile: (filePath) => host.sourceFile(filePath),
          readText,
          isLinted: (filePath) => this.projectFiles.has(filePath),
          manifests,
          filesUsing: (filePath) => host.sourceFilesOfWorkspace(filePath),
          taskArguments: (sourceFile) => this.taskArguments(sourceFile),
        }, (filePath) => host.compilerOptions(filePath).noImplicitReturns === true, (call) => {
          const fn = this.resolver.functionOf(call.expression);
          return fn === undefined || isAsyncFunction(fn) || declaresPromise(fn);
        })
      : undefined;
  }

  /** Every task argument of a scheduling call in the file, reported or not. */
  private taskArguments(sourceFile: ts.SourceFile): Set<ts.Node> {
    let found = this.taskArgumentSets.get(sourceFile);
    if (found) return found;
    const tasks = new Set<ts.Node>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const { api } of apisCalled(node, this.schedulingApis, this.resolver)) {
          const argument = taskExpression(node, api, this.resolver);
          if (argument) tasks.add(argument);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    this.taskArgumentSets.set(sourceFile, tasks);
    found = tasks;
    return found;
  }

  /** Why the configured fix handler is not a valid statement in a catch clause, or undefined when it is. */
  static checkHandler(handler: string): string | undefined {
    const code = `try {} catch (error) {\n${handler.replaceAll("$error", "error")}\n}\n`;
    return firstParseError(ts.createSourceFile("handler.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS))?.message;
  }

  /**
   * Whether the file's text can hold what the rules look for, outside browser code (which is
   * never reported, see lintUntracked); when not, it is not parsed.
   */
  wouldParse(filePath: string, text: string, rules: readonly Rule[]): boolean {
    const floatingRule = rules.some((rule) => rule.checks === "floating-calls");
    const mayReport = this.indexFor(rules).mayCall(text) || (floatingRule && this.mayDropPromise(filePath, text));
    return mayReport && !isGeneratedFile(text) && !this.browserCode.hasByText(filePath, text);
  }

  /**
   * The pre-filter's verdict on a file, for --cache: skipped, or parsed with the words of its
   * text that floating-task takes for promise-returning names ("*": it analyses every call).
   */
  private prefilterView(filePath: string, text: string, rules: readonly Rule[]): string {
    const known = this.views.get(filePath);
    if (known?.text === text && known.rules === rules) return known.view();
    if (!this.wouldParse(filePath, text, rules)) return "skipped";
    return this.parsedView(filePath, text, rules);
  }

  private parsedView(filePath: string, text: string, rules: readonly Rule[]): string {
    return `parsed ${this.floatingView(filePath, text, rules)} emitted:${this.awaitedListeners.viewOf(filePath, text)}`;
  }

  /** The promise-returning names among the file's words, for floating-task ("*": every call may be one). */
  private floatingView(filePath: string, text: string, rules: readonly Rule[]): string {
    if (!rules.some((rule) => rule.checks === "floating-calls")) return "";
    const isPromiseName = this.floatingNames(filePath, text);
    if (!isPromiseName) return "*";
    const words = new Set(text.match(WORD) ?? []);
    return [...words].filter(isPromiseName).sort().join(",");
  }

  lintFile(filePath: string, text: string, rules: readonly Rule[]): FrontendFileOutput {
    if (!this.reads) return this.lintUntracked(filePath, text, rules);
    this.readGroups.clear();
    const { output, reads } = this.reads.lintFile(filePath, () => this.lintUntracked(filePath, text, rules));
    return { ...output, reads, ...(this.readGroups.size > 0 ? { readGroups: [...this.readGroups].sort() } : {}) };
  }

  private lintUntracked(filePath: string, text: string, rules: readonly Rule[]): FrontendFileOutput {
    const parsed = this.wouldParse(filePath, text, rules);
    // What --cache asks next about this file, from what is worked out here anyway.
    if (this.cacheSupport.active) this.views.set(filePath, { text, rules, view: () => (parsed ? this.parsedView(filePath, text, rules) : "skipped") });
    if (!parsed) return { reports: [], comments: [] };
    const apis = this.indexFor(rules);
    const floatingRule = rules.find((rule) => rule.checks === "floating-calls");
    const sourceFile = this.host.sourceFile(filePath, text)!;
    const comments = text.includes("bgtask-lint-") ? collectComments(sourceFile) : [];
    const isModuleType = this.host.manifests.nearest(path.dirname(filePath))?.manifest.type === "module";
    const parseError = firstParseError(sourceFile, isModuleType);
    if (parseError) return { reports: [], comments, ...(isForeignSyntax(filePath, text) ? {} : { parseError }) };
    if (this.browserCode.has(sourceFile) || runsInWorkerd(sourceFile, this.host.compilerOptions(filePath)) || runsInWorkerThread(sourceFile) || (!this.lintTests && isTestSuite(sourceFile))) return { reports: [], comments };
    const taskFunctions = new Set<ts.Node>();
    // A file parsed for floating-task alone cannot call a scheduling API: its calls need no lookup.
    const reports = apis.mayCall(text) ? this.findUnguardedTasks(sourceFile, apis, taskFunctions) : [];
    if (floatingRule) reports.push(...this.findFloatingCalls(sourceFile, floatingRule, taskFunctions, this.floatingNames(filePath, text)));
    if (reports.length > 0 && (this.browserCode.inBrowserPackage(filePath) || this.inWebBundle(filePath) || this.cannotLoad(filePath, text) || this.isDevelopmentTool(filePath))) return { reports: [], comments };
    return { reports: reports.filter((report) => !this.standsInUnusedDeclaration(sourceFile, report.range)), comments };
  }

  /**
   * A file with two or more relative imports that name nothing on disk is left-over code that no
   * build includes (a `legacy/` folder copied without its modules): it cannot even be loaded, so
   * its tasks never run. One missing import may be generated code not made yet, and counts.
   */
  private cannotLoad(filePath: string, text: string): boolean {
    const missing = missingRelativeImports(filePath, text);
    if (missing.length < 2) return false;
    this.debug(`${path.relative(this.cwd, filePath)}: not reported: its imports ${missing.join(", ")} name nothing on disk, so it cannot be loaded`);
    return true;
  }

  /** How often the workspace of a file may set a property of a name, counted once per workspace and name. */
  private propertyWrites(name: string, fromFile: string): number {
    const files = this.host.sourceFilesOfWorkspace(fromFile);
    // Every file of the workspace decides whether a flag is set: --cache re-lints when any changes.
    for (const source of files) this.reads?.note(source);
    const key = `${this.host.workspaceRootOf(fromFile)}\0${name}`;
    let count = this.propertyWriteCounts.get(key);
    if (count === undefined) {
      const writesIn = propertyWriteCounter(name);
      count = files.reduce((sum, file) => sum + writesIn(this.host.text(file) ?? ""), 0);
      this.propertyWriteCounts.set(key, count);
    }
    return count;
  }

  private standsInUnusedDeclaration(sourceFile: ts.SourceFile, range: SourceRange): boolean {
    const name = unusedDeclarationAt(sourceFile, range);
    if (name === undefined) return false;
    this.debug(`${path.relative(this.cwd, sourceFile.fileName)}:${range.line}: not reported: it stands in ${name}, which the module neither exports nor names elsewhere, so nothing runs it`);
    return true;
  }

  private inWebBundle(filePath: string): boolean {
    if (!this.webBundles.has(filePath)) return false;
    this.debug(`${path.relative(this.cwd, filePath)}: not reported: only a webpack bundle with a browser target loads it`);
    return true;
  }

  private isDevelopmentTool(filePath: string): boolean {
    const kind = developmentToolKind(filePath, {
      manifests: this.host.manifests,
      rootDir: this.host.compilerOptions(filePath).rootDir,
      isCompiled: (file, packageDir) => this.host.isCompiled(file, packageDir),
      filesMentioning: (file, word) => {
        const files = this.host.sourceFilesOfWorkspace(file);
        // Every file of the workspace decides whether one names the script: --cache re-lints it when any changes.
        for (const source of files) this.reads?.note(source);
        return this.wordIndex.filesMentioning(this.host.workspaceRootOf(file), files, word);
      },
      text: (file) => this.host.text(file),
    });
    if (kind === undefined) return false;
    const why = DEVELOPMENT_TOOL_REASONS[kind];
    this.debug(`${path.relative(this.cwd, filePath)}: not reported: ${why}`);
    return true;
  }

  /**
   * Whether floating-task needs the file parsed: its text can hold a dropped promise, or it
   * imports a project module that is not being linted (whose promise-returning functions the
   * name index has not seen).
   */
  private mayDropPromise(filePath: string, text: string): boolean {
    return this.promiseNames.mayDropPromise(filePath, text) || this.importsUnlintedModule(filePath, text);
  }

  private importsUnlintedModule(filePath: string, text: string): boolean {
    return this.projectImportsOf(filePath, text).some((target) => !this.projectFiles.has(target));
  }

  /** The project files a file imports: as the cache knows them, else resolved from its text. */
  private projectImportsOf(filePath: string, text = this.host.text(filePath) ?? ""): readonly string[] {
    return this.cacheSupport.importsOf(filePath) ?? importedFiles(filePath, text, (specifier, from) => this.host.resolveModule(specifier, from)).files;
  }

  /** The names a statement's call must use to be analysed; undefined (analyse every statement) when the file imports modules the name index has not seen. */
  private floatingNames(filePath: string, text: string): ((name: string) => boolean) | undefined {
    return this.importsUnlintedModule(filePath, text) ? undefined : this.promiseNames.nameTestFor(filePath, text);
  }

  private indexFor(rules: readonly Rule[]): ApiIndex {
    let index = this.indexes.get(rules);
    if (!index) {
      index = new ApiIndex(rules, (module) => this.projectImports.mayImport(module));
      this.indexes.set(rules, index);
    }
    return index;
  }

  /**
   * Reports tasks handed to the APIs; `taskFunctions` receives every task function seen, reported
   * or not. A function handed over in several places (`process.once("SIGTERM", stop).once("SIGINT",
   * stop)`) that fails at the same place is one problem (sameProblemKey): one fix of its body does.
   * Not where the call that drops a result is reported (a queue's `push()`).
   */
  private findUnguardedTasks(sourceFile: ts.SourceFile, apis: ApiIndex, taskFunctions: Set<ts.Node>): TaskReport[] {
    const reports: TaskReport[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const match of apisCalled(node, apis, this.resolver)) {
          const found = this.checkTask(node, match, sourceFile, taskFunctions);
          if (!found) continue;
          const sameProblem = found.fn && !match.api.task.madeWith ? `${match.rule.meta.id} ${this.analysis.nodeId(found.fn)} ${this.analysis.nodeId(found.site)}` : undefined;
          reports.push(sameProblem === undefined ? found.report : { ...found.report, sameProblemKey: sameProblem });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return reports;
  }

  /**
   * Calls in statement position (or under `void`) whose promise can reject. In a module's
   * top-level code and in functions only that code runs (see runsOnlyAtLoad), only failures in
   * work going on for as long as the process (see failsInEndlessWork): a script failing as it
   * loads may crash on purpose (`main()`). Not inside a task another rule analyses (it
   * reports them there).
   */
  private findFloatingCalls(sourceFile: ts.SourceFile, rule: Rule, taskFunctions: ReadonlySet<ts.Node>, isPromiseName: ((name: string) => boolean) | undefined): TaskReport[] {
    const api = rule.apis[0]!;
    const reports: TaskReport[] = [];
    const visit = (node: ts.Node, where: "load time" | "function"): void => {
      if (taskFunctions.has(node)) return;
      if (ts.isExpressionStatement(node) && (!isPromiseName || mayBePromiseStatement(node.expression, isPromiseName)) && !queuesOnExecutedBatch(node.expression)) {
        const found = this.analysis.failureOfFloating(node.expression);
        const reported = found && (where === "function" || failsInEndlessWork([...found.calls, found.site])) && !neverRunsInProduction(node, this.calleeOf);
        const handler = reported ? this.processHandler(sourceFile.fileName, true) : undefined;
        if (reported && (!handler || handler.drops)) {
          const failure = toFailure(undefined, found);
          const fix = this.fixes?.forFloating(node.expression);
          const ending = endingUnder(handler, api, "crash");
          reports.push({ rule, ...ending, range: rangeOf(node.expression, sourceFile), failure: { ...failure, rejects: true }, ...(fix ? { fix } : {}) });
        }
      }
      const inside = where === "function" || !isFunctionNode(node) ? where : runsOnlyAtLoad(node) ? "load time" : "function";
      ts.forEachChild(node, (child) => visit(child, inside));
    };
    visit(sourceFile, "load time");
    return reports;
  }

  /**
   * The report for one task handed to one API, when its error escapes and nothing handles it, and
   * the task function it was worked out from.
   * A promise the task drops inside its body escapes any library (it catches what the task
   * throws or returns): where the library handles, loses or awaits the task's own errors, such
   * promises are left to floating-task; otherwise this rule reports them, and the task function
   * goes into `coveredTasks` so that floating-task does not report them twice.
   */
  private checkTask(node: SchedulingCall, { rule, api }: ApiMatch, sourceFile: ts.SourceFile, coveredTasks: Set<ts.Node>): { report: TaskReport; fn: FunctionNode | undefined; site: ts.Node } | undefined {
    const argument = taskExpression(node, api, this.resolver);
    if (!argument || (api.handledBy && isHandled(node, api.handledBy, this.handlerChecks)) || neverRunsInProduction(node, this.calleeOf)) return undefined;
    const outcome = outcomeOf(api, sourceFile.fileName, this.versions, this.debug);
    const found = outcome === "handled" && api.awaitsResult ? undefined : this.failureOfTask(argument, api);
    const coversDroppedPromises = outcome !== "handled" && outcome !== "lost" && !api.awaitsResult;
    if (found?.fn && coversDroppedPromises) coveredTasks.add(found.fn);
    if (!found?.failure || outcome === "handled" || this.rethrowsEmitterError(node, found.fn, found.failure)) return undefined;
    const failure = toFailure(found.fn, found.failure);
    if (failure.floats && !coversDroppedPromises) return undefined;
    if (routesErrorsToResult(api)) failure.rejects = true;
    if ((outcome === "rejection-crashes" && !failure.rejects) || (outcome === "sync-crashes" && failure.rejects)) return undefined;
    const handler = outcome === "lost" ? undefined : this.processHandler(sourceFile.fileName, failure.rejects);
    if (handler && !handler.drops) return undefined;
    const reported = api.task.madeWith ? node : argument;
    const fix = this.fixes?.forTask({ call: node, api, argument, fn: found.fn, failure: found.failure, errorsGoToResult: routesErrorsToResult(api) });
    return { report: { rule, ...endingUnder(handler, api, outcome), range: rangeOf(reported, sourceFile), failure, ...(fix ? { fix } : {}) }, fn: found.fn, site: found.failure.site };
  }

  /**
   * The process-wide handler the file's package has for what the failure raises (an unhandled
   * rejection, an uncaught exception): one that logs it and lets the process go on, or one that
   * drops it (see ProcessHandler.drops).
   */
  private processHandler(filePath: string, rejects: boolean): ProcessHandler | undefined {
    const handler = this.processHandlers.handlerFor(filePath, rejects ? "unhandledRejection" : "uncaughtException");
    if (handler && !this.announcedHandlers.has(handler)) {
      this.announcedHandlers.add(handler);
      const where = handler.by ? `${path.relative(this.cwd, handler.file)}: ${handler.by}, and` : `${path.relative(this.cwd, handler.file)}:${handler.line}`;
      const covered = handler.by ? "its package" : "its package and the files that import it";
      const verdict = handler.drops ? "those are reported as silently lost there" : "those are not reported there";
      this.debug(`${where} handles ${rejects ? "unhandled rejections" : "uncaught exceptions"} for ${covered}: ${verdict}`);
    }
    return handler;
  }

  /** An `"error"` listener whose failure is its own rethrow of the error it was given (see rethrowsListenerArgument). */
  private rethrowsEmitterError(node: SchedulingCall, fn: FunctionNode | undefined, failure: FoundFailure): boolean {
    return fn !== undefined && failure.calls.length === 0 && listensTo(node, ["error"]) && rethrowsListenerArgument(failure.site, fn);
  }

  /** Whether a task function ends the process on the path that does its work (see endsWhenItWorks). */
  private endsProcess(task: ts.Expression): boolean {
    const resolved = resolveTask(task, this.resolver, this.isGuard);
    return resolved.kind === "function" && endsWhenItWorks(resolved.fn, this.resolver);
  }

  /** The task's failure; `fn` is the task function that was analysed (also when it cannot fail). */
  private failureOfTask(argument: ts.Expression, api: TaskApi): { fn: FunctionNode | undefined; failure: FoundFailure | undefined } | undefined {
    if (api.task.opaque) return { fn: undefined, failure: { calls: [], site: argument, kind: "elsewhere", viaPromise: false } };
    if (api.task.promise) return { fn: undefined, failure: this.analysis.failureOfPromise(argument) };
    const task = resolveTask(argument, this.resolver, this.isGuard);
    if (task.kind !== "function") return undefined;
    if (api.only && (api.only === "async") !== this.analysis.returnsPromise(task.fn)) return undefined;
    return { fn: task.fn, failure: this.analysis.failureOfTask(task.fn, task, api.awaitsResult) };
  }
}

const DEVELOPMENT_TOOL_REASONS: Record<DevelopmentTool, string> = {
  "build step": "only build scripts run it",
  "dev script": "a dev script runs it, outside the build's rootDir",
  "one-shot script": "a package script runs it as a command that ends when done, so its first error fails that command",
  "hand-run script": "a script run by hand: not compiled by its tsconfig.json, named by no package script and mentioned by no other file",
};

/** The packages a method API's receiver must come from (`fastq` for `queue.push()`). */
function receiverModulesOf(rules: readonly Rule[]): string[] {
  const modules = rules.flatMap((rule) => rule.apis.flatMap((api) => api.sources.flatMap((source) => ("method" in source ? (source.receiver ?? []).flatMap((receiver) => ("module" in receiver ? [receiver.module] : [])) : []))));
  return [...new Set(modules)].sort();
}

const WORD = /#?[A-Za-z_$][\w$]*/g;

function toFailure(task: FunctionNode | undefined, found: FoundFailure): Failure {
  const site = traceStep(found.site);
  if (found.kind === "await" && !ts.isAwaitExpression(found.site)) site.text = isIteratedByForAwait(found.site) ? `for await (... of ${site.text})` : `await ${site.text}`;
  return {
    calls: withoutLoops(found.calls).map(callStep),
    site: { ...site, kind: found.kind === "throw" && isInCatchClause(found.site) ? "rethrow" : found.kind },
    rejects: (task !== undefined && isAsyncFunction(task)) || found.viaPromise,
    floats: found.floats ?? false,
  };
}

/** A call on the path; a `for await` over a project's iterator reads `for await (... of queue)`. */
function callStep(node: ts.Node): TraceStep {
  const step = traceStep(node);
  if (!ts.isCallExpression(node) && isIteratedByForAwait(node)) step.text = `for await (... of ${step.text})`;
  return step;
}

function isIteratedByForAwait(node: ts.Node): boolean {
  return ts.isForOfStatement(node.parent) && node.parent.awaitModifier !== undefined && node.parent.expression === node;
}

/**
 * The calls with every loop cut out: a path built from memoised results can come back to a call
 * it has passed (stop() calls start(), whose catch calls exit(), which calls stop() again); from
 * the second visit on it goes where the first would, so the shorter path is as true.
 */
function withoutLoops(calls: readonly ts.Node[]): ts.Node[] {
  const path: ts.Node[] = [];
  for (const call of calls) {
    const seen = path.indexOf(call);
    if (seen >= 0) path.length = seen;
    path.push(call);
  }
  return path;
}

/** A throw in a catch clause of its own function: `catch (error) { throw new AppError(error) }`. */
function isInCatchClause(node: ts.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (ts.isCatchClause(current)) return true;
  }
  return false;
}

/**
 * Parse errors that are rules of strict mode, which a CommonJS script without "use strict" does
 * not run in: `eval`/`arguments` misused (1100), `with` (1101), `delete name` (1102), octal
 * literals (1121), strict reserved words (1212), octal escapes (1487), leading zeros (1489).
 */
const STRICT_MODE_ONLY = new Set([1100, 1101, 1102, 1121, 1212, 1487, 1489]);

function firstParseError(sourceFile: ts.SourceFile, isModuleType = false): ParseProblem | undefined {
  // The parser keeps its diagnostics on the source file; reading them needs no type checker.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const sloppy = isSloppyScript(sourceFile, isModuleType);
  const first = diagnostics?.find((diagnostic) => !(sloppy && STRICT_MODE_ONLY.has(diagnostic.code)));
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return { message: ts.flattenDiagnosticMessageText(first.messageText, " "), line: line + 1, column: character + 1 };
}

/**
 * A CommonJS script with no import or export and no "use strict" (a `.cjs` file, or a `.js` file
 * outside a `"type": "module"` package): Node runs it in sloppy mode.
 */
function isSloppyScript(sourceFile: ts.SourceFile, isModuleType: boolean): boolean {
  const commonJs = sourceFile.fileName.endsWith(".cjs") || (sourceFile.fileName.endsWith(".js") && !isModuleType);
  if (!commonJs) return false;
  const isModule = (sourceFile as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator !== undefined;
  const first = sourceFile.statements[0];
  const strict = first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use strict";
  return !isModule && !strict;
}

/** Under a handler that drops errors, what would have crashed the process is silently lost instead. */
function endingUnder(handler: ProcessHandler | undefined, api: TaskApi, outcome: Outcome): { api: TaskApi; outcome: Outcome } {
  return handler?.drops ? { api: { ...api, owner: handler.drops }, outcome: "lost" } : { api, outcome };
}

