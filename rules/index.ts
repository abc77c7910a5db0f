import type { Rule } from "../src/core/rule.js";
import { unguardedTimerCallback } from "./unguarded-timer-callback/index.js";

/** Every rule bgtask-lint has, in the order the docs list them. */
export const rules: readonly Rule[] = [unguardedTimerCallback];
