import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import { contains, skipOuter } from "./syntax.js";

/**
 * Where the code calls `process.exit()` before it next waits: Node tells of a failed promise
 * (and of a throw that reaches a rejection) only once the current job is done, and
 * `process.exit()` ends the process in the middle of it.
 */
type Course = "exits" | "leaves" | "falls through";

/** `process.exit(1)` as a statement of its own. */
function isExitStatement(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const call = skipOuter(statement.expression);
  if (!ts.isCallExpression(call)) return false;
  const origin = originOf(skipOuter(call.expression));
  return origin.kind === "global" && origin.path.join(".") === "process.exit";
}

/** A statement that may wait or go elsewhere: an await, a yield, a return, a throw, a break or a continue of its own. */
function mayLeave(statement: ts.Statement): boolean {
  return contains(
    statement,
    (node) =>
      ts.isAwaitExpression(node) ||
      ts.isYieldExpression(node) ||
      ts.isReturnStatement(node) ||
      ts.isThrowStatement(node) ||
      ts.isBreakOrContinueStatement(node) ||
      (ts.isForOfStatement(node) && node.awaitModifier !== undefined),
  );
}

/** The course of a run of statements: it reaches an exit before anything that may wait or leave, or not. */
function courseOf(statements: readonly ts.Statement[]): Course {
  for (const statement of statements) {
    if (isExitStatement(statement)) return "exits";
    if (mayLeave(statement)) return "leaves";
  }
  return "falls through";
}

/** `try { await stopAll(); } finally { process.exit(1); }`: whatever the try block and catch clause throw, the process ends first. */
export function finallyExits(node: ts.TryStatement): boolean {
  return node.finallyBlock !== undefined && courseOf(node.finallyBlock.statements) === "exits";
}

/**
 * `report(error); process.exit(1);`: after this statement the code reaches `process.exit()`
 * before it waits or leaves, in its block, past the end of an `if` branch or a block, or in the
 * `finally` clause of a `try` it is in; a promise the statement drops never gets to reject.
 */
export function exitsRightAfter(statement: ts.Statement): boolean {
  let current: ts.Statement | undefined = statement;
  while (current && ts.isBlock(current.parent)) {
    const block: ts.Block = current.parent;
    const course = courseOf(block.statements.slice(block.statements.indexOf(current) + 1));
    if (course !== "falls through") return course === "exits";
    current = statementAround(block);
    const finallyBlock = current && ts.isTryStatement(current) ? current.finallyBlock : undefined;
    if (finallyBlock && finallyBlock !== block) {
      const finallyCourse = courseOf(finallyBlock.statements);
      if (finallyCourse !== "falls through") return finallyCourse === "exits";
    }
  }
  return false;
}

/** The statement whose end control reaches when it falls off the end of a block: the block itself, its `if`, its `try`. */
function statementAround(block: ts.Block): ts.Statement | undefined {
  const owner = block.parent;
  if (ts.isBlock(owner)) return block;
  if (ts.isIfStatement(owner) || ts.isTryStatement(owner)) return owner;
  if (ts.isCatchClause(owner)) return owner.parent;
  return undefined;
}
