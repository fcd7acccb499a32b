// The plan of a Python app. Precedence of sources: options > what the project declares (Procfile web/
// release/worker, boot and prestart scripts, .flaskenv, settings) > the framework's conventions > defaults.
import { relJoin } from '../detect-shared.js';
import type { PythonApp, PythonPackageManager } from '../profile.js';
import { PYTHON_LINTERS, toolPin } from '../toolchains/python/index.js';
import { containerDeclares, pinSourceFiles } from './container-files.js';
import { clientOf, PYTHON_CLIENTS } from './data-stores.js';
import { BOOT_SCRIPTS, commandPort, parseDotenv, parseProcfile, portDefault, scriptCommands, withPort, type Declared } from './declared.js';
import { anchorEvidence, at, convention, DEFAULT, fact, option, type Evidence, type Fact, type SourceReader } from './evidence.js';
import { pythonEnv } from './python-env.js';
import { chooseHealthRoute, djangoRoutes, fastapiRoutes, flaskRoutes, type Route } from './python-routes.js';
import { stringLiteral } from './python-source.js';
import { ambiguity } from './ambiguity.js';
import type { AppKind, AppPlan, DataStore, HealthCheck, Worker } from './types.js';

export interface PythonPlan extends AppPlan {
  language: 'python';
  /** The package manager and the release of it the images and CI pin ('' version: pip, nothing to pin). */
  toolchain: { manager: PythonPackageManager; version: Fact<string> };
}

export interface PlanOptions {
  /** --ports for this app. */
  port?: number;
  /** --health-check-path. */
  healthPath?: string;
}

/** Servers and frameworks besides Django/Flask/FastAPI whose apps serve HTTP (their routes are not read: TCP health). */
const WEB_LIBRARIES = ['aiohttp', 'starlette', 'litestar', 'sanic', 'tornado', 'bottle', 'quart', 'falcon', 'uvicorn', 'gunicorn', 'hypercorn', 'waitress', 'cherrypy', 'pyramid'];
/** Folders whose modules are not the app's runtime code. */
const NOT_APP_CODE = /^(tests?|docs?|migrations\/versions|alembic\/versions|\.venv|venv|node_modules|scripts)\//;

/** The .py files of the app (app-relative), bounded: the code the plan reads routes and settings from. */
function pythonFiles(app: PythonApp, reader: SourceReader): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of reader.list(app.path, 4)) {
    if (!file.endsWith('.py') || NOT_APP_CODE.test(file) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(file)) continue;
    const text = reader.read(relJoin(app.path, file));
    if (text !== undefined) out[file] = text;
  }
  return out;
}

const healthFrom = (route: Route, healthLike: boolean, framework: string): Fact<HealthCheck> =>
  fact({ kind: 'http', path: route.path }, healthLike ? route.from : `${route.from} (a ${framework} GET route without auth or parameters; no health route found)`);

/** The Django settings module: DJANGO_SETTINGS_MODULE in manage.py / wsgi.py, else <project>/settings.py. */
function djangoSettings(files: Readonly<Record<string, string>>, reader: SourceReader, app: PythonApp): { file?: string; text?: string } {
  const manage = reader.read(relJoin(app.path, 'manage.py')) ?? '';
  const module = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(manage)?.[1]
    ?? Object.values(files).map((t) => /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(t)?.[1]).find(Boolean);
  const candidates = module ? [`${module.replace(/\./g, '/')}.py`, `${module.replace(/\./g, '/')}/__init__.py`] : Object.keys(files).filter((f) => /(^|\/)settings\.py$/.test(f));
  const file = candidates.find((f) => files[f] !== undefined);
  return file ? { file, text: files[file] } : {};
}

function settingValue(text: string, name: string): { value: string; offset: number } | undefined {
  const match = new RegExp(`^${name}\\s*=\\s*(.+)$`, 'm').exec(text);
  if (!match) return undefined;
  return { value: match[1]!.trim(), offset: match.index };
}

