#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry would start Node's module loader, ~3 ms that a one-shot command does not need.
const { enableCompileCache } = require('node:module');
const { startCli } = require('./load-cli.js');

// Node 22+ caches compiled ES modules (the TUI, MCP and HTTP chunks) across runs; Node 20 has no such call.
enableCompileCache?.();
startCli();
