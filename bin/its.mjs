#!/usr/bin/env node
// The `its` command. Registers tsx so the TypeScript sources run as they are (no build step), then
// hands over to the command-line front end.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
