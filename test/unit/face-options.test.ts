import { describe, expect, it } from 'vitest';
import { faceOptions } from '../../src/cli/face-options.js';

describe('fragments serve and fragments mcp options', () => {
  it('default to 127.0.0.1:7420 and take --port and --host by the one option rule', () => {
    expect(faceOptions('serve', [])).toEqual({ port: 7420, host: '127.0.0.1' });
    expect(faceOptions('serve', ['--port', '0', '--host=::1'])).toEqual({ port: 0, host: '::1' });
  });

  it('refuse what they do not take, with the usage', () => {
    expect(() => faceOptions('serve', ['--port', '70000'])).toThrow(/--port takes a port number from 0 to 65535/);
    expect(() => faceOptions('serve', ['--port', '1', '--port', '2'])).toThrow(/given more than once/);
    expect(() => faceOptions('serve', ['--verbose'])).toThrow(/Usage: fragments serve/);
    expect(() => faceOptions('mcp', ['--port', '1'])).toThrow(/Usage: fragments mcp/);
  });
});
