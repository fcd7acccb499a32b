// The HTTP routes a Python web app serves, read from its source (never executed): FastAPI/Starlette
// decorators and include_router prefixes (string constants such as API_V1_STR resolved), Flask routes and
// blueprints' url_prefix, Django urlpatterns and their include()s from ROOT_URLCONF. The health check of
// the plan is chosen among them; a path the app does not serve is never probed.
import { at, type Evidence } from './evidence.js';
import { blankCommentsAndDocstrings, firstArg, importBindings, keywordArg, logicalLines, moduleOf, stringLiteral, type LogicalLine } from './python-source.js';

export interface Route {
  path: string;
  methods: string[];
  /** Behind a login/auth decorator or dependency. */
  auth: boolean;
  /** Has path parameters ({id}, <int:pk>): a probe cannot call it as is. */
  params: boolean;
  from: Evidence;
}

/** App-relative .py file -> its text. */
export type PythonFiles = Readonly<Record<string, string>>;

const AUTH = /login_required|jwt_required|auth_required|requires_auth|permission_required|current_user|get_current|verify_token|oauth2|api_key|authenticate|Security\(/i;
/** URL paths joined the way the frameworks concatenate prefixes: `/api` + `/ping`, `/items` + `/` = `/items/`. */
const join = (...parts: string[]): string =>
  parts.reduce((acc, part) => (part === '' ? acc : `${acc.replace(/\/+$/, '')}/${part.replace(/^\/+/, '')}`), '') || '/';

interface Parsed {
  file: string;
  module: string;
  lines: LogicalLine[];
  bindings: ReturnType<typeof importBindings>;
}

function parseAll(files: PythonFiles): Parsed[] {
  const modules = new Set(Object.keys(files).map(moduleOf));
  return Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, text]) => {
    const lines = logicalLines(text);
    const module = moduleOf(file);
    return { file, module, lines, bindings: importBindings(lines, module, file.endsWith('__init__.py'), modules) };
  });
}

/** String constants of every module (`API_V1_STR: str = "/api/v1"`, class fields included), by name. */
function constants(parsed: readonly Parsed[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { lines } of parsed) {
    for (const { text } of lines) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[^=]+)?=\s*(.+)$/.exec(text);
      const value = match ? stringLiteral(match[2]!) : undefined;
      if (match && value !== undefined && !out.has(match[1]!)) out.set(match[1]!, value);
    }
  }
  return out;
}

