// The plan layer: per app, what the project declares wins over framework conventions, which win over
// defaults; every value carries its evidence; health checks probe only routes the app serves.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detect } from '../generators/lib/detect.js';
import { connectionVars } from '../generators/lib/plan/connection.js';
import { commandPort, parseDotenv, parseProcfile, shellWords, withPort } from '../generators/lib/plan/declared.js';
import { planApps, type AppPlan, type NodePlan } from '../generators/lib/plan/index.js';
import { configImports, nodeScript } from '../generators/lib/plan/node.js';
import { expressLikeRoutes, fileRoutes, nestRoutes, sourcePort } from '../generators/lib/plan/node-routes.js';
import { pythonEnv } from '../generators/lib/plan/python-env.js';
import { chooseHealthRoute, djangoRoutes, fastapiRoutes, flaskRoutes } from '../generators/lib/plan/python-routes.js';
import { logicalLines } from '../generators/lib/plan/python-source.js';
import { diskReader, memoryReader } from '../generators/lib/plan/reader.js';
import { FIXTURES, fixturePath } from './helpers/fixtures.js';
import { planRows } from '../generators/cli/plan.js';

/** A project on disk from a file map, detected and planned. */
function planOfFiles(files: Record<string, string>): AppPlan[] {
  const root = mkdtempSync(path.join(tmpdir(), 'ai-projen-plan-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return planApps(detect(root), diskReader(root));
}

const only = (plans: AppPlan[]): AppPlan => {
  assert.equal(plans.length, 1);
  return plans[0]!;
};

// Shaped after the Flask mega-tutorial's microblog: an app factory, blueprints, Flask-Migrate, a Procfile and a boot script.
const FLASK_FACTORY = {
  'requirements.txt': 'Flask==2.2.2\nFlask-SQLAlchemy==3.0.3\nFlask-Migrate==4.0.4\ngunicorn==20.1.0\npsycopg2-binary==2.9.5\n',
  'requirements-dev.txt': '-r requirements.txt\npytest==7.2.1\n',
  Procfile: 'release: flask db upgrade\nweb: gunicorn --bind 0.0.0.0:5000 --access-logfile - microblog:app\n',
  '.flaskenv': 'FLASK_APP=microblog.py\n',
  'microblog.py': 'from app import create_app\n\napp = create_app()\n',
  'config.py': "import os\n\nclass Config:\n    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'\n    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or 'sqlite:///app.db'\n",
  'app/__init__.py': [
    'from flask import Flask', 'from flask_migrate import Migrate', 'from flask_sqlalchemy import SQLAlchemy', 'from config import Config', '',
    'db = SQLAlchemy()', 'migrate = Migrate()', '', '', 'def create_app(config_class=Config):', '    app = Flask(__name__)',
    '    app.config.from_object(config_class)', '    db.init_app(app)', '    migrate.init_app(app, db)',
    '    from app.main import bp as main_bp', '    app.register_blueprint(main_bp)',
    '    from app.api import bp as api_bp', "    app.register_blueprint(api_bp, url_prefix='/api')", '    return app', '',
  ].join('\n'),
  'app/main/__init__.py': "from flask import Blueprint\n\nbp = Blueprint('main', __name__)\n\nfrom app.main import routes\n",
  'app/main/routes.py': "from flask_login import login_required\nfrom app.main import bp\n\n\n@bp.route('/')\n@login_required\ndef index():\n    return 'hi'\n",
  'app/api/__init__.py': "from flask import Blueprint\n\nbp = Blueprint('api', __name__)\n\nfrom app.api import tokens\n",
  'app/api/tokens.py': "from app.api import bp\n\n\n@bp.route('/tokens', methods=['POST'])\ndef get_token():\n    return {}\n\n\n@bp.get('/ping')\ndef ping():\n    return {'ok': True}\n",
  'migrations/env.py': '# alembic env of Flask-Migrate\n',
  'migrations/alembic.ini': '[alembic]\n',
};

// Shaped after the full-stack FastAPI template: API_V1_STR prefix, a nested router, pydantic settings, alembic and a prestart script.
const FASTAPI_TEMPLATE = {
  'requirements.txt': 'fastapi==0.92.0\nuvicorn[standard]==0.17.6\nalembic==1.8.1\npsycopg2-binary==2.9.5\n',
  'alembic.ini': '[alembic]\nscript_location = app/alembic\n',
  'scripts/prestart.sh': '#! /usr/bin/env bash\nset -e\n\n# Let the DB start\npython app/backend_pre_start.py\n\n# Run migrations\nalembic upgrade head\n',
  'app/core/config.py': [
    'from pydantic import BaseSettings', '', '', 'class Settings(BaseSettings):', '    API_V1_STR: str = "/api/v1"', '    SECRET_KEY: str',
    '    PROJECT_NAME: str', '    POSTGRES_SERVER: str', '    POSTGRES_PORT: int = 5432', '    POSTGRES_USER: str', '    POSTGRES_PASSWORD: str = ""',
    '    POSTGRES_DB: str = ""', '', '    class Config:', '        env_file = ".env"', '', '', 'settings = Settings()', '',
  ].join('\n'),
  'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI(\n    title=settings.PROJECT_NAME,\n    openapi_url=f"{settings.API_V1_STR}/openapi.json",\n)\n\napp.include_router(api_router, prefix=settings.API_V1_STR)\n',
  'app/api/main.py': 'from fastapi import APIRouter\n\nfrom app.api.routes import items, login, utils\n\napi_router = APIRouter()\napi_router.include_router(login.router)\napi_router.include_router(utils.router)\napi_router.include_router(items.router)\n',
  'app/api/routes/utils.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/utils", tags=["utils"])\n\n\n@router.get("/health-check/")\nasync def health_check() -> bool:\n    return True\n',
  'app/api/routes/items.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/items", tags=["items"])\n\n\n@router.get("/")\ndef read_items(session: SessionDep, current_user: CurrentUser):\n    return []\n\n\n@router.get("/{id}")\ndef read_item(id: int):\n    return {}\n',
  'app/api/routes/login.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(tags=["login"])\n\n\n@router.post("/login/access-token")\ndef login():\n    return {}\n',
};

describe('plan', () => {
  describe('Python', () => {
    it('Flask factory: Procfile command and port, release migration, a health route under the blueprint prefix, env, data store', () => {
      const plan = only(planOfFiles(FLASK_FACTORY));
      assert.deepEqual(plan.start, { value: ['gunicorn', '--bind', '0.0.0.0:5000', '--access-logfile', '-', 'microblog:app'], from: 'Procfile:2' });
      assert.deepEqual(plan.port, { value: 5000, from: 'Procfile:2' });
      assert.deepEqual(plan.migrate, { value: ['flask', 'db', 'upgrade'], from: 'Procfile:1' });
      // `/` needs a login; /api/tokens is POST: /api/ping is the health route.
      assert.deepEqual(plan.health, { value: { kind: 'http', path: '/api/ping' }, from: 'app/api/tokens.py:9' });
      assert.deepEqual(plan.dev.value, ['flask', '--app', 'microblog', '--debug', 'run', '--host', '0.0.0.0', '--port', '5000']);
      assert.equal(plan.dev.from, '.flaskenv:1');
      assert.deepEqual(plan.dataStores, [{ value: 'postgres', from: 'psycopg2-binary in the dependencies' }]);
      assert.deepEqual(plan.env.map((v) => [v.name, v.required, v.secret, v.from]), [['SECRET_KEY', false, true, 'config.py:4'], ['DATABASE_URL', false, true, 'config.py:5']]);
      assert.deepEqual(plan.tests.map((t) => t.value), [['python', '-m', 'pytest']]);
      assert.deepEqual(plan.lint, [], 'no linter installed: none invented');
    });

    it('Flask without a Procfile: port 5000 by convention, Flask-Migrate from migrations/, gunicorn on the factory', () => {
      const files: Record<string, string> = { ...FLASK_FACTORY };
      delete files.Procfile;
      delete files['.flaskenv'];
      delete files['microblog.py'];
      const plan = only(planOfFiles(files));
      assert.deepEqual(plan.port, { value: 5000, from: 'convention: flask run serves on 5000' });
      assert.deepEqual(plan.start.value, ['gunicorn', '--bind', '0.0.0.0:5000', '--access-logfile', '-', 'app:create_app()']);
      assert.equal(plan.start.from, 'app/__init__.py:10');
      assert.deepEqual(plan.migrate?.value, ['flask', '--app', 'app:create_app()', 'db', 'upgrade']);
    });

    it('FastAPI template: /api/v1 prefix from the settings constant, routers nested, auth routes and parameters skipped; prestart migrates', () => {
      const plan = only(planOfFiles(FASTAPI_TEMPLATE));
      assert.deepEqual(plan.health, { value: { kind: 'http', path: '/api/v1/utils/health-check/' }, from: 'app/api/routes/utils.py:6' });
      assert.deepEqual(plan.start, { value: ['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--proxy-headers'], from: 'app/main.py:6' });
      assert.deepEqual(plan.migrate, { value: ['bash', 'scripts/prestart.sh'], from: 'scripts/prestart.sh:8' });
      const env = Object.fromEntries(plan.env.map((v) => [v.name, v]));
      assert.equal(env.SECRET_KEY?.required, true);
      assert.equal(env.SECRET_KEY?.secret, true);
      assert.equal(env.POSTGRES_PORT?.required, false);
      assert.equal(env.POSTGRES_SERVER?.secret, false);
      assert.deepEqual(connectionVars(plan, 'sql').map((v) => `${v.name}=${v.part}`), ['POSTGRES_SERVER=host', 'POSTGRES_PORT=port', 'POSTGRES_USER=user', 'POSTGRES_PASSWORD=password', 'POSTGRES_DB=database']);
    });

    it('Django: gunicorn on WSGI_APPLICATION, sqlite from the settings (no Postgres), collectstatic only with STATIC_ROOT, manage.py test', () => {
      const settings = "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nROOT_URLCONF = 'mysite.urls'\nWSGI_APPLICATION = 'mysite.wsgi.application'\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n    }\n}\nSTATIC_URL = 'static/'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n";
      const plan = only(planOfFiles({
        'requirements.txt': 'Django==3.2.25\ngunicorn==20.1.0\npsycopg2-binary==2.9.5\n',
        'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
        'mysite/__init__.py': '',
        'mysite/settings.py': settings,
        'mysite/wsgi.py': 'application = get_wsgi_application()\n',
        'mysite/urls.py': "\"\"\"URL Configuration\n\nFunction views\n    2. Add a URL to urlpatterns:  path('', views.home, name='home')\n\"\"\"\nfrom django.contrib import admin\nfrom django.urls import include, path\n\n# path('old/', views.old),\nurlpatterns = [\n    path('polls/', include('polls.urls')),\n    path('admin/', admin.site.urls),\n]\n",
        'polls/__init__.py': '',
        'polls/urls.py': "from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path('', views.index, name='index'),\n    path('<int:question_id>/', views.detail, name='detail'),\n    path('healthz/', views.healthz),\n]\n",
        'polls/views.py': 'from django.contrib.auth.decorators import login_required\n\n\n@login_required\ndef index(request):\n    pass\n\n\ndef healthz(request):\n    pass\n',
      }));
      assert.deepEqual(plan.start, { value: ['gunicorn', '--bind', '0.0.0.0:8000', '--access-logfile', '-', 'mysite.wsgi:application'], from: 'mysite/settings.py:4' });
      assert.deepEqual(plan.health, { value: { kind: 'http', path: '/polls/healthz/' }, from: 'polls/urls.py:8' });
      assert.deepEqual(plan.dataStores, [{ value: 'sqlite', from: 'mysite/settings.py:7' }], 'a Postgres driver is installed, but the settings use sqlite');
      assert.deepEqual(plan.staticFiles, { value: ['python', 'manage.py', 'collectstatic', '--noinput'], from: 'mysite/settings.py:11' });
      assert.deepEqual(plan.migrate?.value, ['python', 'manage.py', 'migrate', '--noinput']);
      assert.deepEqual(plan.tests.map((t) => t.value), [['python', 'manage.py', 'test']]);
      assert.deepEqual(plan.env.map((v) => [v.name, v.required]), [['DJANGO_SECRET_KEY', true]], 'DJANGO_SETTINGS_MODULE is set by manage.py, not read from the environment');
      assert.ok(plan.notes.some((n) => /ALLOWED_HOSTS/.test(n)));
    });

    it('no route a probe can call: a TCP check and a note naming --health-check-path, never an invented path', () => {
      const plan = only(planOfFiles({
        'requirements.txt': 'flask\n',
        'app.py': "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/items/<int:id>')\ndef item(id):\n    return {}\n",
      }));
      assert.deepEqual(plan.health.value, { kind: 'tcp' });
      assert.ok(plan.notes.some((n) => /--health-check-path/.test(n)));
    });

    it('a console script of [project.scripts] is the entry point: a web app with a server dependency, else a CLI (not deployed)', () => {
      const pyproject = (deps: string) => `[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = [${deps}]\n\n[project.scripts]\nsvc-serve = "svc.server:main"\n`;
      const files = { 'svc/__init__.py': '', 'svc/server.py': 'from aiohttp import web\n\ndef main():\n    web.run_app(web.Application(), port=8080)\n' };
      const web = only(planOfFiles({ 'pyproject.toml': pyproject('"aiohttp>=3.9"'), ...files }));
      assert.deepEqual(web.kind, { value: 'web', from: 'aiohttp in the dependencies' });
      // Nothing declares its port: the plan says it guessed, and how to say otherwise.
      assert.deepEqual(web.port, { value: 8000, from: 'default' });
      assert.ok(web.notes.some((n) => /no port declared .*assume 8000; pass --ports \S+=<port>/.test(n)), web.notes.join('\n'));
      assert.deepEqual(web.start, { value: ['python', '-c', 'import sys; from svc.server import main; sys.exit(main())'], from: 'pyproject.toml:7' });
      const cli = only(planOfFiles({ 'pyproject.toml': pyproject('"click>=8"'), ...files }));
      assert.deepEqual(cli.kind, { value: 'cli', from: 'pyproject.toml:7 (a console script, no server in the dependencies)' });
    });

    it('lint tools come from what is installed, not from [tool.*] sections alone', () => {
      const plan = only(planOfFiles({
        'pyproject.toml': '[project]\nname = "svc"\nversion = "1"\ndependencies = ["fastapi", "uvicorn"]\n[project.optional-dependencies]\ndev = ["ruff", "pytest"]\n[tool.isort]\nprofile = "black"\n[tool.black]\nline-length = 100\n',
        'svc/__init__.py': '',
        'svc/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/healthz")\ndef h():\n    return {}\n',
      }));
      assert.deepEqual(plan.lint.map((l) => l.value[0]), ['ruff']);
      assert.deepEqual(plan.health.value, { kind: 'http', path: '/healthz' });
    });

    it('options win, with their evidence', () => {
      const root = mkdtempSync(path.join(tmpdir(), 'ai-projen-plan-'));
      writeFileSync(path.join(root, 'requirements.txt'), 'fastapi\nuvicorn\n');
      writeFileSync(path.join(root, 'main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n');
      const profile = detect(root);
      const [plan] = planApps(profile, diskReader(root), { ports: { [profile.apps[0]!.name]: 9000 }, healthCheckPath: '/ready' });
      assert.deepEqual(plan!.port, { value: 9000, from: 'option --ports' });
      assert.deepEqual(plan!.health, { value: { kind: 'http', path: '/ready' }, from: 'option --health-check-path' });
      assert.ok(plan!.start.value.includes('9000'));
    });

    it('reads routes and env through logical lines (continuations, comments, strings)', () => {
      const lines = logicalLines('x = foo(\n  "a#b",  # comment\n  2)\n@app.get(\n  "/p"\n)\ndef f(): pass\n');
      assert.deepEqual(lines.map((l) => [l.text, l.line]), [['x = foo( "a#b", 2)', 1], ['@app.get( "/p" )', 4], ['def f(): pass', 7]]);
      assert.deepEqual(fastapiRoutes({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get(\n  "/p"\n)\ndef f(): pass\n' }).map((r) => r.path), ['/p']);
      assert.deepEqual(flaskRoutes({ 'app.py': "app = Flask(__name__)\n@app.route('/a', methods=['GET', 'POST'])\ndef a(): pass\n" }).map((r) => [r.path, r.methods]), [['/a', ['GET', 'POST']]]);
      assert.deepEqual(djangoRoutes({ 'urls.py': "urlpatterns = [re_path(r'^ping/$', views.ping)]\n" }, 'urls').map((r) => r.path), ['/ping/']);
      assert.deepEqual(pythonEnv({ 's.py': "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', default=False)\nKEY = env('API_KEY')\n" }).map((v) => [v.name, v.required, v.secret]), [['DEBUG', false, false], ['API_KEY', true, true]]);
      assert.equal(chooseHealthRoute([]), undefined);
    });
  });

  describe('declared facts', () => {
    it('Procfile lines, dotenv files, shell words, ports in server commands', () => {
      assert.deepEqual(parseProcfile('# comment\nweb: flask db upgrade && gunicorn -b :$PORT "app:create_app()"\nworker: rq worker\n'), [
        { type: 'web', commands: [['flask', 'db', 'upgrade'], ['gunicorn', '-b', ':$PORT', 'app:create_app()']], line: 2 },
        { type: 'worker', commands: [['rq', 'worker']], line: 3 },
      ]);
      assert.deepEqual([...parseDotenv('# x\nFLASK_APP="app.py"\nexport PORT=5000\n').entries()], [['FLASK_APP', { value: 'app.py', line: 2 }], ['PORT', { value: '5000', line: 3 }]]);
      assert.equal(shellWords('echo $(date)'), undefined);
      assert.equal(commandPort(['gunicorn', '--bind', '0.0.0.0:5000']), 5000);
      assert.equal(commandPort(['uvicorn', 'a:b', '--port', '8080']), 8080);
      assert.equal(commandPort(['python', 'manage.py', 'runserver', '0.0.0.0:8001']), 8001);
      assert.equal(commandPort(['gunicorn', 'a:b']), undefined);
      assert.deepEqual(withPort(['gunicorn', '-b', ':${PORT:-5000}'], 8000), ['gunicorn', '-b', ':8000']);
      // A port the command binds itself follows the plan's port (an option, a choice between declared ports).
      assert.deepEqual(withPort(['gunicorn', '--bind', '0.0.0.0:5000', 'app:app'], 8000), ['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']);
      assert.deepEqual(withPort(['python', 'manage.py', 'runserver', '0.0.0.0:8000'], 9000), ['python', 'manage.py', 'runserver', '0.0.0.0:9000']);
      assert.deepEqual(withPort(['uvicorn', 'app.main:app', '--port=8000', '--workers', '8000'], 9001), ['uvicorn', 'app.main:app', '--port=9001', '--workers', '8000']);
    });
  });

  describe('Node', () => {
    it('NestJS: start:dev for dev, start:prod for prod, port from main.ts, routes from controllers with the global prefix', () => {
      const plan = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'api', scripts: { build: 'nest build', 'start:dev': 'nest start --watch', 'start:prod': 'node dist/main', test: 'jest' }, dependencies: { '@nestjs/core': '^11' } }, null, 2),
        'package-lock.json': '{}',
        'src/main.ts': "async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  await app.listen(process.env.PORT ?? 3000);\n}\n",
        'src/app.controller.ts': "@Controller()\nexport class AppController {\n  @Get()\n  getHello() {}\n}\n",
        'src/health/health.controller.ts': "@Controller('health')\nexport class HealthController {\n  @Get()\n  check() {}\n}\n",
        'src/users/users.controller.ts': "@UseGuards(AuthGuard)\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  one() {}\n}\n",
      })) as NodePlan;
      assert.equal(plan.recipe.value, 'nest');
      assert.deepEqual(plan.dev, { value: ['npm', 'run', 'start:dev'], from: 'package.json:5 (scripts.start:dev)' });
      assert.deepEqual(plan.start, { value: ['node', 'dist/main'], from: 'package.json:6 (scripts.start:prod)' });
      assert.deepEqual(plan.port, { value: 3000, from: 'src/main.ts:4' });
      assert.deepEqual(plan.health, { value: { kind: 'http', path: '/api/health' }, from: 'src/health/health.controller.ts:3' });
      assert.equal(plan.buildOutput?.value, 'dist');
    });

    it('Next.js: standalone from next.config, app-router pages as routes, the files next.config imports for next start', () => {
      const standalone = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'web', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '16' } }),
        'next.config.ts': 'const nextConfig = {\n  output: "standalone",\n};\nexport default nextConfig;\n',
        'app/page.tsx': 'export default function Page() {}\n',
        'app/api/health/route.ts': 'export function GET() {}\n',
      })) as NodePlan;
      assert.deepEqual(standalone.recipe, { value: 'next-standalone', from: 'next.config.ts:2' });
      assert.deepEqual(standalone.start.value, ['node', 'server.js']);
      assert.deepEqual(standalone.health, { value: { kind: 'http', path: '/api/health' }, from: 'app/api/health/route.ts:1' });
      const t3 = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build', start: 'next start' }, dependencies: { next: '15' }, devDependencies: { jiti: '^2' } }),
        'next.config.js': 'import { createJiti } from "jiti";\nawait import("./src/env.js");\nexport default { basePath: "/shop" };\n',
        'src/env.js': 'export const env = {};\n',
        'src/app/(marketing)/about/page.tsx': 'export default function Page() {}\n',
      })) as NodePlan;
      assert.deepEqual(t3.runtimeFiles?.value, ['next.config.js', 'src/env.js']);
      assert.deepEqual(t3.runtimeDevPackages?.value, ['jiti']);
      assert.deepEqual(t3.health.value, { kind: 'http', path: '/shop/about' }, 'route groups drop out of the URL; basePath prefixes it');
    });

    it('SvelteKit: adapter-node is a Node server (`node build`, port 3000, file routes), adapter-static a static site, adapter-auto a note', () => {
      const kitPkg = (adapter: string) => JSON.stringify({ name: 'kit', private: true, type: 'module', scripts: { dev: 'vite dev', build: 'vite build', preview: 'vite preview', prepare: "svelte-kit sync || echo ''" }, devDependencies: { '@sveltejs/kit': '2.63.0', [adapter]: '5.5.4', svelte: '5.56.1', vite: '8.0.16' } });
      const viteConfig = (adapter: string, options = '') => `import adapter from '${adapter}';\nimport { sveltekit } from '@sveltejs/kit/vite';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n\tplugins: [sveltekit({ adapter: adapter(${options}) })]\n});\n`;
      const routes = { 'src/app.html': '<html>%sveltekit.body%</html>\n', 'src/routes/+page.svelte': '<h1>Welcome</h1>\n', 'src/routes/(app)/status/+server.ts': 'export function GET() { return new Response("ok"); }\n', 'src/routes/blog/[slug]/+page.svelte': '<p/>\n' };
      const node = only(planOfFiles({ 'package.json': kitPkg('@sveltejs/adapter-node'), 'vite.config.ts': viteConfig('@sveltejs/adapter-node'), '.env.example': 'PUBLIC_API_URL=https://api.example.com\nDATABASE_URL=\n', ...routes })) as NodePlan;
      assert.deepEqual(node.buildEnv, [{ name: 'PUBLIC_API_URL', from: '.env.example:1' }], '$env/static/public values are inlined at build time');
      assert.deepEqual([node.kind.value, node.recipe.value], ['web', 'sveltekit']);
      assert.deepEqual(node.start, { value: ['node', 'build'], from: 'vite.config.ts:6' });
      assert.deepEqual(node.buildOutput?.value, 'build');
      assert.deepEqual(node.port, { value: 3000, from: 'convention: adapter-node servers listen on PORT, 3000 by default' });
      assert.deepEqual(node.dev.value, ['vite', 'dev', '--host', '0.0.0.0', '--port', '3000']);
      assert.deepEqual(node.health, { value: { kind: 'http', path: '/status' }, from: 'src/routes/(app)/status/+server.ts:1' }, 'a health-like route; (app) is a group');
      const out = only(planOfFiles({ 'package.json': kitPkg('@sveltejs/adapter-node'), 'svelte.config.js': "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter({ out: 'server-build' }) } };\n", ...routes })) as NodePlan;
      assert.deepEqual([out.start.value, out.buildOutput?.value], [['node', 'server-build'], 'server-build']);
      const stat = only(planOfFiles({ 'package.json': kitPkg('@sveltejs/adapter-static'), 'vite.config.ts': viteConfig('@sveltejs/adapter-static', "{ pages: 'dist' }"), ...routes })) as NodePlan;
      assert.deepEqual([stat.kind.value, stat.recipe.value, stat.buildOutput?.value, stat.port.value], ['static', 'static', 'dist', 8080]);
      const auto = only(planOfFiles({ 'package.json': kitPkg('@sveltejs/adapter-auto'), 'vite.config.ts': viteConfig('@sveltejs/adapter-auto'), ...routes })) as NodePlan;
      assert.equal(auto.recipe.value, 'sveltekit');
      assert.ok(auto.notes.some((n) => /adapter-auto, which builds for hosting platforms.*adapter-node/.test(n)), auto.notes.join('\n'));
    });

    // Shaped after `npm create astro -- --template minimal` followed by `npx astro add node`.
    it('Astro: the node adapter is a server (dist/server/entry.mjs, 4321, src/pages routes); no adapter is a static site; another adapter a note', () => {
      const astroPkg = (deps: Record<string, string>) => JSON.stringify({ name: 'site', type: 'module', version: '0.0.1', scripts: { dev: 'astro dev', build: 'astro build', preview: 'astro preview', astro: 'astro' }, dependencies: { astro: '5.16.0', ...deps } });
      const nodeConfig = "// @ts-check\nimport { defineConfig } from 'astro/config';\n\nimport node from '@astrojs/node';\n\n// https://astro.build/config\nexport default defineConfig({\n  adapter: node({\n    mode: 'standalone'\n  })\n});\n";
      const pages = { 'src/pages/index.astro': '---\n---\n<h1>Astro</h1>\n', 'src/pages/api/healthz.ts': 'export const prerender = false;\nexport const GET = () => new Response("ok");\n', 'src/pages/blog/[slug].astro': '<p/>\n', 'src/pages/_draft.astro': '<p/>\n', '.env.example': 'PUBLIC_SITE_NAME=Acme\n' };
      const server = only(planOfFiles({ 'package.json': astroPkg({ '@astrojs/node': '9.5.0' }), 'astro.config.mjs': nodeConfig, ...pages })) as NodePlan;
      assert.deepEqual([server.kind.value, server.recipe.value], ['web', 'astro']);
      assert.deepEqual(server.kind.from, 'astro.config.mjs:8');
      assert.deepEqual(server.start, { value: ['node', 'dist/server/entry.mjs'], from: 'astro.config.mjs:8' });
      assert.deepEqual(server.buildOutput?.value, 'dist');
      assert.deepEqual(server.port, { value: 4321, from: "convention: Astro serves on 4321; the node adapter's server listens on PORT" });
      assert.deepEqual(server.dev, { value: ['astro', 'dev', '--host', '0.0.0.0', '--port', '4321'], from: 'package.json:1 (scripts.dev)' });
      assert.deepEqual(server.health, { value: { kind: 'http', path: '/api/healthz' }, from: 'src/pages/api/healthz.ts:1' });
      assert.deepEqual(server.buildEnv, [{ name: 'PUBLIC_SITE_NAME', from: '.env.example:1' }], 'PUBLIC_ values are inlined at build time');
      assert.deepEqual(server.notes, []);
      const out = only(planOfFiles({ 'package.json': astroPkg({ '@astrojs/node': '9.5.0' }), 'astro.config.mjs': "import node from '@astrojs/node';\nexport default { outDir: './out', adapter: node({ mode: 'middleware' }) };\n", ...pages })) as NodePlan;
      assert.deepEqual([out.start.value, out.buildOutput?.value], [['node', 'out/server/entry.mjs'], 'out']);
      assert.ok(out.notes.some((n) => /middleware mode .* does not listen by itself/.test(n)), out.notes.join('\n'));
      const site = only(planOfFiles({ 'package.json': astroPkg({}), 'astro.config.mjs': "// @ts-check\nimport { defineConfig } from 'astro/config';\n\n// https://astro.build/config\nexport default defineConfig({});\n", ...pages })) as NodePlan;
      assert.deepEqual([site.kind.value, site.recipe.value, site.buildOutput?.value, site.port.value], ['static', 'static', 'dist', 8080]);
      assert.deepEqual(site.dev.value, ['astro', 'dev', '--host', '0.0.0.0', '--port', '8080']);
      assert.deepEqual(site.health.value, { kind: 'http', path: '/' });
      const vercel = only(planOfFiles({ 'package.json': astroPkg({ '@astrojs/vercel': '8.0.0' }), 'astro.config.mjs': "import vercel from '@astrojs/vercel';\nexport default { adapter: vercel() };\n", ...pages })) as NodePlan;
      assert.equal(vercel.recipe.value, 'astro');
      assert.ok(vercel.notes.some((n) => /Astro with @astrojs\/vercel, which builds for a hosting platform.*npx astro add node/.test(n)), vercel.notes.join('\n'));
    });

    // Shaped after create-react-router's default template (framework mode, SSR) and its SPA mode; Remix 2 on Vite.
    it('React Router 7 / Remix 2: react-router-serve runs the server build (3000, routes from app/routes.ts); ssr: false is a static site', () => {
      const rrPkg = (scripts: Record<string, string> = {}, deps: Record<string, string> = {}) => JSON.stringify({
        name: 'rr', private: true, type: 'module',
        scripts: { build: 'react-router build', dev: 'react-router dev', start: 'react-router-serve ./build/server/index.js', typecheck: 'react-router typegen && tsc', ...scripts },
        dependencies: { '@react-router/node': '7.18.4', '@react-router/serve': '7.18.4', isbot: '5.1.31', react: '19.2.0', 'react-dom': '19.2.0', 'react-router': '7.18.4', ...deps },
        devDependencies: { '@react-router/dev': '7.18.4', '@types/node': '22.0.0', typescript: '5.9.3', vite: '7.1.0', 'vite-tsconfig-paths': '5.1.4' },
      }, null, 2);
      const app = {
        'react-router.config.ts': 'import type { Config } from "@react-router/dev/config";\n\nexport default {\n  // Server-side render by default, to enable SPA mode set this to `false`\n  ssr: true,\n} satisfies Config;\n',
        'app/root.tsx': 'export default function App() { return null; }\n',
        'app/routes.ts': 'import { type RouteConfig, index, route } from "@react-router/dev/routes";\n\nexport default [\n  index("routes/home.tsx"),\n  route("healthz", "routes/healthz.ts"),\n  route("posts/:id", "routes/post.tsx"),\n] satisfies RouteConfig;\n',
        'app/routes/home.tsx': 'export default function Home() { return null; }\n',
        'app/routes/healthz.ts': 'export function loader() { return new Response("ok"); }\n',
        'app/routes/post.tsx': 'export default function Post() { return null; }\n',
      };
      const ssr = only(planOfFiles({ 'package.json': rrPkg(), ...app })) as NodePlan;
      assert.deepEqual([ssr.kind.value, ssr.recipe.value], ['web', 'react-router']);
      assert.deepEqual(ssr.start, { value: ['react-router-serve', 'build/server/index.js'], from: 'package.json:8 (scripts.start)' });
      assert.deepEqual(ssr.dev.value, ['react-router', 'dev', '--host', '0.0.0.0', '--port', '3000']);
      assert.deepEqual(ssr.buildOutput?.value, 'build');
      assert.deepEqual(ssr.port, { value: 3000, from: 'convention: react-router-serve listens on PORT, 3000 by default' });
      assert.deepEqual(ssr.health, { value: { kind: 'http', path: '/healthz' }, from: 'app/routes.ts:5' });
      const custom = only(planOfFiles({ 'package.json': rrPkg({ start: 'cross-env NODE_ENV=production node server.js' }, { express: '4.21.2', '@react-router/express': '7.18.4' }), 'server.js': 'import express from "express";\nconst app = express();\napp.listen(process.env.PORT || 3000);\n', ...app })) as NodePlan;
      assert.deepEqual([custom.recipe.value, custom.start.value], ['react-router', ['node', 'server.js']], 'a custom Express server is still a React Router app');
      const spa = only(planOfFiles({ 'package.json': rrPkg(), ...app, 'react-router.config.ts': 'export default { ssr: false };\n' })) as NodePlan;
      assert.deepEqual([spa.kind.value, spa.recipe.value, spa.buildOutput?.value, spa.port.value], ['static', 'static', 'build/client', 8080]);
      assert.deepEqual(spa.dev.value, ['react-router', 'dev', '--host', '0.0.0.0', '--port', '8080']);
      const remix = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'remix', private: true, type: 'module', scripts: { build: 'remix vite:build', dev: 'remix vite:dev', start: 'remix-serve ./build/server/index.js' }, dependencies: { '@remix-run/node': '2.17.5', '@remix-run/react': '2.17.5', '@remix-run/serve': '2.17.5', react: '18.3.1' }, devDependencies: { '@remix-run/dev': '2.17.5', vite: '5.4.0' } }),
        'app/root.tsx': 'export default function App() { return null; }\n',
        'app/routes/_index.tsx': 'export default function Index() { return null; }\n',
        'app/routes/posts.$id.tsx': 'export default function Post() { return null; }\n',
        'app/routes/_public.healthz.tsx': 'export function loader() { return new Response("ok"); }\n',
      })) as NodePlan;
      assert.deepEqual([remix.recipe.value, remix.start.value, remix.dev.value], ['react-router', ['remix-serve', 'build/server/index.js'], ['remix', 'vite:dev', '--host', '0.0.0.0', '--port', '3000']]);
      assert.deepEqual(remix.health.value, { kind: 'http', path: '/healthz' }, 'flat routes: _index is /, a _layout segment leaves the URL, $id is a parameter');
    });

    // Shaped after `create-nx-workspace --preset=node-monorepo --framework=express` (Nx 23, npm workspaces): the app's
    // targets are in its package.json "nx" field; lint, test and typecheck are inferred by the plugins nx.json lists.
    it('Nx: targets run through nx with the project name; the build target says where the entry is written', () => {
      const nxJson = JSON.stringify({ plugins: [{ plugin: '@nx/js/typescript', options: { typecheck: { targetName: 'typecheck' } } }, { plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } }, { plugin: '@nx/jest/plugin', options: { targetName: 'test' } }] }, null, 2);
      const build = (outputPath: string, executor = '@nx/esbuild:esbuild') => ({ build: { executor, outputs: ['{options.outputPath}'], options: { platform: 'node', outputPath, format: ['cjs'], bundle: false, main: 'apps/api/src/main.ts', tsConfig: 'apps/api/tsconfig.app.json' } }, serve: { continuous: true, executor: '@nx/js:node', options: { buildTarget: '@acme/api:build' } }, test: { options: { passWithNoTests: true } } });
      const main = "import express from 'express';\n\nconst host = process.env.HOST ?? 'localhost';\nconst port = process.env.PORT ? Number(process.env.PORT) : 3000;\n\nconst app = express();\n\napp.get('/', (req, res) => {\n  res.send({ message: 'Hello API' });\n});\n\napp.listen(port, host);\n";
      const project = (targets: object) => ({
        'package.json': JSON.stringify({ name: '@acme/source', private: true, scripts: {}, dependencies: { express: '^5.1.0' }, devDependencies: { nx: '23.2.1', '@nx/esbuild': '23.2.1' }, workspaces: ['apps/*'] }, null, 2),
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'nx.json': nxJson,
        'apps/api/package.json': JSON.stringify({ name: '@acme/api', version: '0.0.1', private: true, nx: { targets }, dependencies: { express: '^5.1.0' } }, null, 2),
        'apps/api/eslint.config.mjs': 'export default [];\n',
        'apps/api/jest.config.cts': 'module.exports = {};\n',
        'apps/api/tsconfig.json': '{}\n',
        'apps/api/src/main.ts': main,
      });
      const plan = only(planOfFiles(project(build('apps/api/dist')))) as NodePlan;
      assert.equal(plan.path, 'apps/api', 'the workspace root lists the app\'s dependencies but is no app');
      assert.deepEqual(plan.nxProject, { value: '@acme/api', from: 'apps/api/package.json:2' });
      // From the workspace root: run in the project's folder, @nx/esbuild type-checks against the wrong tsconfig.
      const nx = (target: string) => ['sh', '-c', `cd ../.. && exec npx nx ${target} @acme/api`];
      assert.deepEqual(plan.build, { value: nx('build'), from: 'apps/api/package.json:7' });
      assert.deepEqual(plan.start, { value: ['node', 'dist/main.js'], from: 'apps/api/package.json:7' });
      assert.deepEqual(plan.buildOutput?.value, 'dist');
      assert.deepEqual(plan.dev.value, nx('serve'));
      assert.deepEqual(plan.tests.map((t) => t.value), [nx('test')]);
      assert.deepEqual(plan.lint.map((t) => [t.value, t.from]), [
        [nx('lint'), 'nx.json (@nx/eslint/plugin infers it from apps/api/eslint.config.mjs)'],
        [nx('typecheck'), 'nx.json (@nx/js/typescript infers it from apps/api/tsconfig.json)'],
      ]);
      assert.deepEqual(plan.port, { value: 3000, from: 'apps/api/src/main.ts:4' });
      assert.deepEqual(plan.health.value, { kind: 'http', path: '/' });
      // {projectRoot} resolves; @nx/js:tsc keeps the source path below the project.
      const tsc = only(planOfFiles(project(build('{projectRoot}/out', '@nx/js:tsc')))) as NodePlan;
      assert.deepEqual([tsc.start.value, tsc.buildOutput?.value], [['node', 'out/src/main.js'], 'out']);
      // dist/apps/api at the workspace root, outside the project's folder.
      const outside = only(planOfFiles(project(build('dist/apps/api')))) as NodePlan;
      assert.deepEqual([outside.start.value, outside.buildOutput?.value], [['node', '../../dist/apps/api/main.js'], '../../dist/apps/api']);

      // The integrated layout (`--workspaces=false --useProjectJson`): apps/api has a project.json and no package.json;
      // the root's manifest lists its dependencies and installs it; the root is no app.
      const integrated = planOfFiles({
        'package.json': JSON.stringify({ name: '@acme/source', private: true, scripts: {}, dependencies: { express: '^5.1.0' }, devDependencies: { nx: '23.2.1' } }, null, 2),
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'nx.json': nxJson,
        'apps/api/project.json': JSON.stringify({ name: 'api', sourceRoot: 'apps/api/src', projectType: 'application', targets: build('dist/apps/api') }, null, 2),
        'apps/api/eslint.config.mjs': 'export default [];\n',
        'apps/api/src/main.ts': main,
        'libs/util/project.json': JSON.stringify({ name: 'util', projectType: 'library', targets: {} }),
        'libs/util/src/index.ts': 'export const x = 1;\n',
      }) as NodePlan[];
      assert.deepEqual(integrated.map((p) => p.path), ['apps/api'], 'the root and the library are no apps');
      const api = integrated[0]!;
      assert.deepEqual([api.kind.value, api.kind.from, api.packageName, api.nxProject?.value], ['web', 'express in package.json', undefined, 'api']);
      assert.deepEqual([api.build?.value, api.start.value, api.buildOutput?.value], [['sh', '-c', 'cd ../.. && exec npx nx build api'], ['node', '../../dist/apps/api/main.js'], '../../dist/apps/api']);
      assert.deepEqual(api.start.from, 'apps/api/project.json:6');
      assert.deepEqual(api.nxProject, { value: 'api', from: 'apps/api/project.json:2' });
    });

    it('Vite SPA: a static site served on 8080, its outDir, health on the app shell', () => {
      const plan = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'spa', scripts: { dev: 'vite', build: 'tsc -b && vite build' }, devDependencies: { vite: '8', typescript: '6' }, dependencies: { react: '19' } }),
        'vite.config.ts': "export default defineConfig({ build: { outDir: '../server/public' } })\n",
        'index.html': '<!doctype html>',
      })) as NodePlan;
      assert.deepEqual(plan.kind.value, 'static');
      assert.deepEqual(plan.buildOutput, { value: '../server/public', from: 'vite.config.ts:1' });
      assert.deepEqual(plan.port.value, 8080);
      assert.deepEqual(plan.health.value, { kind: 'http', path: '/' });
    });

    it('Fastify + Prisma: route /health, port from the env schema default, prisma migrate deploy, postgres from the datasource, env from zod', () => {
      const plan = only(planOfFiles({
        'package.json': JSON.stringify({ name: 'api', type: 'module', scripts: { build: 'prisma generate && tsc', start: 'node dist/server.js', postinstall: 'prisma generate' }, dependencies: { fastify: '5', '@prisma/client': '6', zod: '4' }, devDependencies: { prisma: '6' } }),
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'prisma/migrations/0_init/migration.sql': 'CREATE TABLE x ();\n',
        'src/env.ts': 'import { z } from "zod";\nconst Env = z.object({\n  DATABASE_URL: z.string().url(),\n  JWT_SECRET: z.string().min(32),\n  PORT: z.coerce.number().default(4000),\n  LOG_LEVEL: z.string().optional(),\n});\n',
        'src/app.ts': 'const app = Fastify();\napp.get("/health", async () => ({}));\napp.get("/users/:id", async () => ({}));\n',
      })) as NodePlan;
      assert.deepEqual(plan.health, { value: { kind: 'http', path: '/health' }, from: 'src/app.ts:2' });
      assert.deepEqual(plan.port, { value: 4000, from: 'src/env.ts:5' });
      assert.deepEqual(plan.migrate?.value, ['prisma', 'migrate', 'deploy']);
      assert.deepEqual(plan.generate, { value: ['prisma', 'generate', '--schema', 'prisma/schema.prisma'], from: 'prisma/schema.prisma' }, 'one command for CI and the dev container');
      assert.deepEqual(plan.dataStores.map((s) => [s.value, s.from]), [['postgres', 'prisma/schema.prisma:2']]);
      assert.deepEqual(plan.env.map((v) => [v.name, v.required, v.secret]), [['DATABASE_URL', true, true], ['JWT_SECRET', true, true], ['LOG_LEVEL', false, false]]);
    });

    it('a monorepo: only the web server and the static site are deployed; the ui package, the config package and the Expo app are not', () => {
      const plans = planOfFiles({
        'package.json': JSON.stringify({ name: 'mono', private: true, packageManager: 'pnpm@9.15.0' }),
        'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n  - tooling/*\n',
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'apps/api/package.json': JSON.stringify({ name: '@acme/api', scripts: { start: 'node dist/index.js', build: 'tsc' }, dependencies: { express: '5', '@acme/ui': 'workspace:*' } }),
        'apps/api/src/index.ts': 'app.get("/healthz", (req, res) => res.send("ok"));\n',
        'apps/mobile/package.json': JSON.stringify({ name: '@acme/mobile', main: 'index.ts', dependencies: { expo: '56', react: '19', 'react-native': '0.85' } }),
        'apps/mobile/App.tsx': 'export default function App() {}\n',
        'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', exports: { '.': './dist/index.js' }, scripts: { build: 'tsc' }, peerDependencies: { react: '19' } }),
        'packages/ui/src/index.ts': 'export const x = 1;\n',
        'tooling/tsconfig/package.json': JSON.stringify({ name: '@acme/tsconfig', files: ['*.json'] }),
        'tooling/tsconfig/base.json': '{}',
      });
      const kinds = Object.fromEntries(plans.map((p) => [p.path, p.kind.value]));
      assert.deepEqual(kinds, { 'apps/api': 'web', 'apps/mobile': 'mobile', 'packages/ui': 'library', 'tooling/tsconfig': 'tool' });
      assert.equal(plans.find((p) => p.path === 'apps/api')!.health.from, 'apps/api/src/index.ts:1', 'evidence names project-relative files');
    });

    it('Express generator layout: routers mounted with app.use, the port from bin/www', () => {
      const files = {
        'app.js': "var indexRouter = require('./routes/index');\nvar usersRouter = require('./routes/users');\napp.use('/', indexRouter);\napp.use('/users', usersRouter);\n",
        'routes/index.js': "router.get('/', function(req, res) {});\n",
        'routes/users.js': "router.get('/', function(req, res) {});\nrouter.get('/:id', function(req, res) {});\n",
        'bin/www': "var port = normalizePort(process.env.PORT || '3000');\n",
      };
      assert.deepEqual(expressLikeRoutes(files).map((r) => [r.path, r.params]), [['/', false], ['/users', false], ['/users/:id', true]]);
      assert.deepEqual(sourcePort(files), { port: 3000, from: 'bin/www:1' });
      assert.deepEqual(nestRoutes({}), []);
      assert.deepEqual(fileRoutes(['src/routes/__root.tsx', 'src/routes/index.tsx', 'src/routes/posts.$postId.tsx'], 'tanstack').map((r) => [r.path, r.params]), [['/', false], ['/posts/:postId', true]]);
      assert.deepEqual(fileRoutes(['server/routes/health.get.ts', 'server/api/users/[id].ts'], 'nitro').map((r) => r.path), ['/api/users/:id', '/health']);
      assert.deepEqual(nodeScript('node --enable-source-maps dist/main.js'), ['node', '--enable-source-maps', 'dist/main.js']);
      assert.deepEqual(nodeScript('bun run src/index.ts'), ['bun', 'src/index.ts']);
      assert.equal(nodeScript('bun run serve'), undefined);
      assert.equal(nodeScript('vite preview'), undefined);
      assert.equal(nodeScript('nest start'), undefined);
      assert.deepEqual(configImports('import x from "./env.mjs";\nconst j = require("jiti");\nimport "@acme/config/next";\n'), { files: ['env.mjs'], packages: ['jiti', '@acme/config'] });
    });
  });

  describe('the fixtures', () => {
    // Per fixture app: kind, start command, port and health check, each with the evidence it must come from.
    const EXPECTED: Record<string, Record<string, Array<[string, string]>>> = {
      'python-poetry': { '.': [['kind', 'web'], ['start', 'uvicorn app.main:app --host 0.0.0.0 --port 8000 --proxy-headers <- app/main.py:3'], ['port', '8000'], ['health', 'http /health <- app/main.py:6'], ['migrate', 'alembic upgrade head <- alembic.ini:1']] },
      'python-uv': { '.': [['start', 'flask --app uv_service.app run --host 0.0.0.0 --port 5000 <- src/uv_service/app.py:3'], ['port', '5000 <- convention: flask run serves on 5000'], ['health', 'http /health <- src/uv_service/app.py:6']] },
      'python-requirements': { '.': [['start', 'gunicorn --bind 0.0.0.0:8000 --access-logfile - mysite.wsgi:application <- mysite/settings.py:10'], ['health', 'http /health <- mysite/urls.py:4'], ['migrate', 'python manage.py migrate --noinput']] },
      'ts-npm': { '.': [['kind', 'web'], ['start', 'node dist/index.js <- package.json:12 (scripts.start)'], ['port', '3000 <- src/index.ts:4'], ['health', 'http /health <- src/index.ts:6']] },
      'ts-pnpm': { '.': [['kind', 'static <- index.html (a client-side app built by vite)'], ['port', '8080'], ['health', 'http / <- index.html (the built app shell)']] },
      fullstack: { backend: [['health', 'http /health <- backend/app/main.py:6'], ['migrate', 'alembic upgrade head <- backend/alembic.ini:1']], frontend: [['kind', 'static'], ['health', 'http /']] },
      'ts-workspace': { 'apps/api': [['port', '3000 <- apps/api/src/index.ts:5'], ['health', 'http /health <- apps/api/src/index.ts:7']], 'apps/web': [['kind', 'static']], 'packages/shared': [['kind', 'library']] },
    };
    for (const [fixture, apps] of Object.entries(EXPECTED)) {
      it(`${fixture}: the plan of each app, with its evidence`, () => {
        const root = fixturePath(fixture as (typeof FIXTURES)[number]);
        const plans = planApps(detect(root), diskReader(root));
        for (const [appPath, fields] of Object.entries(apps)) {
          const plan = plans.find((p) => p.path === appPath);
          assert.ok(plan, `${fixture}: no plan for ${appPath}`);
          const rows = Object.fromEntries(planRows(plan!).map(([field, value, from]) => [field, `${value} <- ${from}`]));
          for (const [field, expected] of fields) assert.ok(rows[field]?.startsWith(expected), `${fixture}/${appPath} ${field}: ${rows[field]} (expected ${expected})`);
        }
      });
    }

    it('every fixture app has a plan whose start, port and health have evidence', () => {
      for (const fixture of FIXTURES) {
        const root = fixturePath(fixture);
        for (const plan of planApps(detect(root), diskReader(root))) {
          for (const field of ['kind', 'start', 'dev', 'port', 'health'] as const) {
            assert.ok(plan[field].from.length > 0, `${fixture}/${plan.path}: ${field} has no evidence`);
          }
          // An HTTP probe points at the line that declares the route (or the page file of a file-based route).
          if (plan.health.value.kind === 'http' && plan.kind.value === 'web') {
            const [file, line] = plan.health.from.split(/[: ]/);
            const text = readFileSync(path.join(root, file!), 'utf8');
            const declared = text.split('\n')[Number(line) - 1] ?? '';
            const last = plan.health.value.path.split('/').filter(Boolean).pop() ?? '';
            assert.ok(declared.includes(last) || /(page|route)\.[jt]sx?$/.test(file!), `${fixture}/${plan.path}: ${plan.health.value.path} from ${plan.health.from}: "${declared}"`);
          }
        }
      }
    });

    it('memoryReader lists and reads like the disk reader', () => {
      const reader = memoryReader({ 'a/b.py': 'x', 'a/c/d.py': 'y', 'e.txt': 'z' });
      assert.deepEqual(reader.list('a', 1), ['b.py', 'c/d.py']);
      assert.deepEqual(reader.list('a', 0), ['b.py']);
      assert.equal(reader.read('e.txt'), 'z');
    });
  });
});
