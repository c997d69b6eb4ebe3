#!/usr/bin/env node
// LiveProof CLI entry: registers tsx so lib/ TypeScript runs directly, then dispatches.
import { register } from 'tsx/esm/api';

register();
const { runMain } = await import('../lib/cli/main.ts');
await runMain();
