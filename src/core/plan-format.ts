/*
 * The JSON plan, as an agent is told it: the one format that imports exactly,
 * whatever plan the developer wrote. `help plan-format` prints it, and the MCP
 * import tool carries it in its description, so any plan gets in through the
 * paired agent. Kept apart from the readers, which only `import` loads.
 */

const CODE = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 64 } as const;
const DURATION = { type: 'string', description: 'a duration: 90m, 2h, 2-3h, 1.5 days' } as const;

/** The JSON plan's schema (JSON Schema, draft 2020-12), as `import` checks it (src/domain/plan-input.ts). */
export const PLAN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Fragments plan',
  type: 'object',
  required: ['sprints'],
  properties: {
    sprints: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'title'],
        properties: {
          code: { ...CODE, description: 'e.g. SPRINT-1' },
          title: { type: 'string' },
          goal: { type: 'string' },
          estimate: DURATION,
          status: { enum: ['planned', 'in_progress', 'completed', 'cancelled'] },
          tasks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'title'],
              properties: {
                code: { ...CODE, description: 'unique in the plan, e.g. T-1' },
                title: { type: 'string' },
                description: { type: 'string', description: 'details, acceptance criteria' },
                estimate: DURATION,
                priority: { enum: ['low', 'medium', 'high', 'critical'] },
                depends: { type: 'array', items: { type: 'string' }, description: 'codes of tasks that must be completed first' },
                parent: { type: 'string', description: 'the code of the task this is a subtask of' },
                phase: { type: 'string', description: 'a phase of the sprint; phases are worked in order' },
                group: { type: 'string', description: 'a group inside the sprint or phase (an epic, an area)' },
                status: { enum: ['pending', 'in_progress', 'completed', 'blocked', 'cancelled'] },
                tags: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The schema in a few lines, for a tool description and an error's advice. */
export const PLAN_FORMAT_SHORT =
  '{"sprints":[{"code":"SPRINT-1","title":"…","goal":"…","tasks":[{"code":"T-1","title":"…","description":"…","estimate":"2h","priority":"low|medium|high|critical","depends":["T-0"],"parent":"T-0","phase":"…","group":"…","status":"pending|in_progress|completed|blocked|cancelled"}]}]}';

/** How an agent gets any plan in: the JSON plan. */
export const CONVERT_ADVICE = `To import it exactly, convert it into the JSON plan (${PLAN_FORMAT_SHORT}; \`fragments help plan-format\` gives the whole schema) and import that: a .json file, or the \`content\` argument over MCP and HTTP.`;

/** What `help plan-format` says before the schema. */
export const PLAN_FORMAT_TEXT = [
  'The JSON plan: what `fragments import FILE.json` (or `import -`, or `content` over MCP and HTTP) reads exactly.',
  'Only code and title are required. Codes use letters, digits, ".", "_" and "-"; each task code is unique in the plan.',
  'Estimates are durations: 90m, 2h, 1.5h, 2-3h, 1.5 days (a day is the config\'s hours_per_day).',
  'depends lists the codes of tasks that must be completed first; parent makes a task a subtask.',
  'Importing again updates what exists and never duplicates; a status only moves work forward.',
  '',
  `Example: ${PLAN_FORMAT_SHORT}`,
  '',
  'Schema (JSON Schema 2020-12):',
];
