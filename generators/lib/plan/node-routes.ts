// The HTTP routes a Node app serves, read from its source (never executed): NestJS controllers
// (@Controller prefixes, @Get, setGlobalPrefix, guards), Express / Fastify / Hono / Koa routers (mounts
// included), file-based routes (Next.js app and pages routers, Nitro server/routes, TanStack Router / Start
// src/routes, SvelteKit, Astro src/pages, React Router / Remix flat routes) and React Router's app/routes.ts. The port the server listens on, when its source says. Each fact with file:line.
import { at } from './evidence.js';
import type { Route } from './python-routes.js';

/** App-relative source file -> its text. */
export type SourceFiles = Readonly<Record<string, string>>;

const join = (...parts: string[]): string =>
  parts.reduce((acc, part) => (part === '' ? acc : `${acc.replace(/\/+$/, '')}/${part.replace(/^\/+/, '')}`), '') || '/';
/** A quoted string; its text is one capture group. */
const STRING = String.raw`['"\x60]([^'"\x60]*)['"\x60]`;
const hasParams = (path: string) => /[:{[*<]/.test(path);

/** NestJS: `@Controller('x')` classes, `@Get('y')` handlers, `app.setGlobalPrefix('api')`, `@UseGuards` as auth. */
export function nestRoutes(files: SourceFiles): Route[] {
  let global = '';
  for (const text of Object.values(files)) {
    const prefix = new RegExp(String.raw`setGlobalPrefix\(\s*${STRING}`).exec(text);
    if (prefix) global = prefix[1]!;
  }
  const routes: Route[] = [];
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const controller = new RegExp(String.raw`@Controller\(\s*(?:${STRING}|\{[^}]*path:\s*${STRING}[^}]*\})?\s*\)`).exec(text);
    if (!controller) continue;
    const base = controller[1] ?? controller[2] ?? '';
    const classGuard = /@UseGuards\(/.test(text.slice(Math.max(0, controller.index - 300), controller.index));
    for (const m of text.matchAll(new RegExp(String.raw`@(Get|Post|Put|Patch|Delete|Head|All)\(\s*(?:${STRING})?\s*\)`, 'g'))) {
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      const after = text.slice(m.index, m.index + 300);
      const guard = classGuard || /@UseGuards\([^)]*\)\s*$/.test(before) || /^@\w+\([^)]*\)\s*@UseGuards\(/.test(after);
      const path = join(global, base, m[2] ?? '');
      routes.push({ path, methods: [m[1] === 'All' ? 'GET' : m[1]!.toUpperCase()], auth: guard, params: hasParams(path), from: at(file, text, m.index) });
    }
  }
  return routes;
}

/** Which file a `require('./x')` / `import x from './x'` names, as an app-relative path of `files`. */
function resolveModule(from: string, spec: string, files: SourceFiles): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  const parts = [...dir.split('/').filter(Boolean)];
  for (const part of spec.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/').replace(/\.(js|mjs|cjs)$/, '');
  return ['', '.ts', '.js', '.mjs', '.cjs', '.tsx', '/index.ts', '/index.js'].map((ext) => base + ext).find((f) => files[f] !== undefined);
}

/**
 * Express, Fastify, Hono, Koa (koa-router) and alike: `x.get('/p', ...)`, `x.route({ method: 'GET', url })`,
 * with `app.use('/prefix', router)` mounts of routers imported from other files.
 */
export function expressLikeRoutes(files: SourceFiles): Route[] {
  const mounts = new Map<string, string>();
  for (const [file, text] of Object.entries(files)) {
    const imports = new Map<string, string>();
    for (const m of text.matchAll(new RegExp(String.raw`(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*${STRING}\s*\)`, 'g'))) imports.set(m[1]!, m[2]!);
    for (const m of text.matchAll(new RegExp(String.raw`import\s+(\w+)(?:\s*,\s*\{[^}]*\})?\s+from\s+${STRING}`, 'g'))) imports.set(m[1]!, m[2]!);
    for (const m of text.matchAll(new RegExp(String.raw`\.(?:use|route|register)\(\s*${STRING}\s*,\s*(\w+)`, 'g'))) {
      const spec = imports.get(m[2]!);
      const target = spec ? resolveModule(file, spec, files) : undefined;
      if (target) mounts.set(target, m[1]!);
    }
    // Fastify: app.register(plugin, { prefix: '/api' })
    for (const m of text.matchAll(new RegExp(String.raw`\.register\(\s*(\w+)\s*,\s*\{[^}]*prefix:\s*${STRING}`, 'g'))) {
      const spec = imports.get(m[1]!);
      const target = spec ? resolveModule(file, spec, files) : undefined;
      if (target) mounts.set(target, m[2]!);
    }
  }
  const routes: Route[] = [];
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const prefix = mounts.get(file) ?? '';
    for (const m of text.matchAll(new RegExp(String.raw`\b(?:app|router|server|fastify|api|route|routes|r|\w+Router|\w+App)\.(get|post|put|patch|delete|all|head)\(\s*${STRING}`, 'g'))) {
      // Express serves a mounted router's '/' at the mount path itself.
      const path = m[2] === '/' && prefix ? join(prefix) : join(prefix, m[2]!);
      const rest = text.slice(m.index, text.indexOf('\n', m.index) > 0 ? text.indexOf('\n', m.index) : undefined);
      routes.push({ path, methods: [m[1] === 'all' ? 'GET' : m[1]!.toUpperCase()], auth: /auth|guard|protect|requireUser|passport\./i.test(rest), params: hasParams(path), from: at(file, text, m.index) });
    }
    for (const m of text.matchAll(new RegExp(String.raw`\.route\(\s*\{[^}]*method:\s*${STRING}[^}]*url:\s*${STRING}`, 'g'))) {
      const path = join(prefix, m[2]!);
      routes.push({ path, methods: [m[1]!.toUpperCase()], auth: false, params: hasParams(path), from: at(file, text, m.index) });
    }
  }
  return routes;
}

