import { describe, expect, it } from 'vitest';
import { serverOptions } from '../../src/cli/server-options.js';
import { allowedHosts, isLoopback } from '../../src/http/allowed-hosts.js';

describe('fragments serve and fragments mcp options', () => {
  it('default to 127.0.0.1:7420 and take --port and --host by the one option rule', () => {
    expect(serverOptions('serve', [])).toEqual({ port: 7420, host: '127.0.0.1', allowHosts: [] });
    expect(serverOptions('serve', ['--port', '0', '--host=::1'])).toEqual({ port: 0, host: '::1', allowHosts: [] });
  });

  it('take --allow-host again and again, as a Host header writes the name', () => {
    const { allowHosts } = serverOptions('serve', ['--allow-host', 'Fragments.Local', '--allow-host=tunnel.example:443', '--allow-host', 'fd00::5,10.0.0.7']);
    expect(allowHosts).toEqual(['fragments.local', 'tunnel.example:443', '[fd00::5]', '10.0.0.7']);
  });

  it('refuse what they do not take, with the usage', () => {
    expect(() => serverOptions('serve', ['--port', '70000'])).toThrow(/--port takes a port number from 0 to 65535/);
    expect(() => serverOptions('serve', ['--port', '1', '--port', '2'])).toThrow(/given more than once/);
    expect(() => serverOptions('serve', ['--verbose'])).toThrow(/Usage: fragments serve/);
    expect(() => serverOptions('mcp', ['--port', '1'])).toThrow(/Usage: fragments mcp/);
    expect(() => serverOptions('mcp', ['--allow-host', 'x'])).toThrow(/Usage: fragments mcp/);
    for (const bad of ['http://evil.example', 'evil.example/path', '', 'a b', 'evil.example:port']) {
      expect(() => serverOptions('serve', [`--allow-host=${bad}`])).toThrow(/--allow-host takes a host name as clients write it in the URL/);
    }
  });
});

describe('the names fragments serve answers to', () => {
  it('are its loopback names and its own address, with the port, plus the names allowed', () => {
    const { hosts, origins } = allowedHosts({ host: '127.0.0.1', port: 7420, allowHosts: ['fragments.local', 'proxy.example:8443'] });
    expect(hosts).toEqual(['127.0.0.1:7420', 'localhost:7420', '[::1]:7420', 'fragments.local', 'fragments.local:7420', 'proxy.example:8443']);
    expect(origins).toContain('http://localhost:7420');
    expect(origins).toContain('https://fragments.local');
    expect(origins).not.toContain('http://localhost');
  });

  it('take the address given to --host, IPv6 in brackets', () => {
    const { hosts } = allowedHosts({ host: '::ffff:127.0.0.1', port: 9, allowHosts: [] });
    // As typed (curl sends that), and as a URL writes it (fetch and browsers send that).
    expect(hosts).toEqual(expect.arrayContaining(['[::ffff:127.0.0.1]:9', '[::ffff:7f00:1]:9']));
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
