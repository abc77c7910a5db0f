import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { isAssignment, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

export type Literal = string | number | boolean | null | undefined;

/**
 * An object literal a call gives a parameter the callee only reads properties of
 * (`archive(id, { hard: true })`, or a `= {}` default): the literal properties it has, and
 * whether it has others whose values are not literals. A property it lacks reads as undefined.
 */
export class ObjectConstant {
  constructor(
    readonly properties: ReadonlyMap<string, Literal>,
    readonly others: ReadonlySet<string>,
  ) {}

  /** A stable text of the properties, for memo keys. */
  toJSON(): string {
    return JSON.stringify([[...this.properties].sort(([a], [b]) => a.localeCompare(b)), [...this.others].sort()]);
  }
}

/** A function a call gives a parameter (`processAll(ids, async (id) => ...)`): whatever it does, `typeof` says "function". */
export class FunctionConstant {
  toJSON(): string {
    return "function";
  }
}
const A_FUNCTION = new FunctionConstant();

type Constant = Literal | ObjectConstant | FunctionConstant;

/** Parameters (and names destructured from them) whose value a call fixes: `reconnect: true`, an omitted `tx`. */
export type ArgumentConstants = ReadonlyMap<ts.Node, Constant>;

/**
 * What a call fixes of the callee's parameters, read from literal arguments: a literal
 * (`connect(pool, true)`), an argument left out (undefined, or the parameter's literal default),
 * the literal properties of an object literal given to a destructured parameter
 * (`connect({ pool, reconnect: true })` with `{ pool, reconnect = false }`) or to one the callee
 * only reads properties of (`options.hard`), and a function given to a parameter (for `typeof`).
 * An argument that is a constant of the calling context passes on. Parameters the callee assigns
 * to are left out.
 */
export function constantsAt(call: ts.CallExpression, fn: FunctionNode, outer: ArgumentConstants | undefined): ArgumentConstants | undefined {
  const constants = new Map<ts.Node, Constant>();
  for (const [index, parameter] of fn.parameters.entries()) {
    if (parameter.dotDotDotToken || call.arguments.slice(0, index + 1).some(ts.isSpreadElement)) break;
    const argument = call.arguments[index];
    if (ts.isIdentifier(parameter.name)) {
      const given = argument === undefined ? undefined : literalOf(argument, outer);
      const value = argument === undefined || (given && given.value === undefined) ? defaultOf(parameter.initializer) : given;
      if (value) constants.set(parameter, value.value);
      const object = objectGiven(argument ?? parameter.initializer, outer);
      if (!value && object && onlyPropertiesRead(parameter, fn)) constants.set(parameter, object);
      if (argument && isFunctionGiven(argument)) constants.set(parameter, A_FUNCTION);
    } else if (ts.isObjectBindingPattern(parameter.name)) {
      const given = argument === undefined ? parameter.initializer : argument;
      const object = given && skipOuter(given);
      if (object && !ts.isObjectLiteralExpression(object)) continue;
      for (const element of parameter.name.elements) {
        const value = object ? propertyValue(object, element, outer) : defaultOf(element.initializer);
        if (value) constants.set(element, value.value);
      }
    }
  }
  return constants.size > 0 ? constants : undefined;
}

/**
 * The statements a `switch` runs when the constants fix its value and every `case` is a literal
 * (or an enum member): from the matching case, else `default`, falling through the next cases up
 * to a `break`, `continue`, `return` or `throw` of a case's own (also in the case's braces); none
 * when nothing matches. Undefined when
 * the constants do not decide it.
 */
export function takenStatements(node: ts.SwitchStatement, constants: ArgumentConstants | undefined): ts.Statement[] | undefined {
  const value = constantValue(node.expression, constants);
  if (!value) return undefined;
  const { clauses } = node.caseBlock;
  let start = -1;
  for (const [index, clause] of clauses.entries()) {
    if (!ts.isCaseClause(clause)) continue;
    const label = constantValue(clause.expression, constants);
    if (!label) return undefined;
    if (start < 0 && label.value === value.value) start = index;
  }
  if (start < 0) start = clauses.findIndex(ts.isDefaultClause);
  const taken: ts.Statement[] = [];
  for (const clause of start < 0 ? [] : clauses.slice(start)) {
    for (const statement of clause.statements.flatMap(unbraced)) {
      if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return taken;
      taken.push(statement);
      if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return taken;
    }
  }
  return taken;
}

/** `case "hex": { ...; break; }`: the statements of a case's braces, as if written without them. */
function unbraced(statement: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(statement) ? statement.statements.flatMap(unbraced) : [statement];
}

/**
 * The constants a callback can read: those of the functions it is written inside, whose
 * parameters it closes over (`rules.every((rule) => isValid(rule, message))`). A function declared
 * elsewhere (`items.forEach(handle)`) reads none, so it is analysed once for every caller.
 */
export function constantsSeenBy(callback: ts.Node, constants: ArgumentConstants | undefined): ArgumentConstants | undefined {
  if (!constants) return undefined;
  const seen = [...constants].filter(([declaration]) => {
    const owner = ts.findAncestor(declaration.parent, isFunctionNode);
    return owner !== undefined && owner !== callback && callback.pos >= owner.pos && callback.end <= owner.end;
  });
  return seen.length > 0 ? new Map(seen) : undefined;
}

/** The value of a condition when the constants decide it; undefined when they do not. */
export function constantValue(expression: ts.Expression, constants: ArgumentConstants | undefined): { value: Literal } | undefined {
  if (!constants) return undefined;
  const node = skipOuter(expression);
  if (ts.isIdentifier(node) && node.text !== "undefined") {
    const declaration = resolveIdentifier(node);
    if (declaration && !constants.has(declaration)) return localConstantValue(declaration, constants);
    if (!declaration) return undefined;
    const value = constants.get(declaration);
    if (!holdsAt(declaration, node, value instanceof FunctionConstant)) return undefined;
    // An object or a function is truthy, whatever it holds.
    return { value: value instanceof ObjectConstant || value instanceof FunctionConstant ? true : value };
  }
  if (ts.isPropertyAccessExpression(node)) {
    const member = enumMemberValue(node) ?? urlPartValue(node, constants);
    if (member) return member;
    const object = heldValue(node.expression, constants);
    const name = node.name.text;
    // `options.toString` is the prototype's, not missing.
    if (!(object instanceof ObjectConstant) || object.others.has(name) || (!object.properties.has(name) && name in Object.prototype)) return undefined;
    return { value: object.properties.get(name) };
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = constantValue(node.operand, constants);
    return operand && { value: !operand.value };
  }
  if (ts.isTypeOfExpression(node)) {
    const held = heldValue(node.expression, constants);
    if (held instanceof ObjectConstant) return { value: "object" };
    if (held instanceof FunctionConstant) return { value: "function" };
    const operand = constantValue(node.expression, constants);
    return operand && { value: operand.value === null ? "object" : typeof operand.value };
  }
  if (ts.isElementAccessExpression(node)) return lookupValue(node, constants);
  if (ts.isBinaryExpression(node)) return binaryValue(node, constants);
  if (ts.isCallExpression(node)) return stringTestValue(node, constants) ?? membershipValue(node, constants) ?? caseChangeValue(node, constants);
  return literalOf(node, undefined);
}

/**
 * `ANSI[color.toUpperCase()]` with a fixed key, where `ANSI` is a `const` object literal of the
 * file: the literal the key names, undefined for a key it lacks, true for an object, array or
 * function entry (truthy); another entry (`LABEL: prefix + "x"`) decides nothing.
 */
function lookupValue(access: ts.ElementAccessExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const table = skipOuter(access.expression);
  const declaration = ts.isIdentifier(table) ? resolveIdentifier(table) : undefined;
  const object = declaration && isConstVariable(declaration) && declaration.initializer && onlyLookedUp(declaration) ? skipOuter(declaration.initializer) : undefined;
  const key = object && ts.isObjectLiteralExpression(object) ? constantValue(access.argumentExpression, constants) : undefined;
  if (!key || typeof key.value !== "string" || !object || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) return undefined;
    if (property.name.text !== key.value) continue;
    const initializer = skipOuter(property.initializer);
    const isTruthyValue = ts.isObjectLiteralExpression(initializer) || ts.isArrayLiteralExpression(initializer) || isFunctionNode(initializer);
    return literalOf(initializer, undefined) ?? (isTruthyValue ? { value: true } : undefined);
  }
  return key.value in Object.prototype ? undefined : { value: undefined };
}

