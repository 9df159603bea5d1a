import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { CallOptions } from '../runner/call-options.js';
import { toolName } from '../runner/invocation.js';
import type { Command } from '../runner/define.js';


/**
 * The envelope, as far as a client needs to check it. The full shape lives in
 * SPEC section 4; repeating it in every tool would cost each agent turn more
 * than it tells.
 */
const ENVELOPE_SCHEMA = {
  type: 'object',
  properties: { success: { type: 'boolean' }, data: { type: 'object' } },
  required: ['success', 'data'],
} as const;

/**
 * Keywords that only repeat what the command checks itself (and answers
 * clearly when violated): dropping them keeps the tool list lean.
 */
const CHECKED_BY_THE_COMMAND = new Set(['$schema', 'pattern', 'minLength', 'maxLength', 'exclusiveMinimum', 'maximum']);

function lean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lean);
  if (!schema || typeof schema !== 'object') return schema;
  const kept = Object.entries(schema).filter(([key]) => !CHECKED_BY_THE_COMMAND.has(key));
  // Under `properties` the keys are argument names, never keywords.
  return Object.fromEntries(kept.map(([key, value]) => [key, key === 'properties' ? eachValue(value as object, lean) : lean(value)]));
}

const eachValue = (o: object, f: (v: unknown) => unknown) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** The MCP definition of a catalogue command an agent calls: its description for agents, its zod arguments as JSON Schema, plus the call options. */
export function toMcpTool(command: Command): Tool {
  // A transform has no JSON Schema; `any` keeps one such argument from taking the whole list down.
  const args = lean(z.toJSONSchema(command.schema(), { io: 'input', unrepresentable: 'any' })) as { properties?: Record<string, object>; required?: string[] };
  // What every tool takes besides its command's own arguments; the server's instructions say what they mean, once.
  const options = lean(z.toJSONSchema(CallOptions, { io: 'input' })) as { properties: Record<string, object> };
  const read = command.tx === 'read';
  return {
    name: toolName(command.name),
    description: command.agent ?? command.summary,
    inputSchema: { type: 'object', properties: { ...args.properties, ...options.properties }, ...(args.required?.length ? { required: args.required } : {}) },
    outputSchema: ENVELOPE_SCHEMA as unknown as Tool['outputSchema'],
    // Nothing here deletes: a write records more. A command that rewrites what exists keeps the default (destructive).
    annotations: read ? { readOnlyHint: true } : command.destructive ? {} : { destructiveHint: false },
  };
}
