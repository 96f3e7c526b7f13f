#!/usr/bin/env node
import { nodeIo, runCli } from './cli/main.js';

process.exitCode = runCli(process.argv.slice(2), nodeIo);
