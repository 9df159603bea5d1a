import { describe, expect, it } from 'vitest';
import { faceOptions } from '../../src/cli/face-options.js';
import { isLoopback } from '../../src/http/allowed-hosts.js';

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

describe('a loopback address', () => {
  it('is any of 127.0.0.0/8, ::1 and localhost, however IPv6 writes it', () => {
    for (const host of ['127.0.0.1', '127.4.5.6', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::ffff:127.0.0.1]']) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '::ffff:10.0.0.1', '192.168.1.5', 'example.com']) expect(isLoopback(host), host).toBe(false);
  });
});
