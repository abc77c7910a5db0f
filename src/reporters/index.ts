import type { Formatter } from "./formatter.js";
import { json } from "./json.js";
import { stylish } from "./stylish.js";

export type { Formatter, FormatterContext } from "./formatter.js";

export const formatters = { stylish, json } satisfies Record<string, Formatter>;

export type FormatterName = keyof typeof formatters;