const lookupTables = new WeakMap<ts.VariableDeclaration, boolean>();

/** Every use of the table in its file reads an entry (`ANSI[key]`, `ANSI.RESET`) or its type: nothing adds, changes or hands it on. */
export function onlyLookedUp(declaration: ts.VariableDeclaration): boolean {
  let known = lookupTables.get(declaration);
  if (known === undefined) {
    let reads = true;
    const visit = (node: ts.Node): void => {
      if (!reads) return;
      if (ts.isIdentifier(node) && node !== declaration.name && resolveIdentifier(node) === declaration) {
        const access = node.parent;
        const isRead = (ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) && access.expression === node && !isWrittenTo(access) && !ts.isDeleteExpression(access.parent);
        if (!isRead && !ts.isTypeQueryNode(access)) reads = false;
      } else ts.forEachChild(node, visit);
    };
    visit(declaration.getSourceFile());
    known = reads;
    lookupTables.set(declaration, known);
  }
  return known;
}

const CASE_CHANGES = new Set(["toUpperCase", "toLowerCase", "trim"]);

/** `color.toUpperCase()` of a fixed string. */
function caseChangeValue(call: ts.CallExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !CASE_CHANGES.has(callee.name.text) || call.arguments.length !== 0) return undefined;
  const receiver = constantValue(callee.expression, constants);
  if (typeof receiver?.value !== "string") return undefined;
  const method = callee.name.text as "toUpperCase" | "toLowerCase" | "trim";
  return { value: receiver.value[method]() };
}

