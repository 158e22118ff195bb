/**
 * @module bin/commands/operators
 * `its operators add|list|disable --file <accounts.json>`: the center's operator accounts
 * (center/operators `FileOperatorStore`: scrypt hashes, mode 0600, written atomically), the file
 * `its center --operators <file>` signs operators in against. A password is read from standard input
 * (first line) or, on a terminal, from a prompt that does not echo; never from a flag, so it stays
 * out of the process list and shell history, and it is never printed. A running center reads the
 * file at start: restart it for a change to take effect.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/index.ts';
import { checkInputFile } from '../input-file.ts';
import { OPERATOR_ROLES, type OperatorRole } from '../../core/security/index.ts';
import { FileOperatorStore, MIN_PASSWORD_LENGTH } from '../../center/operators/index.ts';

/** Read one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new ConfigError('password', 'cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** The first line of standard input (a pipe or a file). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** The new password: prompted twice on a terminal, else the first line of stdin. */
async function readPassword(username: string): Promise<string> {
  if (process.stdin.isTTY !== true) return firstLineOfStdin();
  const first = await promptHidden(`password for ${username}: `);
  const again = await promptHidden('again: ');
  if (first !== again) throw new ConfigError('password', 'the two entries differ');
  return first;
}

function role(text: string): OperatorRole {
  if (!(OPERATOR_ROLES as readonly string[]).includes(text))
    throw new ConfigError(
      '--role',
      `must be one of ${OPERATOR_ROLES.join(', ')}, got ${JSON.stringify(text)}`,
    );
  return text as OperatorRole;
}

async function add(username: string, opts: { file: string; role: string; replace?: boolean }): Promise<void> {
  const wanted = role(opts.role);
  const store = new FileOperatorStore(opts.file);
  if (store.find(username) !== undefined && opts.replace !== true)
    throw new ConfigError(
      'username',
      `${username} already exists in ${opts.file}; give --replace to set a new password`,
    );
  const password = await readPassword(username);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new ConfigError('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  await store.set(username, wanted, password);
  process.stdout.write(`operator ${username} (${wanted}) saved in ${opts.file}\n`);
}

function list(opts: { file: string }): void {
  // A mistyped path is not an empty accounts file ('no operators in ...', exit 0, before).
  checkInputFile('--file', opts.file);
  const accounts = new FileOperatorStore(opts.file).list();
  if (accounts.length === 0) {
    process.stdout.write(`no operators in ${opts.file}\n`);
    return;
  }
  for (const a of accounts)
    process.stdout.write(`${a.username}\t${a.role}\t${a.disabled === true ? 'disabled' : 'active'}\n`);
}

function disable(username: string, opts: { file: string; enable?: boolean }): void {
  checkInputFile('--file', opts.file);
  const store = new FileOperatorStore(opts.file);
  const disabled = opts.enable !== true;
  if (!store.setDisabled(username, disabled))
    throw new ConfigError('username', `no operator ${username} in ${opts.file}`);
  process.stdout.write(`operator ${username} ${disabled ? 'disabled' : 'enabled'}\n`);
}

export function register(program: Command): void {
  const operators = program
    .command('operators')
    .description("manage the center's operator accounts (its center --operators <file>)");
  operators
    .command('add <username>')
    .description('add an operator; the password is read from stdin or a prompt, never a flag')
    .requiredOption('--file <path>', 'operator accounts file (created mode 0600)')
    .option('--role <role>', `one of ${OPERATOR_ROLES.join(', ')}`, 'operator')
    .option('--replace', 'set a new password and role for an existing operator')
    .action(add);
  operators
    .command('list')
    .description('list operators: username, role, active/disabled (never hashes)')
    .requiredOption('--file <path>', 'operator accounts file')
    .action(list);
  operators
    .command('disable <username>')
    .description('disable an operator (sign-in and sessions refused)')
    .requiredOption('--file <path>', 'operator accounts file')
    .option('--enable', 're-enable instead')
    .action(disable);
}
