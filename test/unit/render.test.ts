import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { renderInvocation } from '../../src/runner/invocation.js';

const cli = (args: Record<string, string | boolean>) => renderInvocation('cli', { command: 'done', args }, catalogue.find);

describe('suggested commands', () => {
  it('are written in each face’s own syntax', () => {
    const invocation = { command: 'task:activate', args: { code: 'T-1' } };
    expect(renderInvocation('cli', invocation, catalogue.find)).toBe('fragments task:activate T-1');
    expect(renderInvocation('tui', invocation, catalogue.find)).toBe('/task-start T-1');
    expect(renderInvocation('mcp', invocation, catalogue.find)).toBe('task_activate {"code":"T-1"}');
    expect(renderInvocation('api', invocation, catalogue.find)).toBe('POST /api/commands/task:activate {"code":"T-1"}');
  });

  it('name the session as each face takes it: --session on the command line, session_key in a tool call or a body', () => {
    const invocation = { command: 'report', args: { session: 'SESSION-002' } };
    expect(renderInvocation('cli', invocation, catalogue.find)).toBe('fragments report --session SESSION-002');
    expect(renderInvocation('mcp', invocation, catalogue.find)).toBe('report {"session_key":"SESSION-002"}');
    expect(renderInvocation('api', invocation, catalogue.find)).toBe('POST /api/commands/report {"session_key":"SESSION-002"}');
  });

  it('hand any text back unchanged through a real shell', () => {
    for (const summary of ['plain words', 'fixed `id` for $HOME', "it's done!", 'two\nlines', 'say "hi"']) {
      const line = cli({ summary, force: true });
      const echoed = execFileSync('sh', ['-c', `printf '%s' ${line.replace(/^fragments done /, '').replace(/ --force$/, '')}`], { encoding: 'utf8' });
      expect(echoed).toBe(summary);
    }
  });
});