/** How many `const`s deep a value is followed (`const protocol = new URL(url).protocol`). */
const MAX_LOCAL_HOPS = 4;
let localHops = 0;

/** A `const` of the function whose initializer the constants decide. */
function localConstantValue(declaration: ts.Node, constants: ArgumentConstants): { value: Literal } | undefined {
  return throughConstant(declaration, (initializer) => constantValue(initializer, constants));
}

/** What `read` makes of a `const`'s initializer, while a chain of such constants is short enough to follow. */
function throughConstant<T>(declaration: ts.Node, read: (initializer: ts.Expression) => T | undefined): T | undefined {
  if (!isConstVariable(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer || localHops >= MAX_LOCAL_HOPS) return undefined;
  localHops++;
  try {
    return read(declaration.initializer);
  } finally {
    localHops--;
  }
}

export function isConstVariable(declaration: ts.Node): declaration is ts.VariableDeclaration {
  return ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
}

const STRING_TESTS = new Set(["startsWith", "endsWith", "includes"]);

/** `fullPath.startsWith("file:/")` on a string the constants fix, with a fixed string argument. */
function stringTestValue(call: ts.CallExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !STRING_TESTS.has(callee.name.text) || call.arguments.length !== 1) return undefined;
  const receiver = constantValue(callee.expression, constants);
  const argument = typeof receiver?.value === "string" ? constantValue(call.arguments[0]!, constants) : undefined;
  if (typeof receiver?.value !== "string" || typeof argument?.value !== "string") return undefined;
  const method = callee.name.text as "startsWith" | "endsWith" | "includes";
  return { value: receiver.value[method](argument.value) };
}

const URL_PARTS = new Set(["protocol", "host", "hostname", "origin", "pathname"]);

/** `new URL(url).protocol` of a URL the constants fix. */
function urlPartValue(access: ts.PropertyAccessExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const made = skipOuter(access.expression);
  const isUrl = ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === "URL" && resolveIdentifier(made.expression) === undefined;
  if (!isUrl || made.arguments?.length !== 1 || !URL_PARTS.has(access.name.text)) return undefined;
  const href = constantValue(made.arguments[0]!, constants);
  if (typeof href?.value !== "string" || !URL.canParse(href.value)) return undefined;
  return { value: new URL(href.value)[access.name.text as "protocol" | "host" | "hostname" | "origin" | "pathname"] };
}

/**
 * `EVENTS.has(event)`, `KINDS.includes(kind)` with a fixed argument, where the receiver is a
 * `const` holding literals: an array (`["a", "b"] as const`) or `new Set(...)` of one.
 */
