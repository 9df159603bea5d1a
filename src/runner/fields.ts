import * as z from 'zod';

/** One argument's schema, as a command's shape holds it. */
export type Field = z.core.$ZodType;

/*
 * The one place that reads a command's argument schemas: what each argument
 * takes, how its option is written, which values it allows. Parsers, usage
 * lines, completion and the MCP tool list all ask here, never zod's insides.
 */

/** What an argument takes on a command line. */
export type FieldKind = 'boolean' | 'number' | 'list' | 'string';

interface Def {
  type: string;
  innerType?: Field;
  out?: Field;
  entries?: Record<string, string>;
}

const defOf = (field: Field) => (field as unknown as { def: Def }).def;

/** The schema under its optional, default, preprocess and lazy wrappers. */
function inner(field: Field): Def {
  for (;;) {
    const def = defOf(field);
    const under = def.innerType ?? (def.type === 'pipe' ? def.out : def.type === 'lazy' ? (field as z.core.$ZodLazy)._zod.innerType : undefined);
    if (!under) return def;
    field = under;
  }
}

export function fieldKind(field: Field): FieldKind {
  const { type } = inner(field);
  if (type === 'boolean') return 'boolean';
  if (type === 'number') return 'number';
  if (type === 'array') return 'list';
  return 'string';
}

/** The values a choice allows (`--status pending|…`), or null for any other argument. */
export function enumValues(field: Field | undefined): string[] | null {
  if (!field) return null;
  const def = inner(field);
  return def.type === 'enum' && def.entries ? Object.values(def.entries) : null;
}

/** A switch: `--force`, on when given bare. */
export const isSwitch = (field: Field | undefined) => field !== undefined && fieldKind(field) === 'boolean';

export const isOptional = (field: Field) => z.safeParse(field, undefined).success;

/** An argument that, left out, stays out of the parsed arguments: optional, with no default. */
export const staysOut = (field: Field) => field._zod.optout === 'optional';

/** Free text (it may hold spaces), rather than a code, a number or a choice. */
export const takesText = (field: Field) => fieldKind(field) === 'string' && z.safeParse(field, 'free text').success;

/** The argument of `shape` named `key`, by its own names only: `--constructor` must not find what every object inherits. */
export const fieldOf = (shape: z.ZodRawShape, key: string): Field | undefined => (Object.hasOwn(shape, key) ? shape[key] : undefined);

/** `dry_run` is written `--dry-run`. */
export const flagName = (key: string) => `--${key.replaceAll('_', '-')}`;
/** `--dry-run` names `dry_run`. */
export const keyOf = (flag: string) => flag.replace(/^--/, '').replaceAll('-', '_');
/** A word that is an option, never a value: `--force`, and `--` itself. */
export const looksLikeOption = (word: string) => word.startsWith('--');
