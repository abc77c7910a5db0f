import { defineConfig } from "vitest/config";

export default defineConfig({
  // The frontend loads the compiler through a CommonJS module (src/frontends/typescript/ts.cts).
  oxc: { include: /\.[cm]?tsx?$/ },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/helpers/remove-temp-dirs.ts"],
    testTimeout: 60_000,
  },
});