function membershipValue(call: ts.CallExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length !== 1) return undefined;
  const method = callee.name.text;
  const members = constantMembers(callee.expression, method === "has" ? "set" : method === "includes" ? "array" : undefined);
  const argument = members && constantValue(call.arguments[0]!, constants);
  return argument && { value: members.includes(argument.value) };
}

/** The literals a `const` array, or a `const` Set made from one, holds. */
function constantMembers(expression: ts.Expression, kind: "set" | "array" | undefined, hops = 0): Literal[] | undefined {
  const node = skipOuter(expression);
  if (kind === undefined || hops > 4) return undefined;
  if (ts.isIdentifier(node)) {
    const declaration = resolveIdentifier(node);
    return declaration !== undefined && isConstVariable(declaration) && declaration.initializer ? constantMembers(declaration.initializer, kind, hops + 1) : undefined;
  }
  if (kind === "set") {
    const made = ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Set" && resolveIdentifier(node.expression) === undefined;
    return made && node.arguments?.length === 1 ? constantMembers(node.arguments[0]!, "array", hops + 1) : undefined;
  }
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  const literals = node.elements.map((element) => literalOf(element, undefined));
  return literals.every((literal) => literal !== undefined) ? literals.map((literal) => literal!.value) : undefined;
}

/** What a parameter named by the expression was given, when the constants fix it. */
function heldValue(expression: ts.Expression, constants: ArgumentConstants): Constant | undefined {
  const node = skipOuter(expression);
  const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  const value = declaration && constants.get(declaration);
  return declaration && holdsAt(declaration, node, value instanceof FunctionConstant) ? value : undefined;
}

/** An inline function, or the name of a function the file declares. */
function isFunctionGiven(argument: ts.Expression): boolean {
  const node = skipOuter(argument);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  return declaration !== undefined && ts.isFunctionDeclaration(declaration);
}

function binaryValue(node: ts.BinaryExpression, constants: ArgumentConstants): { value: Literal } | undefined {
  const left = constantValue(node.left, constants);
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return left ? (left.value ? constantValue(node.right, constants) : left) : falsy(constantValue(node.right, constants));
  if (operator === ts.SyntaxKind.BarBarToken) return left ? (left.value ? left : constantValue(node.right, constants)) : truthy(constantValue(node.right, constants));
  if (operator === ts.SyntaxKind.QuestionQuestionToken) return left && (left.value === null || left.value === undefined ? constantValue(node.right, constants) : left);
  const right = constantValue(node.right, constants);
  if (!left || !right) return undefined;
  switch (operator) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return { value: left.value === right.value };
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return { value: left.value !== right.value };
    case ts.SyntaxKind.EqualsEqualsToken:
      return { value: left.value == right.value };
    case ts.SyntaxKind.ExclamationEqualsToken:
      return { value: left.value != right.value };
    default:
      return undefined;
  }
}

/** `unknown && false` is falsy whatever the unknown: as a condition, false. */
function falsy(right: { value: Literal } | undefined): { value: Literal } | undefined {
  return right && !right.value ? { value: false } : undefined;
}

/** `unknown || true` is truthy whatever the unknown: as a condition, true. */
function truthy(right: { value: Literal } | undefined): { value: Literal } | undefined {
  return right && right.value ? { value: true } : undefined;
}

/** A literal written in the code, or a constant of the calling context. */
function literalOf(expression: ts.Expression, outer: ArgumentConstants | undefined): { value: Literal } | undefined {
  const node = skipOuter(expression);
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return { value: true };
    case ts.SyntaxKind.FalseKeyword:
      return { value: false };
    case ts.SyntaxKind.NullKeyword:
      return { value: null };
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
  if (ts.isNumericLiteral(node)) return { value: Number(node.text) };
  if (ts.isPropertyAccessExpression(node)) return enumMemberValue(node);
  if (ts.isIdentifier(node)) {
    if (node.text === "undefined") return { value: undefined };
    const declaration = resolveIdentifier(node);
    if (declaration && !outer?.has(declaration)) return literalConstant(declaration, outer);
    const value = declaration && outer?.get(declaration);
    return declaration && !(value instanceof ObjectConstant) && !(value instanceof FunctionConstant) ? { value } : undefined;
  }
  return undefined;
}