export type FileRouter = 'next' | 'nitro' | 'tanstack' | 'sveltekit' | 'astro' | 'react-router';

/** File-based routers: the route of each page / handler file (dynamic segments are parameters). */
export function fileRoutes(paths: readonly string[], router: FileRouter, basePath = ''): Route[] {
  const routes: Route[] = [];
  const add = (path: string, file: string, methods = ['GET']) => routes.push({ path: join(basePath, path), methods, auth: false, params: hasParams(path), from: `${file}:1` });
  for (const file of [...paths].sort()) {
    if (router === 'next') {
      const app = /^(?:src\/)?app\/(.*?)(?:\/)?(page|route)\.(?:tsx?|jsx?|mdx?)$/.exec(file);
      if (app) {
        // Route groups `(marketing)` and private folders `_x` do not appear in the URL.
        const segments = app[1]!.split('/').filter((s) => s && !/^\(.*\)$/.test(s));
        if (segments.some((s) => s.startsWith('_') || s.startsWith('@'))) continue;
        add(`/${segments.join('/')}`, file);
        continue;
      }
      const pages = /^(?:src\/)?pages\/(.*?)\.(?:tsx?|jsx?)$/.exec(file);
      if (pages && !/(^|\/)_(app|document|error)$/.test(pages[1]!)) add(`/${pages[1]!.replace(/(^|\/)index$/, '')}`, file);
    } else if (router === 'sveltekit') {
      // src/routes/<path>/+page.svelte or +server.(ts|js); (groups) leave the URL, [param] is a parameter.
      const kit = /^src\/routes\/(?:(.*)\/)?\+(page|server)\.(?:svelte|[jt]s)$/.exec(file);
      if (kit) add(`/${(kit[1] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`.replace(/\[([^\]]+)\]/g, ':$1'), file);
    } else if (router === 'astro') {
      // src/pages/<path>.astro (pages) or .ts/.js (endpoints); _files stay out of the URL, [param] is a parameter.
      const astro = /^src\/pages\/(.*?)\.(astro|md|mdx|html|[jt]s)$/.exec(file);
      if (astro && !astro[1]!.split('/').some((s) => s.startsWith('_'))) add(`/${astro[1]!.replace(/(^|\/)index$/, '')}`.replace(/\[([^\]]+)\]/g, ':$1'), file);
    } else if (router === 'react-router') {
      // flatRoutes() (@react-router/fs-routes, Remix v2): app/routes/<a.b>.tsx or <a.b>/route.tsx; `_index` is the
      // index, a leading `_` segment is a pathless layout, `$x` a parameter.
      const flat = /^app\/routes\/(.*?)(?:\/route)?\.(?:tsx?|jsx?)$/.exec(file);
      if (flat && !flat[1]!.includes('/')) {
        const segments = flat[1]!.split('.').filter((seg) => seg !== '_index' && !seg.startsWith('_')).map((seg) => seg.replace(/_$/, '').replace(/^\$(\w*)$/, ':$1'));
        add(`/${segments.join('/')}`, file);
      }
    } else if (router === 'nitro') {
      const nitro = /^(?:server\/)?(routes|api)\/(.*?)(?:\.(get|post|put|patch|delete))?\.(?:ts|js|mjs)$/.exec(file);
      if (nitro) add(`${nitro[1] === 'api' ? '/api' : ''}/${nitro[2]!.replace(/(^|\/)index$/, '')}`.replace(/\[([^\]]+)\]/g, ':$1'), file, [nitro[3]?.toUpperCase() ?? 'GET']);
    } else {
      const tanstack = /^(?:src\/)?(?:app\/)?routes\/(.*?)\.(?:tsx?|jsx?)$/.exec(file);
      if (tanstack && !/^__root$/.test(tanstack[1]!)) {
        const path = tanstack[1]!.replace(/\./g, '/').replace(/(^|\/)index$/, '').replace(/(^|\/)_[^/]*/g, '').replace(/\$(\w*)/g, ':$1');
        add(`/${path}`, file);
      }
    }
  }
  return routes;
}

