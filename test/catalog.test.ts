import { constants } from "node:os";
import { expect, test } from "vitest";
import { unguardedAsyncListener } from "../rules/unguarded-async-listener/index.js";

test("every signal Node can deliver to a listener counts among the events Node emits on process", () => {
  const nodeEvents = unguardedAsyncListener.apis.flatMap((api) => (api.handledBy ?? []).flatMap((handler) => ("notNodeEvents" in handler ? handler.notNodeEvents : [])));
  const catchable = Object.keys(constants.signals).filter((signal) => signal !== "SIGKILL" && signal !== "SIGSTOP");
  expect(catchable.filter((signal) => !nodeEvents.includes(signal))).toEqual([]);
});