/** `const DEFAULT_RECONNECT_INTERVAL = 3000`: a `const` whose initializer is a literal. */
function literalConstant(declaration: ts.Node, outer: ArgumentConstants | undefined): { value: Literal } | undefined {
  return throughConstant(declaration, (initializer) => literalOf(initializer, outer));
}

/**
 * `LogLevel.Warn` of an enum the file declares: the member's literal value, a member without one
 * numbered on from the member before it (from 0 for the first).
 */
function enumMemberValue(access: ts.PropertyAccessExpression): { value: Literal } | undefined {
  const target = skipOuter(access.expression);
  const declaration = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
  if (!declaration || !ts.isEnumDeclaration(declaration)) return undefined;
  let next: number | undefined = 0;
  for (const member of declaration.members) {
    const value: string | number | undefined = member.initializer ? enumInitializerValue(member.initializer) : next;
    if ((ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === access.name.text) return value === undefined ? undefined : { value };
    next = typeof value === "number" ? value + 1 : undefined;
  }
  return undefined;
}

/** A string, a number or a negated number; undefined for a computed member. */
function enumInitializerValue(initializer: ts.Expression): string | number | undefined {
  const node = skipOuter(initializer);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  return undefined;
}

/**
 * An object literal given to (or defaulted for) a parameter, with no spread: its properties as
 * constants. A parameter of the calling context that was given one passes it on.
 */
function objectGiven(argument: ts.Expression | undefined, outer: ArgumentConstants | undefined): ObjectConstant | undefined {
  const object = argument && skipOuter(argument);
  if (object && outer) {
    const held = heldValue(object, outer);
    if (held instanceof ObjectConstant) return held;
  }
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const properties = new Map<string, Literal>();
  const others = new Set<string>();
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property) || !property.name || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) return undefined;
    const value = ts.isPropertyAssignment(property) ? literalOf(property.initializer, outer) : ts.isShorthandPropertyAssignment(property) ? literalOf(property.name, outer) : undefined;
    if (value) properties.set(property.name.text, value.value);
    else others.add(property.name.text);
  }
  return new ObjectConstant(properties, others);
}

/** How many functions deep an object handed on is followed (`log(data, opts)` -> `shouldExclude(opts)`). */
const MAX_HAND_ONS = 3;

/**
 * Every use of the parameter in the callee reads a property (`options.hard`), or hands the object
 * whole to a function of the same file that only reads it: nothing writes to the object, passes it
 * elsewhere or replaces it.
 */
function onlyPropertiesRead(parameter: ts.ParameterDeclaration, fn: FunctionNode, handOns = 0): boolean {
  let onlyReads = true;
  const visit = (node: ts.Node): void => {
    if (!onlyReads) return;
    if (ts.isIdentifier(node) && node !== parameter.name && resolveIdentifier(node) === parameter) {
      const access = node.parent;
      const read = ts.isPropertyAccessExpression(access) && access.expression === node && !isWrittenTo(access) && !(ts.isCallExpression(access.parent) && access.parent.expression === access);
      if (!read && !handedToReader(node, handOns)) onlyReads = false;
    } else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return onlyReads;
}

/** `shouldExclude(pluginData, opts)`: the object is an argument of a function the file declares, whose parameter only reads it. */
function handedToReader(use: ts.Identifier, handOns: number): boolean {
  const call = use.parent;
  if (handOns >= MAX_HAND_ONS || !ts.isCallExpression(call) || call.expression === use) return false;
  const index = call.arguments.indexOf(use);
  const callee = skipOuter(call.expression);
  const declaration = ts.isIdentifier(callee) ? resolveIdentifier(callee) : undefined;
  const target = declaration && isConstVariable(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : declaration;
  if (!target || !isFunctionNode(target) || call.arguments.slice(0, index).some(ts.isSpreadElement)) return false;
  const parameter = target.parameters[index];
  return parameter !== undefined && !parameter.dotDotDotToken && ts.isIdentifier(parameter.name) && onlyPropertiesRead(parameter, target, handOns + 1);
}

/** An omitted argument: the parameter's default when it is a literal, undefined without one. */
function defaultOf(initializer: ts.Expression | undefined): { value: Literal } | undefined {
  return initializer === undefined ? { value: undefined } : literalOf(initializer, undefined);
}

/** The value an object literal gives a destructured name; a spread makes missing properties unknown. */
function propertyValue(object: ts.ObjectLiteralExpression, element: ts.BindingElement, outer: ArgumentConstants | undefined): { value: Literal } | undefined {
  if (element.dotDotDotToken || !ts.isIdentifier(element.name)) return undefined;
  const key = element.propertyName ? (ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName) ? element.propertyName.text : undefined) : element.name.text;
  if (key === undefined) return undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === key) {
      const value = literalOf(property.initializer, outer);
      return value?.value === undefined && value !== undefined ? defaultOf(element.initializer) : value;
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return literalOf(property.name, outer);
  }
  return object.properties.some(ts.isSpreadAssignment) ? undefined : defaultOf(element.initializer);
}

