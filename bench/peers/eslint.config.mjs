// ESLint + typescript-eslint with only their promise rules, typed, as the issue measured them.
// Used by run.mjs when eslint and typescript-eslint are installed in bench/.
import tseslint from "typescript-eslint";

export default tseslint.config({
  files: ["**/*.{ts,tsx,mts,cts}"],
  ignores: ["**/node_modules/**", "**/dist/**"],
  languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: process.cwd() } },
  plugins: { "@typescript-eslint": tseslint.plugin },
  rules: { "@typescript-eslint/no-floating-promises": "error", "@typescript-eslint/no-misused-promises": "error" },
});