/**
 * The routes an app/routes.ts config declares (React Router 7): `index("routes/home.tsx")` at its prefix,
 * `route("health", "routes/health.ts")`; nested routes are not followed. Undefined when the config hands over
 * to flatRoutes() (the files then name the routes) or there is no config.
 */
export function routeConfigRoutes(files: SourceFiles): Route[] | undefined {
  const file = ['app/routes.ts', 'app/routes.js'].find((f) => files[f] !== undefined);
  if (!file) return undefined;
  const text = files[file]!;
  if (/\bflatRoutes\s*\(/.test(text)) return undefined;
  const routes: Route[] = [];
  for (const m of text.matchAll(/\b(index|route)\(\s*(?:["']([^"']*)["']\s*,\s*)?["'][^"']+["']/g)) {
    if (m[1] === 'route' && m[2] === undefined) continue;
    const path = m[1] === 'index' ? '/' : `/${m[2]!.replace(/^\//, '')}`;
    routes.push({ path, methods: ['GET'], auth: false, params: hasParams(path), from: at(file, text, m.index) });
  }
  return routes;
}

/** The port a server's source listens on: `process.env.PORT || 3000`, `?? 3000`, `PORT ? Number(PORT) : 3000`, `listen(3000)`, an env schema's PORT default. */
export function sourcePort(files: SourceFiles): { port: number; from: string } | undefined {
  const patterns = [
    /process\.env\.PORT\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})/,
    // `process.env.PORT ? Number(process.env.PORT) : 3000` (Nx's node app generator)
    /process\.env\.PORT\s*\?[^:\n]*process\.env\.PORT[^:\n]*:\s*(\d{2,5})\b/,
    /normalizePort\(\s*process\.env\.PORT\s*\|\|\s*['"](\d{2,5})['"]/,
    /\bPORT\b\s*[:=][^\n]*\.default\(\s*['"]?(\d{2,5})/,
    /\.listen\(\s*(?:\{[^}]*port:\s*)?(\d{2,5})\b/,
  ];
  for (const pattern of patterns) {
    for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const m = pattern.exec(text);
      if (m) return { port: Number(m[1]), from: at(file, text, m.index) };
    }
  }
  return undefined;
}
