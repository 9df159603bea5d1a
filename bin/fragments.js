#!/usr/bin/env node
import { main } from '../dist/fragments.js';

main();
