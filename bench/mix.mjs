// The issue's writer mix: REST clients, MCP clients over HTTP (the SDK's
// Streamable HTTP client against /mcp) and MCP clients over stdio (each its
// own `fragments mcp` process on the same home), all writing at once. Every
// update is timed from call to answer, and every one acknowledged must be in
// the session's history afterwards.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { percentile } from './stats.mjs';

const FACES = ['rest', 'mcp-http', 'stdio'];
const FACE_NAMES = { rest: 'REST', 'mcp-http': 'MCP HTTP', stdio: 'MCP stdio' };

/** The issue's mix of 50 writers, and the same mix scaled to 16. */
export const MIXES = [
  { rest: 8, 'mcp-http': 5, stdio: 3 },
  { rest: 25, 'mcp-http': 15, stdio: 10 },
];

const round = (ms) => Math.round(ms * 10) / 10;
const figures = (times) => ({ calls: times.length, median: round(percentile(times, 50)), p95: round(percentile(times, 95)) });

async function mcpClient(transport) {
  const client = new Client({ name: 'bench-mix', version: '1' });
  await client.connect(transport);
  return {
    // A tool result is acknowledged when it is a success envelope; a failure is a normal result with isError.
    update: async (text) => {
      const r = await client.callTool({ name: 'update', arguments: { text } });
      return !r.isError && r.structuredContent?.success === true;
    },
    close: () => client.close(),
  };
}

function restClient(server) {
  return {
    update: async (text) => {
      const r = await fetch(`${server.url}/api/tasks/update`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
      const envelope = await r.json();
      return r.status === 200 && envelope.success === true;
    },
    close: async () => {},
  };
}

/** Connects one writer of `face`; stdio ones are `fragments mcp` processes started here. */
function connect(face, { bin, home, server }) {
  if (face === 'rest') return restClient(server);
  if (face === 'mcp-http') return mcpClient(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${server.token}` } } }));
  return mcpClient(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], env: { ...process.env, FRAGMENTS_HOME: home }, stderr: 'inherit' }));
}

/**
 * `counts` writers of each face ({ rest, 'mcp-http', stdio }), connected
 * first (a stdio process's start is not an update's latency), then all
 * writing at once, `each` updates apiece, one after another. Returns the
 * median and p95 per face and overall, updates/s (acknowledged ones over
 * the span from the first call to the last answer), how many were refused
 * or failed, and how many acknowledged updates the history lacks.
 */
export async function writerMix({ bin, home, server }, counts, each) {
  const tag = `mix${Object.values(counts).join('-')}x${each}-${Date.now().toString(36)}`;
  const writers = await Promise.all(FACES.flatMap((face) => Array.from({ length: counts[face] ?? 0 }, async () => ({ face, client: await connect(face, { bin, home, server }) }))));
  const times = Object.fromEntries(FACES.map((f) => [f, []]));
  const acknowledged = new Set();
  /** Calls not acknowledged (a failure envelope, a thrown error), and the first reason of each face's. */
  const refused = Object.fromEntries(FACES.map((f) => [f, 0]));
  const reasons = {};
  const start = process.hrtime.bigint();
  try {
    await Promise.all(
      writers.map(async ({ face, client }, w) => {
        for (let i = 0; i < each; i++) {
          const text = `${tag} ${face} ${w} ${i}`;
          const t = process.hrtime.bigint();
          const ok = await client.update(text).catch((e) => {
            reasons[face] ??= e.message;
            return false;
          });
          times[face].push(Number(process.hrtime.bigint() - t) / 1e6);
          if (ok) acknowledged.add(text);
          else {
            refused[face]++;
            reasons[face] ??= 'a failure envelope';
          }
        }
      }),
    );
  } finally {
    await Promise.all(writers.map(({ client }) => client.close()));
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const r = await fetch(`${server.url}/api/commands/history`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ limit: writers.length * each * 2 }) });
  const envelope = await r.json();
  if (r.status !== 200) throw new Error(`history: ${r.status} ${envelope.error?.message}`);
  const recorded = new Set(envelope.data.activities.filter((a) => a.kind === 'update').map((a) => a.text));
  const lost = [...acknowledged].filter((text) => !recorded.has(text)).length;
  const all = FACES.flatMap((f) => times[f]);
  return {
    writers: writers.length,
    faces: Object.fromEntries(FACES.filter((f) => times[f].length).map((f) => [f, figures(times[f])])),
    overall: figures(all),
    acknowledged: acknowledged.size,
    refused: Object.values(refused).reduce((a, b) => a + b, 0),
    reasons,
    lost,
    perSecond: Math.round((acknowledged.size * 1000) / ms),
  };
}

/**
 * The bench's rows for each mix of MIXES, one after the other on `server`
 * and its home: the whole mix's p95 and median, updates/s and loss, then
 * each face's p95 and median.
 */
export async function mixFigures(target, each = 20) {
  const rows = [];
  for (const counts of MIXES) {
    const m = await writerMix(target, counts, each);
    const mix = `${m.writers} (${FACES.map((f) => `${counts[f]} ${FACE_NAMES[f]}`).join(', ')}) × ${each} updates`;
    const refused = m.refused ? `; ${m.refused} not acknowledged (${Object.entries(m.reasons).map(([f, why]) => `${FACE_NAMES[f]}: ${why}`).join('; ')})` : '';
    rows.push([`Writer mix of ${mix}: p95 (ms)`, m.overall.p95, null, `median ${m.overall.median} ms; ${m.perSecond} updates/s; ${m.lost} lost of ${m.acknowledged} acknowledged (must be 0)${refused}`]);
    for (const [face, f] of Object.entries(m.faces)) rows.push([`Writer mix of ${m.writers}: ${FACE_NAMES[face]} p95 (ms)`, f.p95, null, `median ${f.median} ms over ${f.calls} updates`]);
  }
  return rows;
}
