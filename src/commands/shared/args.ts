import * as z from 'zod';
import { Code, Text } from '../../domain/plan.js';

/** `A,B,C` on a command line, or a list from MCP and HTTP. */
export const CodeList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(Code),
);

export const Flag = z.boolean().optional();
export const OptionalText = Text.optional();
// Text of nothing but spaces, tabs or newlines says nothing: refused like empty text.
export const RequiredText = Text.refine((s) => s.trim() !== '', 'is required');
export const Count = z.coerce.number().int().positive();
export { Code, Text };