/** A prefix expression's value: a literal, an f-string or a name/attribute whose last part is a known constant. */
function resolveString(expr: string | undefined, consts: ReadonlyMap<string, string>): string | undefined {
  if (expr === undefined) return '';
  const literal = stringLiteral(expr);
  if (literal !== undefined) return literal;
  const fstring = /^[fF](["'])(.*)\1$/.exec(expr.trim());
  if (fstring) {
    let ok = true;
    const value = fstring[2]!.replace(/\{([^}]+)\}/g, (_, inner: string) => {
      const resolved = consts.get(inner.trim().split('.').pop()!);
      if (resolved === undefined) ok = false;
      return resolved ?? '';
    });
    return ok ? value : undefined;
  }
  if (/^[A-Za-z_][\w.]*$/.test(expr.trim())) return consts.get(expr.trim().split('.').pop()!);
  return undefined;
}

interface Node {
  prefix: string | undefined;
  root: boolean;
  routes: Array<{ path: string | undefined; methods: string[]; auth: boolean; from: Evidence }>;
  includes: Array<{ target: string; prefix: string | undefined }>;
}

/** `name` or `mod.name` as written in `file` -> the node key `<module>:<name>`. */
function refKey(expr: string, p: Parsed): string {
  const [head, ...rest] = expr.trim().split('.');
  const binding = p.bindings.get(head!);
  if (!binding) return `${p.module}:${expr.trim()}`;
  if (binding.name === undefined) return `${binding.module}:${rest.join('.')}`;
  return rest.length === 0 ? `${binding.module}:${binding.name}` : `${binding.module}.${binding.name}:${rest.join('.')}`;
}

/** Decorators and the `def` they decorate, grouped. */
function decorated(lines: readonly LogicalLine[]): Array<{ decorators: LogicalLine[]; def: string }> {
  const out: Array<{ decorators: LogicalLine[]; def: string }> = [];
  let pending: LogicalLine[] = [];
  for (const line of lines) {
    if (line.text.startsWith('@')) pending.push(line);
    else if (/^(async\s+)?def\s/.test(line.text) && pending.length > 0) {
      out.push({ decorators: pending, def: line.text });
      pending = [];
    } else pending = [];
  }
  return out;
}

function walkNodes(nodes: Map<string, Node>): Route[] {
  const routes: Route[] = [];
  const visit = (key: string, base: string, seen: Set<string>): void => {
    const node = nodes.get(key);
    if (!node || seen.has(key) || node.prefix === undefined) return;
    const next = new Set(seen).add(key);
    const prefix = join(base, node.prefix);
    for (const route of node.routes) {
      if (route.path === undefined) continue;
      const path = join(prefix, route.path);
      routes.push({ path, methods: route.methods, auth: route.auth, params: /[{<]/.test(path), from: route.from });
    }
    for (const include of node.includes) if (include.prefix !== undefined) visit(include.target, join(prefix, include.prefix), next);
  };
  for (const [key, node] of nodes) if (node.root) visit(key, '', new Set());
  return routes;
}

function methodsOf(args: string, verb: string): string[] {
  if (verb !== 'route' && verb !== 'api_route') return [verb.toUpperCase()];
  const list = keywordArg(args, 'methods');
  const methods = list ? [...list.matchAll(/["']([A-Za-z]+)["']/g)].map((m) => m[1]!.toUpperCase()) : [];
  return methods.length > 0 ? methods : ['GET'];
}

/** FastAPI and Starlette apps: routers, decorators, include_router prefixes. */
export function fastapiRoutes(files: PythonFiles): Route[] {
  const parsed = parseAll(files);
  const consts = constants(parsed);
  const nodes = new Map<string, Node>();
  const node = (key: string): Node => nodes.get(key) ?? nodes.set(key, { prefix: '', root: false, routes: [], includes: [] }).get(key)!;
  for (const p of parsed) {
    for (const { text } of p.lines) {
      const made = /^([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:fastapi\.|starlette\.applications\.)?(FastAPI|APIRouter|Starlette)\((.*)\)$/s.exec(text);
      if (made) {
        const n = node(`${p.module}:${made[1]}`);
        n.root = made[2] !== 'APIRouter';
        n.prefix = resolveString(keywordArg(made[3]!, 'prefix'), consts);
      }
      const include = /^([A-Za-z_][\w.]*)\.include_router\((.*)\)$/s.exec(text);
      if (include) node(refKey(include[1]!, p)).includes.push({ target: refKey(firstArg(include[2]!), p), prefix: resolveString(keywordArg(include[2]!, 'prefix'), consts) });
    }
    for (const { decorators, def } of decorated(p.lines)) {
      for (const decorator of decorators) {
        const route = /^@([A-Za-z_][\w.]*)\.(get|post|put|patch|delete|head|options|api_route)\((.*)\)$/s.exec(decorator.text);
        if (!route) continue;
        const args = route[3]!;
        node(refKey(route[1]!, p)).routes.push({
          path: resolveString(firstArg(args), consts),
          methods: methodsOf(args, route[2]!),
          auth: AUTH.test(keywordArg(args, 'dependencies') ?? '') || /Depends\(\s*[\w.]*(user|auth|token|login|verify|permission)/i.test(def) || /Security\(/.test(def),
          from: `${p.file}:${decorator.line}`,
        });
      }
    }
  }
  return walkNodes(nodes);
}

/** Flask apps: @app.route / @bp.get, blueprints' url_prefix, register_blueprint prefixes. */
export function flaskRoutes(files: PythonFiles): Route[] {
  const parsed = parseAll(files);
  const consts = constants(parsed);
  const nodes = new Map<string, Node>();
  const node = (key: string): Node => nodes.get(key) ?? nodes.set(key, { prefix: '', root: false, routes: [], includes: [] }).get(key)!;
  // Blueprint(..., url_prefix=) applies unless register_blueprint(..., url_prefix=) overrides it.
  const own = new Map<string, string | undefined>();
  const registered: Array<{ from: Node; target: string; prefix: string | undefined; explicit: boolean }> = [];
  for (const p of parsed) {
    for (const { text } of p.lines) {
      const app = /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\(/.exec(text);
      if (app) node(`${p.module}:${app[1]}`).root = true;
      const bp = /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Blueprint\((.*)\)$/s.exec(text);
      if (bp) own.set(`${p.module}:${bp[1]}`, resolveString(keywordArg(bp[2]!, 'url_prefix'), consts));
      const register = /^([A-Za-z_][\w.]*)\.register_blueprint\((.*)\)$/s.exec(text);
      if (register) {
        const prefix = keywordArg(register[2]!, 'url_prefix');
        registered.push({ from: node(refKey(register[1]!, p)), target: refKey(firstArg(register[2]!), p), prefix: resolveString(prefix, consts), explicit: prefix !== undefined });
      }
    }
    for (const { decorators } of decorated(p.lines)) {
      const auth = decorators.some((d) => AUTH.test(d.text));
      for (const decorator of decorators) {
        const route = /^@([A-Za-z_][\w.]*)\.(route|get|post|put|patch|delete)\((.*)\)$/s.exec(decorator.text);
        if (!route) continue;
        node(refKey(route[1]!, p)).routes.push({ path: resolveString(firstArg(route[3]!), consts), methods: methodsOf(route[3]!, route[2]!), auth, from: `${p.file}:${decorator.line}` });
      }
    }
  }
  for (const r of registered) r.from.includes.push({ target: r.target, prefix: r.explicit ? r.prefix : own.get(r.target) ?? '' });
  return walkNodes(nodes);
}

/** Django: the urlpatterns of ROOT_URLCONF (a dotted module) and every include() below it. */
export function djangoRoutes(files: PythonFiles, rootUrlconf: string): Route[] {
  const parsed = parseAll(files);
  const byModule = new Map(parsed.map((p) => [p.module, p]));
  const routes: Route[] = [];
  const loginViews = new Set<string>();
  for (const p of parsed) {
    for (const { decorators, def } of decorated(p.lines)) {
      const name = /def\s+(\w+)/.exec(def)?.[1];
      if (name && decorators.some((d) => AUTH.test(d.text))) loginViews.add(`${p.module}:${name}`);
    }
    for (const { text } of p.lines) {
      const cls = /^class\s+(\w+)\((.*)\):/.exec(text);
      if (cls && /LoginRequired|PermissionRequired/.test(cls[2]!)) loginViews.add(`${p.module}:${cls[1]}`);
    }
  }
  const visit = (module: string, prefix: string, seen: Set<string>): void => {
    const p = byModule.get(module);
    if (!p || seen.has(module)) return;
    const next = new Set(seen).add(module);
    const text = blankCommentsAndDocstrings(files[p.file]!);
    {
      for (const call of text.matchAll(/\b(re_path|path|url)\(\s*(r?["'][^"']*["'])\s*,\s*(include\(\s*["']([\w.]+)["'][^)]*\)|[\w.]+(?:\.as_view\(\))?)/g)) {
        const regex = call[1] !== 'path';
        let route = stringLiteral(call[2]!) ?? '';
        if (regex) route = route.replace(/^\^/, '').replace(/\$$/, '');
        const target = call[3]!;
        const full = join(prefix, route || '/');
        if (call[4]) {
          visit(call[4], join(prefix, route), next);
          continue;
        }
        if (/admin\.site\.urls/.test(target)) {
          routes.push({ path: join(prefix, route), methods: ['GET'], auth: true, params: false, from: at(p.file, text, call.index) });
          continue;
        }
        const view = target.replace(/\.as_view\(\)$/, '');
        const [head, ...rest] = view.split('.');
        const binding = p.bindings.get(head!);
        const key = binding ? (binding.name === undefined ? `${binding.module}:${rest.join('.')}` : `${binding.module}:${binding.name}`) : `${module}:${view}`;
        const params = regex ? /[(\\]/.test(route) : /</.test(route);
        routes.push({ path: full, methods: ['GET'], auth: loginViews.has(key), params, from: at(p.file, text, call.index) });
      }
    }
  };
  visit(rootUrlconf, '', new Set());
  return routes;
}

const HEALTH_LIKE = /(^|\/)(health|healthz|health[-_]?check|healthcheck|ping|status|ready|readyz|readiness|live|livez|liveness|up)(\/|$)/i;

/** A health-looking GET route without auth or parameters; else any such GET route, the shortest first. */
export function chooseHealthRoute(routes: readonly Route[]): { route: Route; healthLike: boolean } | undefined {
  const usable = routes.filter((r) => r.methods.includes('GET') && !r.auth && !r.params);
  const health = usable.filter((r) => HEALTH_LIKE.test(r.path));
  if (health.length > 0) return { route: [...health].sort((a, b) => a.path.length - b.path.length)[0]!, healthLike: true };
  if (usable.length > 0) return { route: [...usable].sort((a, b) => a.path.length - b.path.length)[0]!, healthLike: false };
  return undefined;
}
