import * as z from 'zod';
import { Code, Text } from '../../domain/plan.js';

// z.lazy, as the domain's schemas: a command builds the arguments it takes, on first use, not every command's at load.

/** `A,B,C` on a command line, or a list from MCP and HTTP. The lazy one is inside: zod's JSON Schema sees past a preprocess, not past a lazy, to tell that the list is required. */
export const CodeList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.lazy(() => z.array(Code)),
);

export const Flag = z.lazy(() => z.boolean().optional());
export const OptionalText = z.lazy(() => Text.optional());
// Text of nothing but spaces, tabs or newlines says nothing: refused like empty text.
export const RequiredText = z.lazy(() => Text.refine((s) => s.trim() !== '', 'is required'));
export const Count = z.lazy(() => z.coerce.number().int().positive());
export { Code, Text };
