import { ts } from "./ts.cjs";
import { isAssignment, isFunctionNode } from "./syntax.js";

/**
 * Lexical name resolution without a type checker: which declaration in the file a name refers
 * to, or undefined when it is a global. Good enough to tell the real `setTimeout` from a local
 * function or an import that has the same name.
 */
const declarationsByScope = new WeakMap<ts.Node, Map<string, ts.Node>>();

export function resolveName(name: string, from: ts.Node): ts.Node | undefined {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    if (!isScope(node)) continue;
    const declaration = declarationsOf(node).get(name);
    if (declaration) return declaration;
  }
  return undefined;
}

export function resolveIdentifier(identifier: ts.Identifier): ts.Node | undefined {
  return resolveName(identifier.text, identifier);
}

const SCOPE_KINDS = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ClassExpression,
]);

function isScope(node: ts.Node): boolean {
  return SCOPE_KINDS.has(node.kind) || isFunctionNode(node);
}

function declarationsOf(scope: ts.Node): Map<string, ts.Node> {
  let declarations = declarationsByScope.get(scope);
  if (!declarations) {
    declarations = new Map();
    collectDeclarations(scope, declarations);
    declarationsByScope.set(scope, declarations);
  }
  return declarations;
}

function collectDeclarations(scope: ts.Node, into: Map<string, ts.Node>): void {
  if (ts.isSourceFile(scope)) {
    collectStatements(scope.statements, into);
    collectHoistedVars(scope, into);
  } else if (ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    collectStatements(scope.statements, into);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) collectStatements(clause.statements, into);
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) addBindingNames(scope.variableDeclaration.name, scope.variableDeclaration, into);
  } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const initializer = scope.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) {
      for (const declaration of initializer.declarations) addBindingNames(declaration.name, declaration, into);
    }
  } else if (ts.isClassExpression(scope)) {
    if (scope.name) into.set(scope.name.text, scope);
  } else if (isFunctionNode(scope)) {
    if (ts.isFunctionExpression(scope) && scope.name) into.set(scope.name.text, scope);
    for (const parameter of scope.parameters) addBindingNames(parameter.name, parameter, into);
    if (scope.body && ts.isBlock(scope.body)) collectHoistedVars(scope.body, into);
  }
}

function collectStatements(statements: ts.NodeArray<ts.Statement>, into: Map<string, ts.Node>): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBindingNames(declaration.name, declaration, into);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      into.set(statement.name.text, statement);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      into.set(statement.name.text, statement);
    } else if (ts.isImportDeclaration(statement)) {
      collectImport(statement, into);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      into.set(statement.name.text, statement);
    }
  }
}

function collectImport(declaration: ts.ImportDeclaration, into: Map<string, ts.Node>): void {
  const clause = declaration.importClause;
  if (!clause || clause.isTypeOnly) return;
  if (clause.name) into.set(clause.name.text, clause);
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    into.set(bindings.name.text, bindings);
  } else {
    for (const specifier of bindings.elements) {
      if (!specifier.isTypeOnly) into.set(specifier.name.text, specifier);
    }
  }
}

/** `var` declarations anywhere in a function body (not in nested functions) belong to the function. */
function collectHoistedVars(root: ts.Node, into: Map<string, ts.Node>): void {
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) addBindingNames(declaration.name, declaration, into);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
}

function addBindingNames(name: ts.BindingName, declaration: ts.Node, into: Map<string, ts.Node>): void {
  if (ts.isIdentifier(name)) {
    into.set(name.text, declaration);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) addBindingNames(element.name, element, into);
  }
}

/**
 * The values a `let` variable is given: its initializer and every `name = value` in its scope
 * (`let runner = null; ... runner = new Runner()`); undefined when it is also changed otherwise
 * (`name += 1`, `name++`, destructuring).
 */
export function assignedValues(declaration: ts.VariableDeclaration): ts.Expression[] | undefined {
  if (!ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  const name = declaration.name.text;
  const values = declaration.initializer ? [declaration.initializer] : [];
  let other = false;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && isWrittenTo(node) && resolveIdentifier(node) === declaration) {
      const parent = node.parent;
      if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === node) values.push(parent.right);
      else other = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.parent.parent.parent);
  return other ? undefined : values;
}

function isWrittenTo(identifier: ts.Identifier): boolean {
  let node: ts.Node = identifier;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) return parent.left === node && isAssignment(parent);
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent) && isDestructuringTarget(parent.parent));
}

function isDestructuringTarget(literal: ts.ObjectLiteralExpression): boolean {
  const parent = literal.parent;
  return ts.isBinaryExpression(parent) && parent.left === literal && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
