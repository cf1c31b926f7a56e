// Bundles each functions/*.ts exactly as the stack does (the settings come from
// infra/constructs/tracker-function.ts), lays the modules the stack ships beside each bundle, and
// reports each bundle's size and what it is made of. Used by `npm run bench` (bundle sizes, cold
// start) and runnable alone: `npx tsx bench/bundle-functions.ts [outDir]`.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUNDLING } from '../infra/constructs/tracker-function';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleReport {
  /** The handler's name (file under functions/, without extension). */
  name: string;
  /** The bundle file (index.mjs) in its own folder, as Lambda would unpack it. */
  file: string;
  bytes: number;
  /** Bytes in the bundle per package (or `own code`), largest first. */
  parts: Array<{ name: string; bytes: number }>;
  /** The runtime's AWS SDK packages the bundle imports when it loads (not those it imports on first use), sorted. */
  sdkPackages: string[];
  /** The project's own files in the bundle, relative to the project root, sorted. */
  ownModules: string[];
}

/** The handlers: every .ts file directly under functions/. */
export function functionEntries(root = PROJECT_ROOT): string[] {
  const dir = join(root, 'functions');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((name) => join(dir, name));
}

function packageOf(path: string): string {
  const marker = 'node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return 'own code';
  const rest = path.slice(at + marker.length).split('/');
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? 'own code');
}

/** Bundles one entry into `outDir/index.mjs` with the stack's settings, unless `settings` say otherwise. */
export async function bundleFunction(
  entry: string,
  outDir: string,
  settings: { external?: string[]; aliases?: Record<string, string> } = {},
): Promise<BundleReport> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  const aliases = settings.aliases ?? FUNCTION_BUNDLING.aliases;
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: FUNCTION_BUNDLING.format,
    target: FUNCTION_BUNDLING.target,
    minify: FUNCTION_BUNDLING.minify,
    charset: FUNCTION_BUNDLING.charset,
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    banner: { js: FUNCTION_BUNDLING.banner },
    external: settings.external ?? [...FUNCTION_BUNDLING.runtimeModules, ...FUNCTION_BUNDLING.shippedModules],
    alias: Object.fromEntries(Object.entries(aliases).map(([from, to]) => [from, resolve(PROJECT_ROOT, to)])),
    outfile: file,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const sdkPackages = [
    ...new Set(
      (output?.imports ?? [])
        .filter((i) => i.external && i.kind === 'import-statement' && i.path.startsWith('@aws-sdk/'))
        .map((i) => i.path.split('/').slice(0, 2).join('/')),
    ),
  ].sort();
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(path);
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return {
    name: basename(entry, '.ts'),
    file,
    bytes: statSync(file).size,
    parts: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    sdkPackages,
    ownModules: Object.keys(output?.inputs ?? {})
      .filter((path) => packageOf(path) === 'own code')
      .sort(),
  };
}

/**
 * Lays the shipped modules (PDF.js) into `outDir/node_modules`, pruned as the stack prunes them.
 * The stack installs them with `npm ci` from the lock file; this copies the installed ones (the
 * same version), which needs no network.
 */
export function shipModules(outDir: string, root = PROJECT_ROOT): void {
  for (const name of FUNCTION_BUNDLING.shippedModules) {
    const target = join(outDir, 'node_modules', name);
    cpSync(join(root, 'node_modules', name), target, { recursive: true, dereference: true });
  }
  for (const dir of FUNCTION_BUNDLING.shippedModulesPrune)
    rmSync(join(outDir, 'node_modules', dir), { recursive: true, force: true });
}

/**
 * Stands in for what the Lambda runtime provides (the AWS SDK v3 in its own node_modules): links
 * `runtimeDir/node_modules/@aws-sdk` to the project's. Every other package stays out of reach of
 * bundles placed under `runtimeDir`.
 */
export function provideRuntimeModules(runtimeDir: string, root = PROJECT_ROOT): void {
  const modules = join(runtimeDir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const link = join(modules, '@aws-sdk');
  if (!existsSync(link)) symlinkSync(join(root, 'node_modules', '@aws-sdk'), link, 'dir');
  writeFileSync(join(runtimeDir, 'package.json'), '{"type":"module"}\n');
}

/** Bundles every function under `outRoot/<name>/`, with the shipped modules beside each. */
export async function bundleAllFunctions(outRoot: string, options: { ship?: boolean } = {}): Promise<BundleReport[]> {
  provideRuntimeModules(outRoot);
  const reports: BundleReport[] = [];
  for (const entry of functionEntries()) {
    const outDir = join(outRoot, basename(entry, '.ts'));
    reports.push(await bundleFunction(entry, outDir));
    if (options.ship !== false) shipModules(outDir);
  }
  return reports;
}

/**
 * A baseline of the cold-start ratio: a bundle, made with the same settings, that only loads the
 * given AWS SDK packages and builds one client of each (a DynamoDB document client where
 * `lib-dynamodb` is among them), as a function does when it loads. The default is the DynamoDB
 * client alone, the baseline every function shares.
 */
export async function bundleBaseline(
  outDir: string,
  sdkPackages: readonly string[] = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
): Promise<BundleReport> {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'baseline-entry.ts');
  const clients = sdkPackages.filter((name) => name.startsWith('@aws-sdk/client-'));
  const document = sdkPackages.includes('@aws-sdk/lib-dynamodb');
  writeFileSync(
    entry,
    [
      ...clients.map((name, i) => `import * as client${i} from '${name}';`),
      ...(document ? ["import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';"] : []),
      // each client package exports one class named …Client
      'const built = [',
      ...clients.map((name, i) => {
        const make = `new (Object.entries(client${i}).find(([key]) => /^[A-Z][A-Za-z0-9]*Client$/.test(key))?.[1] as new (config: object) => unknown)({ region: 'us-east-1' })`;
        return name === '@aws-sdk/client-dynamodb' && document
          ? `  DynamoDBDocumentClient.from(${make} as never),`
          : `  ${make},`;
      }),
      '];',
      'export const handler = async () => built.length;',
      '',
    ].join('\n'),
  );
  const report = await bundleFunction(entry, outDir);
  rmSync(entry);
  const short = sdkPackages.map((name) => name.replace('@aws-sdk/', '')).join(', ');
  return { ...report, name: `baseline (${short})` };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outRoot = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'cdk.out', 'bench-bundles'));
  const reports = await bundleAllFunctions(outRoot, { ship: false });
  for (const report of reports) {
    const over = report.bytes > FUNCTION_BUNDLING.maxBundleBytes ? '  OVER THE LIMIT' : '';
    process.stdout.write(`${report.name.padEnd(10)} ${mb(report.bytes)}${over}\n`);
    for (const part of report.parts.slice(0, 8))
      process.stdout.write(`    ${part.name.padEnd(32)} ${mb(part.bytes)}\n`);
  }
}
