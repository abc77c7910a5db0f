import type { Finding } from "./finding.js";

/** A comment as a frontend found it: its text without the comment markers. */
export interface SourceComment {
  text: string;
  line: number;
  endLine: number;
}

type DirectiveKind = "disable" | "enable" | "disable-line" | "disable-next-line";

interface Directive {
  kind: DirectiveKind;
  /** Rule ids, or "all" when the directive names none. */
  rules: readonly string[] | "all";
  line: number;
  endLine: number;
}

const DIRECTIVE = /^\s*bgtask-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;

/** Recognizes `bgtask-lint-disable[-line|-next-line] [rule, rule] [-- reason]` and `bgtask-lint-enable`. */
function parseDirectives(comments: readonly SourceComment[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ruleList = (match[2] ?? "").split(/\s--\s|\s--$/)[0]!.trim();
    const rules = ruleList ? ruleList.split(",").map((id) => id.trim()).filter(Boolean) : "all";
    directives.push({ kind: match[1] as DirectiveKind, rules, line: comment.line, endLine: comment.endLine });
  }
  return directives;
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.rules === "all" || directive.rules.includes(ruleId);
}

function isSuppressed(finding: Finding, directives: readonly Directive[]): boolean {
  const { ruleId } = finding;
  if (ruleId === null) return false;
  const line = finding.range.line;
  let disabledByBlock = false;
  for (const directive of directives) {
    if (!names(directive, ruleId)) continue;
    switch (directive.kind) {
      case "disable-line":
        if (directive.line === line) return true;
        break;
      case "disable-next-line":
        if (directive.endLine + 1 === line) return true;
        break;
      case "disable":
        if (directive.line <= line) disabledByBlock = true;
        break;
      case "enable":
        if (directive.line <= line) disabledByBlock = false;
        break;
    }
  }
  return disabledByBlock;
}

/** Drops the findings that a directive comment turns off; directives are in source order. */
export function applySuppressions(findings: readonly Finding[], comments: readonly SourceComment[]): Finding[] {
  const directives = parseDirectives(comments);
  if (directives.length === 0) return [...findings];
  return findings.filter((finding) => !isSuppressed(finding, directives));
}
