import { ts } from "./ts.cjs";
import type { SourceRange } from "../../core/finding.js";
import { isStaticMember } from "./classes.js";

/** A module's own words: `require(`, `module.exports`, `exports.x`, besides `import`/`export`. */
const COMMONJS = /\b(require\s*\(|module\.exports\b|exports\.[\w$]+\s*=)/;

/**
 * The name of the top-level function or class of a module that a report stands in, when nothing
 * can run it: not exported, not run when declared (a decorator, a static block, a static field
 * that calls), and named nowhere in the file outside its own body (`class _ChatAction { ... }`
 * left over after a refactor). A script that is no module shares its top-level names with other
 * scripts, so its declarations always count.
 */
export function unusedDeclarationAt(sourceFile: ts.SourceFile, range: SourceRange): string | undefined {
  if (!ts.isExternalModule(sourceFile) && !COMMONJS.test(sourceFile.text)) return undefined;
  const position = sourceFile.getPositionOfLineAndCharacter(range.line - 1, range.column - 1);
  const statement = sourceFile.statements.find((candidate) => candidate.getStart(sourceFile) <= position && position < candidate.end);
  const name = statement && declaredName(statement);
  if (!name) return undefined;
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`);
  const { text } = sourceFile;
  return word.test(text.slice(0, statement.getStart(sourceFile))) || word.test(text.slice(statement.end)) ? undefined : name;
}

/** The name a top-level function or class declares, if it is not exported and runs nothing when declared. */
function declaredName(statement: ts.Statement): string | undefined {
  if (!ts.isFunctionDeclaration(statement) && !ts.isClassDeclaration(statement)) return undefined;
  const modifiers = ts.getModifiers(statement) ?? [];
  if (ts.isClassDeclaration(statement) && runsWhenDeclared(statement)) return undefined;
  if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  return statement.name?.text;
}

/** A class whose declaration runs code: a decorator (it may register the class), a `static {}` block or a static field that calls something. */
function runsWhenDeclared(declaration: ts.ClassDeclaration): boolean {
  if ((ts.getDecorators(declaration)?.length ?? 0) > 0) return true;
  return declaration.members.some((member) => ts.isClassStaticBlockDeclaration(member) || (ts.isPropertyDeclaration(member) && isStaticMember(member) && member.initializer !== undefined && calls(member.initializer)));
}

/** Whether an expression calls or constructs anything (`setInterval(...)`, `new Map()`), outside functions it only defines. */
function calls(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, calls) ?? false;
}