const writesByDeclaration = new WeakMap<ts.Node, readonly ts.Identifier[]>();

/** The places a parameter is assigned to in its function. */
function writesOf(declaration: ts.Node, fn: FunctionNode): readonly ts.Identifier[] {
  let known = writesByDeclaration.get(declaration);
  if (known === undefined) {
    const writes: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isWrittenTo(node) && resolveIdentifier(node) === declaration) writes.push(node);
      else ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    known = writes;
    writesByDeclaration.set(declaration, known);
  }
  return known;
}

/**
 * Whether what the call gave a parameter still holds where `use` reads it: the parameter is not
 * assigned to before the read (`const url = new URL(baseUrl); ... baseUrl = url.toString()`
 * reads the value given), nor in a loop around it, and the read is not in a function made
 * inside, which may run later. Of a function given, only whether it is a function matters: the
 * shuffle of optional arguments (`if (typeof options === "function") callback = options`) keeps
 * one.
 */
export function holdsAt(declaration: ts.Node, use: ts.Node, isFunction = false): boolean {
  const fn = ts.findAncestor(declaration.parent, isFunctionNode);
  if (!fn) return false;
  const writes = writesOf(declaration, fn).filter((write) => !(isFunction && assignsTestedFunction(write)));
  if (writes.length === 0) return true;
  if (ts.findAncestor(use.parent, isFunctionNode) !== fn) return false;
  const loops: ts.Node[] = [];
  for (let node = use.parent; node !== fn; node = node.parent) if (ts.isIterationStatement(node, false)) loops.push(node);
  return writes.every((write) => write.pos >= use.end && !loops.some((loop) => write.pos >= loop.pos && write.end <= loop.end));
}

/** `callback = options` inside `if (typeof options === "function")`: what it writes is a function. */
function assignsTestedFunction(write: ts.Identifier): boolean {
  const assignment = write.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.left !== write || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const value = skipOuter(assignment.right);
  if (!ts.isIdentifier(value)) return false;
  const source = resolveIdentifier(value);
  const branch = ts.findAncestor(assignment, (node) => isFunctionNode(node) || (ts.isIfStatement(node.parent) && node.parent.thenStatement === node));
  return branch !== undefined && !isFunctionNode(branch) && source !== undefined && testsForFunction((branch.parent as ts.IfStatement).expression, source);
}

/** `typeof x === "function"` (or `==`, either way round) of the variable `declaration`. */
function testsForFunction(condition: ts.Expression, declaration: ts.Node): boolean {
  const node = skipOuter(condition);
  if (!ts.isBinaryExpression(node) || ![ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(node.operatorToken.kind)) return false;
  const [test, literal] = ts.isTypeOfExpression(skipOuter(node.left)) ? [skipOuter(node.left), skipOuter(node.right)] : [skipOuter(node.right), skipOuter(node.left)];
  if (!ts.isTypeOfExpression(test) || !ts.isStringLiteral(literal) || literal.text !== "function") return false;
  const tested = skipOuter(test.expression);
  return ts.isIdentifier(tested) && resolveIdentifier(tested) === declaration;
}

function isWrittenTo(identifier: ts.Expression): boolean {
  let node: ts.Node = identifier;
  while (ts.isShorthandPropertyAssignment(node.parent) || ts.isPropertyAssignment(node.parent) || ts.isObjectLiteralExpression(node.parent) || ts.isArrayLiteralExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node) return isAssignment(parent);
  return (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken);
}
