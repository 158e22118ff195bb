/**
 * @module displays/build/build-displays
 * Programmatic Vite build of the browser pages (control room, bus-stop sign, VMS, driver map) into
 * `displays/dist`, so `npm start` needs no separate build step. A build is skipped when a stamp in
 * the output (a SHA-256 of every source file, the core folders the pages import values from, and the
 * Vite version) matches the sources. The new
 * build is written beside the old one and swapped in with a rename, so a server reading the old
 * output never sees a half-written folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the page sources (the Vite root). */
export const DISPLAYS_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'web');
/** Default output folder. */
export const DISPLAYS_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const STAMP_FILE = '.build-stamp';
/**
 * Folders of `core/` the pages import values from (not only types), so a change there rebuilds them:
 * the strategy names the operator panel offers.
 */
const CORE_DIRS_IN_BUNDLE = ['signal-strategies'] as const;
const CORE_DIR = resolve(DISPLAYS_WEB_DIR, '../../core');
/** The HTML entry pages (multi-page build). */
export const DISPLAY_PAGES = ['index.html', 'stop.html', 'sign.html', 'drive.html'] as const;

/** Options of {@link buildDisplays} and {@link ensureDisplaysBuilt}. */
export type BuildDisplaysOptions = {
  /** Output folder. Default `displays/dist`. */
  readonly outDir?: string;
  /** Vite log level. Default `warn`. */
  readonly logLevel?: 'info' | 'warn' | 'error' | 'silent';
};

/** What a build call did. */
export type BuildResult = {
  readonly outDir: string;
  /** False when the output was already up to date. */
  readonly built: boolean;
  readonly durationMs: number;
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else out.push(p);
  }
  return out;
}

/** SHA-256 over the sources, this file and the Vite version: changes whenever a rebuild is needed. */
export function displaysSourceStamp(): string {
  const h = createHash('sha256');
  const viteVersion = (
    JSON.parse(readFileSync(resolve(DISPLAYS_WEB_DIR, '../../node_modules/vite/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  h.update(`vite ${viteVersion}\n`);
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of sourceFiles(DISPLAYS_WEB_DIR)) {
    h.update(relative(DISPLAYS_WEB_DIR, f));
    h.update(readFileSync(f));
  }
  for (const dir of CORE_DIRS_IN_BUNDLE) {
    for (const f of sourceFiles(join(CORE_DIR, dir))) {
      h.update(`core/${relative(CORE_DIR, f)}`);
      h.update(readFileSync(f));
    }
  }
  return h.digest('hex');
}

/** Build the pages now, whatever the stamp says. */
export async function buildDisplays(options: BuildDisplaysOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? DISPLAYS_DIST_DIR);
  const started = Date.now();
  const stamp = displaysSourceStamp();
  const tmp = `${outDir}.tmp-${process.pid}`;
  const { build } = await import('vite');
  await build({
    root: DISPLAYS_WEB_DIR,
    base: '/',
    configFile: false,
    logLevel: options.logLevel ?? 'warn',
    publicDir: false,
    build: {
      outDir: tmp,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: Object.fromEntries(
          DISPLAY_PAGES.map((p) => [p.replace('.html', ''), join(DISPLAYS_WEB_DIR, p)]),
        ),
      },
    },
  });
  writeFileSync(join(tmp, STAMP_FILE), stamp);
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return { outDir, built: true, durationMs: Date.now() - started };
}

/** Build the pages unless the output's stamp matches the sources. */
export async function ensureDisplaysBuilt(options: BuildDisplaysOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? DISPLAYS_DIST_DIR);
  const started = Date.now();
  const stampPath = join(outDir, STAMP_FILE);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === displaysSourceStamp()) {
    return { outDir, built: false, durationMs: Date.now() - started };
  }
  return buildDisplays(options);
}
