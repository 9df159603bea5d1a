import { z } from 'zod';
import { Code, Text } from '../domain/plan.js';

/** `A,B,C` on a command line, or a list from MCP and HTTP. */
export const CodeList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(Code),
);

export const Flag = z.boolean().optional();
export const OptionalText = Text.optional();
export const RequiredText = Text.min(1, 'is required');
export const Count = z.coerce.number().int().positive();
export { Code, Text };