/** The module and attribute of an app object for a server: `app.main:app`. */
function findAsgiOrWsgi(files: Readonly<Record<string, string>>, make: RegExp, preferred: string[]): { target: string; from: Evidence } | undefined {
  const candidates = Object.keys(files).filter((f) => make.test(files[f]!)).sort((a, b) => {
    const rank = (f: string) => {
      const i = preferred.findIndex((p) => f === p || f.endsWith(`/${p}`));
      return i < 0 ? preferred.length : i;
    };
    return rank(a) - rank(b) || a.split('/').length - b.split('/').length || (a < b ? -1 : 1);
  });
  const file = candidates[0];
  if (!file) return undefined;
  const text = files[file]!;
  const match = make.exec(text)!;
  const module = file.replace(/^src\//, '').replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
  return { target: `${module}:${match[1]}`, from: at(file, text, match.index) };
}

export function planPython(app: PythonApp, reader: SourceReader, options: PlanOptions = {}): PythonPlan {
  const read = (file: string) => reader.read(relJoin(app.path, file));
  const files = pythonFiles(app, reader);
  const deps = new Set(app.dependencies);
  const has = (name: string) => deps.has(name);
  const notes: string[] = [];
  const label = `${app.name} (${app.path === '.' ? 'project root' : app.path})`;

  const procfile = parseProcfile(read('Procfile') ?? '');
  const procfileOf = (type: string) => procfile.find((p) => p.type === type);
  const flaskenv = parseDotenv(read('.flaskenv') ?? '');
  const boot = BOOT_SCRIPTS.flatMap((script) => {
    const text = read(script);
    return text === undefined ? [] : scriptCommands(text).map((c) => ({ ...c, script }));
  });
  const isServer = (command: readonly string[]) => /^(gunicorn|uvicorn|hypercorn|daphne|waitress-serve|granian)$/.test(command[0] ?? '')
    || (command[0] === 'python' && command.includes('runserver')) || (command[0] === 'flask' && command.includes('run'))
    || (command[0] === 'fastapi' && command[1] === 'run');
  // The project's own Dockerfile and compose file (never ours): a server CMD, EXPOSE, ports, a HEALTHCHECK.
  const container = containerDeclares(reader, app.path);
  const isMigration = (command: readonly string[]) => command.join(' ').match(/\b(db upgrade|alembic upgrade|manage\.py migrate)\b/) !== null;

  // --- the web command the project declares
  const web = procfileOf('web');
  const declaredStart: Declared | undefined = web
    ? { command: web.commands.at(-1)!, from: `Procfile:${web.line}` }
    : boot.filter((b) => isServer(b.command)).map((b) => ({ command: b.command, from: `${b.script}:${b.line}` }))[0]
      ?? (container.start && isServer(container.start.value) ? { command: container.start.value, from: container.start.from } : undefined);
  const declaredMigrate: Declared | undefined = (() => {
    const release = procfileOf('release');
    if (release) return { command: release.commands.at(-1)!, from: `Procfile:${release.line}` };
    if (web && web.commands.length > 1 && isMigration(web.commands[0]!)) return { command: web.commands[0]!, from: `Procfile:${web.line}` };
    const script = boot.find((b) => isMigration(b.command));
    // A prestart script that migrates is the project's own migration step: run it whole.
    if (script && /prestart/.test(script.script)) return { command: ['bash', script.script], from: `${script.script}:${script.line}` };
    return script ? { command: script.command, from: `${script.script}:${script.line}` } : undefined;
  })();

  // --- port: option > the declared command > the container files (EXPOSE, compose ports) > .flaskenv > the framework's
  let port: Fact<number>;
  const commandDeclared = declaredStart ? commandPort(declaredStart.command) ?? portDefault(declaredStart.command) : undefined;
  const declaredPorts = [...(commandDeclared ? [fact(commandDeclared, declaredStart!.from)] : []), ...container.ports.map((p) => fact(p.port, p.from))];
  // Declared ports that disagree: the first source wins; an option settles it.
  const portChoice = options.port ? undefined : ambiguity('port', 'ports', declaredPorts);
  if (options.port) port = fact(options.port, option('ports'));
  else if (declaredPorts[0]) port = declaredPorts[0];
  else if (app.framework === 'flask' && flaskenv.get('FLASK_RUN_PORT')) port = fact(Number(flaskenv.get('FLASK_RUN_PORT')!.value), `.flaskenv:${flaskenv.get('FLASK_RUN_PORT')!.line}`);
  else if (app.framework === 'flask') port = fact(5000, convention('flask run serves on 5000'));
  else if (app.framework === 'django') port = fact(8000, convention('Django runserver / gunicorn serve on 8000'));
  else if (app.framework === 'fastapi') port = fact(8000, convention('uvicorn serves on 8000'));
  else port = fact(8000, DEFAULT);
  const P = String(port.value);
  // A reloading command of the project's own compose file is its dev command, on the plan's port.
  const containerDev = container.dev ? fact(withPort(container.dev.value, port.value), container.dev.from) : undefined;

  let start: Fact<string[]> | undefined = declaredStart ? fact(withPort(declaredStart.command, port.value), declaredStart.from) : undefined;
  let dev: Fact<string[]> | undefined;
  let migrate: Fact<string[]> | undefined = declaredMigrate ? fact(declaredMigrate.command, declaredMigrate.from) : undefined;
  let staticFiles: Fact<string[]> | undefined;
  let routes: Route[] = [];
  const stores = new Map<DataStore, Evidence>();
  const tests: Array<Fact<string[]>> = [];
  let kind: Fact<AppKind> = fact('web', app.framework ? convention(`a ${app.framework} app serves HTTP`) : DEFAULT);

  switch (app.framework) {
    case 'django': {
      const settings = djangoSettings(files, reader, app);
      const wsgi = settings.text ? settingValue(settings.text, 'WSGI_APPLICATION') : undefined;
      const wsgiTarget = wsgi ? stringLiteral(wsgi.value) : undefined;
      const wsgiFrom = wsgi && settings.file ? at(settings.file, settings.text!, wsgi.offset) : undefined;
      const target = wsgiTarget ? wsgiTarget.replace(/\.(\w+)$/, ':$1') : undefined;
      if (!start) {
        if (has('gunicorn') && target) start = fact(['gunicorn', '--bind', `0.0.0.0:${P}`, '--access-logfile', '-', target], wsgiFrom!);
        else {
          start = fact(['python', 'manage.py', 'runserver', `0.0.0.0:${P}`, '--noreload'], convention('Django without gunicorn'));
          notes.push(`${label}: gunicorn is not a dependency, so the prod image runs Django's development server; add gunicorn and re-run`);
        }
      }
      dev = containerDev ?? fact(['python', 'manage.py', 'runserver', `0.0.0.0:${P}`], convention('Django runserver reloads on change'));
      migrate ??= fact(['python', 'manage.py', 'migrate', '--noinput'], convention('Django migrations (manage.py migrate)'));
      const staticRoot = settings.text ? settingValue(settings.text, 'STATIC_ROOT') : undefined;
      if (staticRoot && settings.file) staticFiles = fact(['python', 'manage.py', 'collectstatic', '--noinput'], at(settings.file, settings.text!, staticRoot.offset));
      else if (settings.text && /STATIC_URL/.test(settings.text)) notes.push(`${label}: STATIC_URL is set but STATIC_ROOT is not: collectstatic cannot run, so the prod image serves no static files (set STATIC_ROOT and re-run)`);
      const urlconf = settings.text ? settingValue(settings.text, 'ROOT_URLCONF') : undefined;
      const rootUrlconf = urlconf ? stringLiteral(urlconf.value) : undefined;
      if (rootUrlconf) routes = djangoRoutes(files, rootUrlconf);
      const engine = settings.text ? /['"]ENGINE['"]\s*:\s*['"]django\.db\.backends\.(\w+)['"]/.exec(settings.text) : null;
      if (engine && settings.file) {
        const store: DataStore | undefined = engine[1] === 'sqlite3' ? 'sqlite' : engine[1]!.startsWith('postgres') ? 'postgres' : engine[1] === 'mysql' ? 'mysql' : undefined;
        if (store) stores.set(store, at(settings.file, settings.text!, engine.index));
      }
      notes.push(`${label}: Django answers only the host names in ALLOWED_HOSTS (with DEBUG off): the container health check calls 127.0.0.1, and behind a load balancer its DNS name or your domain must be listed, or every request gets 400`);
      if (has('pytest') && has('pytest-django')) tests.push(fact(['python', '-m', 'pytest'], 'pytest-django in the dependencies'));
      else tests.push(fact(['python', 'manage.py', 'test'], convention('Django test runner (manage.py test)')));
      break;
    }
    case 'flask': {
      const flaskApp = flaskenv.get('FLASK_APP');
      const factory = findAsgiOrWsgi(files, /^def\s+(create_app)\s*\(/m, ['__init__.py', 'app.py']);
      const instance = findAsgiOrWsgi(files, /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\(/m, ['app.py', 'wsgi.py', 'main.py', '__init__.py']);
      const wsgiModule = flaskApp ? flaskApp.value.replace(/\.py$/, '').replace(/\//g, '.') : undefined;
      // What `flask` loads: FLASK_APP of .flaskenv, else the module-level app, else the factory.
      const appRef: { target: string; from: Evidence } | undefined = wsgiModule
        ? { target: wsgiModule, from: `.flaskenv:${flaskApp!.line}` }
        : instance ?? (factory ? { target: `${factory.target.split(':')[0]}:create_app()`, from: factory.from } : undefined);
      const flaskTarget = appRef?.target.replace(/:app$/, '') ?? 'app';
      if (!appRef) notes.push(`${label}: no Flask app object or create_app() found: the images load \`app\`; set FLASK_APP in .flaskenv`);
      if (!start) {
        const gunicornTarget = appRef ? (appRef.target.includes(':') ? appRef.target : `${appRef.target}:app`) : 'app:app';
        if (has('gunicorn')) start = fact(['gunicorn', '--bind', `0.0.0.0:${P}`, '--access-logfile', '-', gunicornTarget], appRef?.from ?? DEFAULT);
        else {
          start = fact(['flask', '--app', flaskTarget, 'run', '--host', '0.0.0.0', '--port', P], appRef?.from ?? DEFAULT);
          notes.push(`${label}: gunicorn is not a dependency, so the prod image runs Flask's development server; add gunicorn and re-run`);
        }
      }
      // --debug belongs to the flask group (Flask 2.2+), before the run command.
      dev = containerDev ?? fact(['flask', '--app', flaskTarget, '--debug', 'run', '--host', '0.0.0.0', '--port', P], appRef?.from ?? DEFAULT);
      const migrations = reader.list(app.path, 2).some((f) => /^migrations\/(env\.py|alembic\.ini)$/.test(f));
      if (!migrate && has('flask-migrate') && migrations) migrate = fact(['flask', '--app', flaskTarget, 'db', 'upgrade'], convention('Flask-Migrate (migrations/ and flask-migrate)'));
      routes = flaskRoutes(files);
      break;
    }
    case 'fastapi': {
      const found = findAsgiOrWsgi(files, /^([A-Za-z_]\w*)\s*=\s*(?:fastapi\.)?FastAPI\(/m, ['main.py', 'app.py', 'api.py', 'server.py', 'asgi.py']);
      const target = found?.target ?? 'app.main:app';
      if (!found) notes.push(`${label}: no FastAPI() app found: the images run \`uvicorn app.main:app\`; adjust the CMD if yours lives elsewhere`);
      if (!has('uvicorn') && !has('uvicorn-standard')) notes.push(`${label}: uvicorn is not a declared dependency: add it (the images run uvicorn)`);
      start ??= fact(['uvicorn', target, '--host', '0.0.0.0', '--port', P, '--proxy-headers'], found?.from ?? DEFAULT);
      dev = containerDev ?? fact(['uvicorn', target, '--host', '0.0.0.0', '--port', P, '--reload'], found?.from ?? DEFAULT);
      routes = fastapiRoutes(files);
      break;
    }
    default: {
      // A console script the project declares ([project.scripts], [tool.poetry.scripts]) is its entry point; the
      // images call its function (the script itself exists only where the project is installed).
      const script = consoleScript(read('pyproject.toml'));
      const entry = script ? ['python', '-c', `import sys; from ${script.module} import ${script.func}; sys.exit(${script.func}())`]
        : app.packageName ? ['python', '-m', app.packageName] : read('main.py') !== undefined ? ['python', 'main.py'] : read('app.py') !== undefined ? ['python', 'app.py'] : undefined;
      if (!start) {
        start = fact(entry ?? ['python', '-m', 'app'], script ? script.from : entry ? convention('the package / main module of a Python app') : DEFAULT);
        if (!entry) notes.push(`${label}: no framework, package or main.py found: the images run \`python -m app\`; adjust the CMD`);
      }
      dev = start;
      const server = WEB_LIBRARIES.find(has);
      if (web || declaredStart) kind = fact('web', (web ? `Procfile:${web.line}` : declaredStart!.from));
      else if (app.manifestFiles.length === 0) kind = fact('web', 'option --language (a new app)');
      else if (server) kind = fact('web', `${server} in the dependencies`);
      else if (script) kind = fact('cli', `${script.from} (a console script, no server in the dependencies)`);
      else {
        kind = fact('worker', 'no web framework or server in the dependencies, no Procfile web process');
        notes.push(`${label}: no web framework, server or Procfile web process: it is planned as a worker, which ai-projen does not containerise yet (pass a Procfile web: line if it serves HTTP)`);
      }
    }
  }

  // alembic on its own (a FastAPI or plain SQLAlchemy app): its alembic.ini.
  if (!migrate && has('alembic')) {
    const ini = read('alembic.ini');
    if (ini !== undefined) migrate = fact(['alembic', 'upgrade', 'head'], 'alembic.ini:1');
  }

  // --- health: option > the project's own health check > a route the app serves > a framework's own route > TCP
  let health: Fact<HealthCheck>;
  const chosen = chooseHealthRoute(routes);
  if (options.healthPath) health = fact({ kind: 'http', path: options.healthPath }, option('health-check-path'));
  else if (kind.value === 'worker') health = fact({ kind: 'none' }, 'no port: a worker');
  else if (container.health && 'path' in container.health) health = fact({ kind: 'http', path: container.health.path }, container.health.from);
  else if (chosen) health = healthFrom(chosen.route, chosen.healthLike, app.framework ?? 'Python');
  else if (app.framework === 'fastapi' && found(files, /docs_url\s*=\s*None/) === undefined) {
    health = fact({ kind: 'http', path: '/docs' }, convention('FastAPI serves its docs at /docs'));
  } else {
    health = fact({ kind: 'tcp' }, 'no route without auth or parameters found');
    notes.push(`${label}: no health route found: the health check only opens a TCP connection to port ${P}; add a GET route such as /health and pass --health-check-path /health`);
  }

  // --- data stores: the settings, then the drivers (and Celery's redis extra: its broker)
  const driver = (store: DataStore) => clientOf(PYTHON_CLIENTS, store, has);
  if (!stores.has('sqlite') && !stores.has('postgres') && !stores.has('mysql')) {
    for (const store of ['postgres', 'mysql'] as const) {
      const client = driver(store);
      if (client && stores.size === 0) stores.set(store, `${client} in the dependencies`);
    }
  }
  // celery[redis] (PEP 508) or celery = { extras = ["redis"] } (Pipfile, Poetry).
  const celeryRedis = has('celery') && app.manifestFiles.map((f) => read(f) ?? '')
    .some((t) => /\bcelery\[[^\]]*\bredis\b/i.test(t) || /\bcelery\s*=\s*\{[^}]*extras\s*=\s*\[[^\]]*["']redis["']/i.test(t));
  const redis = driver('redis') ?? (celeryRedis ? 'celery[redis]' : undefined);
  if (redis) stores.set('redis', `${redis} in the dependencies`);
  const mongo = driver('mongodb');
  if (mongo) stores.set('mongodb', `${mongo} in the dependencies`);

  // --- workers: Procfile processes besides web and release
  const workers: Worker[] = procfile.filter((p) => !['web', 'release'].includes(p.type)).map((p) => ({ name: p.type, command: fact(p.commands.at(-1)!, `Procfile:${p.line}`) }));

  // --- tests and lint: the tools the project installs (never a [tool.*] section alone)
  if (app.framework !== 'django') {
    if (has('pytest')) tests.push(fact(['python', '-m', 'pytest'], 'pytest in the dependencies'));
    else if (reader.list(app.path, 2).some((f) => /^tests?\/test_[^/]+\.py$/.test(f))) tests.push(fact(['python', '-m', 'unittest', 'discover'], convention('unittest test_*.py files in tests/')));
  }
  const pkgDir = app.packageName ? (app.srcLayout ? `src/${app.packageName}` : app.packageName) : '.';
  const lint = PYTHON_LINTERS.filter((l) => has(l.tool) && (!l.needsPackage || app.packageName)).map((l) => fact(l.command(pkgDir), `${l.tool} in the dependencies`));

  if (port.from === DEFAULT && kind.value === 'web') {
    notes.push(`${label}: no port declared (Procfile, boot script, Dockerfile, compose) and no framework default: the images assume 8000; pass --ports ${app.name}=<port> if it listens elsewhere`);
  }
  const pin = toolPin(app.packageManager, pinSourceFiles(reader, app.path));
  if (pin.note) notes.push(`${label}: ${pin.note}`);

  return anchorEvidence<PythonPlan>({
    name: app.name,
    path: app.path,
    language: 'python',
    toolchain: { manager: app.packageManager, version: fact(pin.version, pin.from) },
    kind,
    start: start!,
    dev: dev!,
    port,
    health,
    ...(migrate ? { migrate } : {}),
    ...(staticFiles ? { staticFiles } : {}),
    tests,
    lint,
    env: pythonEnv(files),
    buildEnv: [],
    dataStores: [...stores].map(([store, from]) => fact(store, from)),
    workers,
    ambiguities: portChoice ? [portChoice] : [],
    notes,
  }, app.path, new Set(reader.list(app.path, 4)));
}

/** The first console script of pyproject.toml ([project.scripts], else [tool.poetry.scripts]): `name = "pkg.cli:main"`. */
export function consoleScript(pyproject: string | undefined): { name: string; module: string; func: string; from: Evidence } | undefined {
  if (pyproject === undefined) return undefined;
  let table = '';
  let offset = 0;
  for (const line of pyproject.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) table = header[1]!.trim();
    else if (table === 'project.scripts' || table === 'tool.poetry.scripts') {
      const m = /^\s*["']?([\w.-]+)["']?\s*=\s*["']([\w.]+):([\w]+)["']/.exec(line);
      if (m) return { name: m[1]!, module: m[2]!, func: m[3]!, from: at('pyproject.toml', pyproject, offset) };
    }
    offset += line.length + 1;
  }
  return undefined;
}

function found(files: Readonly<Record<string, string>>, pattern: RegExp): string | undefined {
  return Object.keys(files).find((f) => pattern.test(files[f]!));
}
