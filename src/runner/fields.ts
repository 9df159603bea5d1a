import type * as z from 'zod';

/*
 * The one place that reads a command's argument schemas: what each argument
 * takes, how its option is written, which values it allows. Parsers, usage
 * lines, completion and the MCP tool list all ask here, never zod's insides.
 */

/** What an argument takes on a command line. */
export type FieldKind = 'boolean' | 'number' | 'list' | 'string';

interface Def {
  type: string;
  innerType?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
}

const defOf = (field: z.ZodType) => (field as unknown as { def: Def }).def;

/** The schema under its optional, default and preprocess wrappers. */
function inner(field: z.ZodType): Def {
  let def = defOf(field);
  for (;;) {
    if (def.innerType) def = defOf(def.innerType);
    else if (def.type === 'pipe' && def.out) def = defOf(def.out);
    else return def;
  }
}

export function fieldKind(field: z.ZodType): FieldKind {
  const { type } = inner(field);
  if (type === 'boolean') return 'boolean';
  if (type === 'number') return 'number';
  if (type === 'array') return 'list';
  return 'string';
}

/** The values a choice allows (`--status pending|…`), or null for any other argument. */
export function enumValues(field: z.ZodType | undefined): string[] | null {
  if (!field) return null;
  const def = inner(field);
  return def.type === 'enum' && def.entries ? Object.values(def.entries) : null;
}

/** A switch: `--force`, on when given bare. */
export const isSwitch = (field: z.ZodType | undefined) => field !== undefined && fieldKind(field) === 'boolean';

export const isOptional = (field: z.ZodType) => field.safeParse(undefined).success;

/** Free text (it may hold spaces), rather than a code, a number or a choice. */
export const takesText = (field: z.ZodType) => fieldKind(field) === 'string' && field.safeParse('free text').success;

/** The argument of `shape` named `key`, by its own names only: `--constructor` must not find what every object inherits. */
export const fieldOf = (shape: Record<string, z.ZodType>, key: string): z.ZodType | undefined => (Object.hasOwn(shape, key) ? shape[key] : undefined);

/** `dry_run` is written `--dry-run`. */
export const flagName = (key: string) => `--${key.replaceAll('_', '-')}`;
/** `--dry-run` names `dry_run`. */
export const keyOf = (flag: string) => flag.replace(/^--/, '').replaceAll('-', '_');
/** A word that is an option, never a value: `--force`, and `--` itself. */
export const looksLikeOption = (word: string) => word.startsWith('--');
