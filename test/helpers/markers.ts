/** An expected finding, written in a fixture as a trailing comment on its line: `// expect: rule-id @column`. */
export interface ExpectedFinding {
  ruleId: string;
  line: number;
  column: number;
}

const MARKER = /\/\/\s*expect:\s*(.+)$/;
const ITEM = /^([a-z][a-z-]*)\s*@(\d+)$/;

/** Reads the `// expect: rule @col[, rule @col]` markers of a fixture. */
export function readMarkers(text: string): ExpectedFinding[] {
  const expected: ExpectedFinding[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    const match = MARKER.exec(lineText);
    if (!match) return;
    for (const item of match[1]!.split(",")) {
      const parsed = ITEM.exec(item.trim());
      if (!parsed) throw new Error(`line ${index + 1}: bad marker "${item.trim()}"; write "// expect: rule-id @column"`);
      expected.push({ ruleId: parsed[1]!, line: index + 1, column: Number(parsed[2]) });
    }
  });
  return expected;
}
