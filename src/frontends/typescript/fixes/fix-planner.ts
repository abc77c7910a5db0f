import path from "node:path";
import { ts } from "../ts.cjs";
import type { FixProposal, FixSettings, TextEdit } from "../../../core/fix.js";
import type { TaskApi } from "../../../core/task-api.js";
import type { FoundFailure } from "../can-throw.js";
import { isFunctionNode, isMemberOperand, type FunctionNode } from "../syntax.js";
import { catchPromiseEdits } from "./catch-promise.js";
import { declaredName, isWrittenInPlace, otherUse, type UsageContext } from "./function-usages.js";
import { importEdits } from "./import-edits.js";
import { layoutOf } from "./text-layout.js";
import { returnsValue, wrapBodyEdit } from "./wrap-function.js";
import { traceStep } from "../node-text.js";

/** A declared return type a function still satisfies when the error path returns nothing: `void`, `T | undefined`, `Promise<T | undefined>`. */
function acceptsUndefined(type: ts.TypeNode): boolean {
  const node = ts.isParenthesizedTypeNode(type) ? type.type : type;
  if ([ts.SyntaxKind.VoidKeyword, ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.AnyKeyword].includes(node.kind)) return true;
  if (ts.isUnionTypeNode(node)) return node.types.some(acceptsUndefined);
  const promised = ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === "Promise" ? node.typeArguments?.[0] : undefined;
  return promised !== undefined && acceptsUndefined(promised);
}

/** What the frontend knows about one reported task, for choosing its fix. */
export interface ReportedTask {
  call: ts.CallExpression | ts.NewExpression;
  api: TaskApi;
  argument: ts.Expression;
  /** The task function, when the task is one. */
  fn: FunctionNode | undefined;
  failure: FoundFailure;
  /** The API hands the task's error to the call's result (p-queue `add()`), which is dropped. */
  errorsGoToResult: boolean;
}

/**
 * Chooses and computes the fix for a finding, as text edits: wrap the task function's body in
 * try/catch (where it is written, or at its declaration when it is referenced and used nowhere
 * else), or add `.catch()` to a promise nobody handles.
 */
export class FixPlanner {
  constructor(
    private readonly settings: FixSettings,
    private readonly usages: UsageContext,
    /** Whether a file's compiler options ask every path of a value-returning function to return. */
    private readonly wantsExplicitReturns: (filePath: string) => boolean,
    /** Whether a call returns a promise on every path (an async function, a chain), so `.catch` is always there. */
    private readonly alwaysPromise: (call: ts.CallExpression) => boolean,
  ) {}

  forTask(task: ReportedTask): FixProposal {
    const { call, api, argument, fn, failure } = task;
    if (failure.floats) return this.forFloating(failure.calls[0] as ts.Expression);
    // `() => fetch(url)` or `{ fetch(url); }` in a task that does not await: catch that promise.
    if (failure.kind === "floating" && failure.calls.length === 0 && ts.isExpression(failure.site)) return this.forFloating(failure.site);
    if (api.task.promise) return this.catching(argument);
    if (task.errorsGoToResult) return this.forFloating(call);
    if (api.task.opaque || api.task.madeWith) return { unavailable: "the error is reported by an event; add the listener by hand" };
    if (!fn) return { unavailable: "the task is not a function the linter can see; catch the error inside it by hand" };
    if (isWrittenInPlace(argument, fn)) return this.wrapping(fn, "wrap the task's body in try/catch");
    return this.forReferenced(fn);
  }

  /** A call in statement position (or under `void`, or an arrow's body) whose promise nobody handles. */
  forFloating(floating: ts.Expression): FixProposal {
    const expression = ts.isVoidExpression(floating) ? floating.expression : floating;
    const statement = ts.isVoidExpression(expression.parent) ? expression.parent.parent : expression.parent;
    const isArrowBody = ts.isArrowFunction(expression.parent) && expression.parent.body === expression;
    if (!ts.isExpressionStatement(statement) && !isArrowBody) return { unavailable: "the promise is not dropped in a statement of its own (it is returned or passed on); await it in an async task, or add .catch() where it is dropped" };
    return this.catching(expression);
  }

  private forReferenced(fn: FunctionNode): FixProposal {
    const name = declaredName(fn);
    if (!name || ts.isConstructorDeclaration(fn) || fn.asteriskToken) return { unavailable: "the task is made by a call; wrap the function it returns by hand" };
    const file = fn.getSourceFile().fileName;
    if (!this.usages.isLinted(file)) return { unavailable: `${name.text} is declared in ${path.basename(file)}, which is not being linted; lint that file too, or catch the error in the task` };
    const elsewhere = otherUse(name, this.usages);
    if (elsewhere) {
      const sourceFile = elsewhere.getSourceFile();
      const line = sourceFile.getLineAndCharacterOfPosition(elsewhere.getStart(sourceFile)).line + 1;
      return { unavailable: `${name.text} is also used at ${path.basename(sourceFile.fileName)}:${line}; wrapping its body would hide its errors there, so catch the error in the task instead` };
    }
    return this.wrapping(fn, `wrap the body of ${name.text} in try/catch`);
  }

  private wrapping(fn: FunctionNode, description: string): FixProposal {
    if (!isFunctionNode(fn) || ts.isConstructorDeclaration(fn) || fn.asteriskToken) return { unavailable: "constructors and generators are not wrapped; catch the error by hand" };
    const sourceFile = fn.getSourceFile();
    if (fn.type && returnsValue(fn) && !acceptsUndefined(fn.type)) {
      return { unavailable: `the function declares it returns ${fn.type.getText(sourceFile)}, and after a caught error it would have no value to return; catch the error in the task, or allow undefined` };
    }
    const layout = layoutOf(sourceFile.text);
    const edit = wrapBodyEdit(fn, sourceFile, layout, this.settings, this.wantsExplicitReturns(sourceFile.fileName));
    if (!edit) return { unavailable: "the function has no body" };
    return this.fixIn(sourceFile, [edit], description);
  }

  private catching(promise: ts.Expression): FixProposal {
    // `a && b()` or `a ?? b()` may not be a promise at all (`false.catch` throws), and a leading
    // `(` can join the line before: only what `.catch` can follow as it is gets it.
    if (!isMemberOperand(promise)) return { unavailable: "the expression may not be a promise on every path (a && b(), a ?? b()); add .catch() where it is one" };
    if (ts.isCallExpression(promise) && !this.alwaysPromise(promise)) {
      return { unavailable: `${traceStep(promise.expression).text}() may return something other than a promise; make it async, or catch inside it` };
    }
    const sourceFile = promise.getSourceFile();
    const description = `add .catch() to ${traceStep(promise).text}`;
    return this.fixIn(sourceFile, catchPromiseEdits(promise, sourceFile, layoutOf(sourceFile.text), this.settings), description);
  }

  private fixIn(sourceFile: ts.SourceFile, edits: TextEdit[], description: string): FixProposal {
    const imports = importEdits(sourceFile, this.settings.imports, layoutOf(sourceFile.text), this.usages.manifests);
    return { fix: { description, changes: [{ filePath: sourceFile.fileName, edits: [...imports, ...edits] }] } };
  }
}
