import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { planFromTree, type MarkdownPlan } from './walk.js';

/**
 * GFM without its tree transforms: the one there finds bare `www.` and e-mail
 * links by splitting text nodes into new ones without source positions, and
 * the reader needs positions to tell escaped characters from plain ones.
 */
const TREE_EXTENSIONS = gfmFromMarkdown().map(({ transforms: _, ...extension }) => extension);

/**
 * Reads a Markdown plan as CommonMark + GFM, so fences, nesting, tables and
 * checklists are what the author wrote. Load it with `import()`: the parser is
 * most of this module's weight and only `import` needs it.
 */
export function readMarkdownPlan(text: string, fileName: string, hoursPerDay: number): MarkdownPlan {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: TREE_EXTENSIONS });
  return planFromTree(tree, text, { fileName, hoursPerDay });
}
