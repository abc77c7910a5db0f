import type { Rule } from "../src/core/rule.js";
import { floatingTask } from "./floating-task/index.js";
import { unguardedAsyncListener } from "./unguarded-async-listener/index.js";
import { unguardedCronJob } from "./unguarded-cron-job/index.js";
import { unguardedTimerCallback } from "./unguarded-timer-callback/index.js";
import { unguardedScheduledTask } from "./unguarded-scheduled-task/index.js";
import { unguardedWaitUntil } from "./unguarded-wait-until/index.js";
import { unhandledQueueError } from "./unhandled-queue-error/index.js";

/** Every rule bgtask-lint has, in the order the docs list them. */
export const rules: readonly Rule[] = [unguardedTimerCallback, unguardedAsyncListener, unguardedWaitUntil, unguardedCronJob, unhandledQueueError, floatingTask, unguardedScheduledTask];
