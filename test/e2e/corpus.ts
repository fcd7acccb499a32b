// The e2e corpus: real projects made at test time by the ecosystems' own scaffolders, pinned, from the npm
// registry and Debian only. A project is scaffolded once into the cache (keyed by its recipe), committed to
// git as its author would, and every run clones it afresh, so the generator always meets a clean checkout.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec, tail } from './exec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Files laid over a scaffolded project (the parts a scaffolder does not write: a model, a route, a Procfile). */
export const OVERLAY_DIR = [path.join(here, 'corpus'), path.resolve(here, '../../../test/e2e/corpus')].find((d) => existsSync(d))!;

export interface Expectation {
  /** The services the output must have: the project's deployable apps, nothing else. */
  services: string[];
  /** The project has database migrations: `make docker-migrate` must apply them to the compose database. */
  migrations?: boolean;
  /** The project's own files the run keeps byte for byte. */
  kept?: string[];
  /** Per service, paths (shell globs) its prod image must hold (what it runs on: the check can see its
   * dependencies) and must not hold (the other members of its workspace). */
  image?: Record<string, { holds: string[]; lacks: string[] }>;
}

export interface CaseRecipe {
  name: string;
  language: 'node' | 'python';
  /** What the case is, for the matrix legend. */
  about: string;
  /**
   * bash run in an empty folder; the project ends up in ./<name>. Versions are pinned so that the corpus
   * only changes when this file does.
   */
  scaffold: string;
  /** Folder under test/e2e/corpus/ copied over the scaffolded project, before `after`. */
  overlay?: string;
  /** bash run inside the project after the overlay (installs that update the lock file, generated migrations). */
  after?: string;
  /** Stand-in images the scaffold runs in (Python scaffolders run inside the Python stand-in: no PyPI here). */
  needs?: string[];
  /** The repository's branch (the default branch its clones see); main unless given. */
  branch?: string;
  expect: Expectation;
}

const QUIET = 'export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error NEXT_TELEMETRY_DISABLED=1 TANSTACK_CLI_TELEMETRY_DISABLED=1';
const NEXT = (name: string, pm: string) => `npx -y create-next-app@16.4.3 ${name} --ts --app --eslint --tailwind --no-src-dir --no-react-compiler --import-alias "@/*" --use-${pm} --disable-git --no-agent-feedback --yes </dev/null`;
// next/font/google downloads the fonts at build time, which this machine cannot: the same Geist fonts
// from the npm package `geist` (next/font/local inside), as a project behind a firewall does.
const LOCAL_FONTS = String.raw`perl -0pi -e 's#import \{ Geist, Geist_Mono \} from "next/font/google";#import { GeistSans } from "geist/font/sans";\nimport { GeistMono } from "geist/font/mono";#; s#const geistSans = Geist\(\{.*?\}\);\n\n##s; s#const geistMono = Geist_Mono\(\{.*?\}\);\n\n##s; s#geistSans\.variable#GeistSans.variable#; s#geistMono\.variable#GeistMono.variable#' app/layout.tsx`;
const VITE_PIN = 'npm i -D -E vite@8.3.8';
const PNPM = 'npx -y pnpm@12.4.2';
const NX_WORKSPACE = (name: string, layout: string) => `${QUIET}; export NX_NO_CLOUD=true NX_DAEMON=false CI=true NX_TUI=false;`
  + ` npx -y create-nx-workspace@23.2.1 ${name} --preset=node-monorepo --appName=api --framework=express --docker=false ${layout}`
  + ' --e2eTestRunner=none --unitTestRunner=jest --linter=eslint --formatter=prettier --nxCloud=skip --skipGit --packageManager=npm --analytics=false --aiAgents=none --no-interactive </dev/null';
const editJson = (file: string, edit: string) => `node -e 'const f=${JSON.stringify(file)};const p=JSON.parse(require("fs").readFileSync(f,"utf8"));${edit};require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\\n")'`;

const NX_TYPES_FIX = editJson('apps/api/tsconfig.json', 'p.compilerOptions={...p.compilerOptions,types:["node"]}');

const PYTHON_IMAGE = 'docker.io/library/python:3.11-slim-bookworm';
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
/** A script run in the project folder inside the Python stand-in, with a virtualenv at /tmp/v on PATH. */
const inPython = (script: string): string =>
  `podman run --rm --network host -v "$PWD:/w" -w /w ${PYTHON_IMAGE} bash -euc ${quote(`python -m venv /tmp/v && . /tmp/v/bin/activate && ${script}`)}`;

export const RECIPES: readonly CaseRecipe[] = [
  {
    name: 'nest-api',
    language: 'node',
    about: 'NestJS API (@nestjs/cli new, npm)',
    scaffold: `${QUIET}; npx -y @nestjs/cli@12.0.8 new nest-api --package-manager npm --skip-git --no-observe`,
    expect: { services: ['nest-api'] },
  },
  {
    name: 'next-app',
    language: 'node',
    about: 'Next.js app router (create-next-app, npm)',
    scaffold: `${QUIET}; ${NEXT('next-app', 'npm')} && cd next-app && npm i -E geist@1.7.2 && ${LOCAL_FONTS}`,
    expect: { services: ['next-app'] },
  },
  {
    name: 'next-standalone',
    language: 'node',
    about: "Next.js app router with output: 'standalone' (create-next-app, npm)",
    scaffold: `${QUIET}; ${NEXT('next-standalone', 'npm')} && cd next-standalone && npm i -E geist@1.7.2 && ${LOCAL_FONTS}`
      + ` && perl -0pi -e 's#const nextConfig: NextConfig = \\{#const nextConfig: NextConfig = {\\n  output: "standalone",#' next.config.ts && grep -q standalone next.config.ts`,
    expect: { services: ['next-standalone'] },
  },
  {
    name: 'vite-spa',
    language: 'node',
    about: 'Vite React SPA (create-vite react-ts, npm)',
    scaffold: `${QUIET}; npx -y create-vite@9.3.0 vite-spa --template react-ts --no-interactive --no-immediate && cd vite-spa && npm install && ${VITE_PIN}`,
    expect: { services: ['vite-spa'] },
  },
  {
    name: 'express-app',
    language: 'node',
    about: 'Express (express-generator, npm)',
    scaffold: `${QUIET}; npx -y express-generator@4.16.1 --no-view --git express-app && cd express-app && npm install`,
    expect: { services: ['express-app'] },
  },
  {
    name: 'express-dockerfile',
    language: 'node',
    about: 'Express (express-generator) with its own single-stage Dockerfile, kept (npm)',
    scaffold: `${QUIET}; npx -y express-generator@4.16.1 --no-view --git express-dockerfile && cd express-dockerfile && npm install`,
    overlay: 'express-dockerfile',
    expect: { services: ['express-dockerfile'] },
  },
  {
    name: 'express-compose',
    language: 'node',
    about: 'Express (express-generator) with its own compose file and override (service `web`), a committed .env and a CI workflow on master with SHA-pinned actions and a self-hosted runner (npm)',
    scaffold: `${QUIET}; npx -y express-generator@4.16.1 --no-view --git express-compose && cd express-compose && npm install`,
    overlay: 'express-compose',
    // The .env is committed on purpose (express-generator's .gitignore would leave it out).
    after: "sed -i '/^\\.env$/d' .gitignore",
    branch: 'master',
    expect: { services: ['web'], kept: ['docker-compose.yml', 'docker-compose.override.yml', '.env', '.github/workflows/ci.yml'] },
  },
  {
    name: 'drizzle-api',
    language: 'node',
    about: 'Express (express-generator) with Drizzle ORM on PostgreSQL and a migration drizzle-kit generated (npm)',
    scaffold: `${QUIET}; npx -y express-generator@4.16.1 --no-view --git drizzle-api`,
    overlay: 'drizzle-api',
    after: [
      QUIET,
      // The notes router is mounted the way express-generator mounts its own.
      String.raw`perl -0pi -e "s#app.use\('/users', usersRouter\);#app.use('/users', usersRouter);\napp.use('/notes', require('./routes/notes'));#" app.js && grep -q "/notes" app.js`,
      'npm install && npm i -E drizzle-orm@0.45.4 pg@8.23.1 && npm i -D -E drizzle-kit@0.31.11',
      'npx drizzle-kit generate --name init && ls drizzle/*.sql',
    ].join('\n'),
    expect: { services: ['drizzle-api'], migrations: true },
  },
  {
    name: 'prisma-api',
    language: 'node',
    about: 'Fastify API with Prisma 6 (schema, client, migrations) and a zod-validated env (npm)',
    // Prisma 7's CLI downloads its schema engine from binaries.prisma.sh, which this machine cannot reach;
    // 6.19 with engine "js" and a driver adapter runs on the Wasm engine bundled in the npm package.
    scaffold: 'mkdir prisma-api',
    overlay: 'prisma-api',
    after: `${QUIET}; npm install`,
    expect: { services: ['prisma-api'], migrations: true },
  },
  {
    name: 'ssr-start',
    language: 'node',
    about: 'TanStack Start SSR on Nitro, .output/server/index.mjs (@tanstack/create-start, npm)',
    scaffold: `${QUIET}; npx -y @tanstack/create-start@0.59.43 ssr-start --framework React --blank --deployment nitro --no-toolchain --no-git --no-intent --package-manager npm --no-install --non-interactive`
      + ` && cd ssr-start && npm install && ${VITE_PIN}`,
    expect: { services: ['ssr-start'] },
  },
  {
    name: 'sveltekit-app',
    language: 'node',
    about: 'SvelteKit with adapter-node (sv create minimal, TypeScript, npm)',
    scaffold: `${QUIET}; npx -y sv@0.17.1 create --template minimal --types ts --add sveltekit-adapter="adapter:node" --no-dir-check --no-download-check --install npm sveltekit-app </dev/null`,
    expect: { services: ['sveltekit-app'] },
  },
  {
    name: 'astro-node',
    language: 'node',
    about: "Astro with the node adapter in standalone mode (`astro add node`), a prerendered page and an on-demand endpoint (npm)",
    // create-astro checks that github.com answers and fetches its templates from there: the project is the
    // minimal template made as Astro's docs describe, and `astro add node` (Astro's own) adds the adapter.
    // Astro 5 is the newest that runs on this machine's Node 20; `astro add` would take the newest adapter, for Astro 7,
    // so the adapter is installed first and astro add only writes the config.
    scaffold: `${QUIET}; mkdir astro-node && cd astro-node && npm init -y >/dev/null`
      + ' && npm pkg set type=module scripts.dev="astro dev" scripts.build="astro build" scripts.preview="astro preview" scripts.astro=astro && npm pkg delete scripts.test main'
      + ' && npm i -E astro@5.18.2 @astrojs/node@9.5.5 </dev/null',
    overlay: 'astro-node',
    after: `${QUIET}; npm_config_dry_run=true npm_config_legacy_peer_deps=true npx astro add node --yes </dev/null && grep -q "mode: 'standalone'" astro.config.mjs`,
    expect: { services: ['astro-node'] },
  },
  {
    name: 'react-router-app',
    language: 'node',
    about: 'React Router 7 framework mode (SSR), react-router-serve, routes in app/routes.ts (npm)',
    // create-react-router copies its templates from GitHub: the project is its default template's layout, by hand
    // (React Router 7.18 is the newest on this machine's Node 20).
    scaffold: `${QUIET}; mkdir react-router-app && cd react-router-app && npm init -y >/dev/null`
      + ' && npm pkg set type=module private=true scripts.build="react-router build" scripts.dev="react-router dev" scripts.start="react-router-serve ./build/server/index.js" scripts.typecheck="react-router typegen && tsc"'
      + ' && npm pkg delete scripts.test main version description keywords author license'
      + ' && npm i -E react-router@7.18.4 @react-router/node@7.18.4 @react-router/serve@7.18.4 isbot@5.1.36 react@19.2.6 react-dom@19.2.6 </dev/null'
      + ' && npm i -D -E @react-router/dev@7.18.4 vite@8.3.8 typescript@5.9.3 @types/node@22.20.7 @types/react@19.3.2 @types/react-dom@19.3.0 </dev/null',
    overlay: 'react-router-app',
    expect: { services: ['react-router-app'] },
  },
  {
    name: 'nx-api',
    language: 'node',
    about: 'Nx workspace (create-nx-workspace node-monorepo, npm workspaces): an Express app built by @nx/esbuild, lint and test targets inferred by the eslint and jest plugins',
    scaffold: NX_WORKSPACE('nx-api', ''),
    // TypeScript 6 no longer loads every @types package: jest's ts-node reads jest.config.cts with Node's types.
    after: NX_TYPES_FIX,
    expect: { services: ['api'] },
  },
  {
    name: 'nx-integrated',
    language: 'node',
    about: "Nx integrated layout (create-nx-workspace node-monorepo --workspaces=false --useProjectJson): apps/api has only a project.json; the build writes dist/apps/api at the root",
    scaffold: NX_WORKSPACE('nx-integrated', '--workspaces=false --useProjectJson'),
    after: NX_TYPES_FIX,
    expect: { services: ['api'] },
  },
  {
    name: 'monorepo',
    language: 'node',
    about: 'pnpm + turbo monorepo: Next.js web (env validated by @t3-oss/env-nextjs), NestJS api, an internal ui package, a tsconfig package, an Expo app',
    // create-turbo and create-t3-turbo fetch their templates from GitHub: the apps come from their own scaffolders.
    scaffold: `${QUIET}; mkdir -p monorepo/apps && cd monorepo/apps && ${NEXT('web', 'pnpm')} --skip-install`
      + ' && npx -y @nestjs/cli@12.0.8 new api --package-manager pnpm --skip-git --skip-install --no-observe'
      + ' && npx -y create-expo-app@5.0.0 mobile --template blank-typescript@56.0.35 --no-install --no-agents-md && rm -rf mobile/.git',
    overlay: 'monorepo',
    after: [
      QUIET,
      // pnpm reads pnpm-workspace.yaml at the workspace root only (its settings are in the root one).
      'rm -f apps/web/pnpm-workspace.yaml',
      editJson('apps/web/package.json', 'p.name="@acme/web";p.dependencies["@acme/ui"]="workspace:*";p.dependencies.geist="1.7.2";p.dependencies["@t3-oss/env-nextjs"]="0.13.11";p.dependencies.zod="4.6.7"'),
      // next.config.ts validates the env on load, as create-t3-turbo's does (env.ts comes with the overlay).
      String.raw`perl -0pi -e 's#^#import "./env";
#' apps/web/next.config.ts && grep -q '^import "./env";' apps/web/next.config.ts`,
      editJson('apps/api/package.json', 'p.name="@acme/api"'),
      editJson('apps/mobile/package.json', 'p.name="@acme/mobile";p.dependencies.expo="56.0.23"'),
      `(cd apps/web && ${LOCAL_FONTS})`,
      `${PNPM} install`,
    ].join('\n'),
    // Each image installs its app and the packages it imports, not the workspace: no Expo, no other app's framework.
    expect: { services: ['api', 'web'], image: {
      api: { holds: ['/app/node_modules/.pnpm/@nestjs+core@*'], lacks: ['/app/node_modules/.pnpm/next@*', '/app/node_modules/.pnpm/expo@*'] },
      web: { holds: ['/app/node_modules/.pnpm/next@*'], lacks: ['/app/node_modules/.pnpm/@nestjs+core@*', '/app/node_modules/.pnpm/expo@*'] },
    } },
  },
  {
    name: 'npm-workspace',
    language: 'node',
    about: 'npm workspaces, no task runner: Express api (express-generator) importing a built TypeScript package, Vite React SPA (create-vite), a tsconfig package',
    scaffold: `${QUIET}; mkdir -p npm-workspace/apps && cd npm-workspace/apps && npx -y express-generator@4.16.1 --no-view --git api`
      + ' && npx -y create-vite@9.3.0 web --template react-ts --no-interactive --no-immediate',
    overlay: 'npm-workspace',
    after: [
      QUIET,
      String.raw`perl -0pi -e "s#app.use\('/users', usersRouter\);#app.use('/users', usersRouter);
app.use('/uptime', require('./routes/uptime'));#" apps/api/app.js && grep -q "/uptime" apps/api/app.js`,
      editJson('apps/api/package.json', 'p.name="@acme/api";p.dependencies["@acme/shared"]="*"'),
      editJson('apps/web/package.json', 'p.name="@acme/web"'),
      'npm install',
      `npm i -D -E vite@8.3.8 -w @acme/web`,
    ].join('\n'),
    // npm installs the member and what it imports (npm ci --workspace): not the SPA's React and Vite, not the root's TypeScript.
    expect: { services: ['api', 'web'], image: { api: { holds: ['/app/node_modules/express'], lacks: ['/app/node_modules/react', '/app/node_modules/vite', '/app/node_modules/typescript'] } } },
  },
  {
    name: 'django-site',
    language: 'python',
    about: 'Django (django-admin startproject + startapp, the tutorial\'s polls view), sqlite, requirements.txt',
    needs: [PYTHON_IMAGE],
    scaffold: `mkdir django-site && cd django-site && ${inPython('pip install -q Django==3.2.25 && django-admin startproject mysite . && python manage.py startapp polls')}`,
    overlay: 'django-site',
    after: String.raw`perl -0pi -e "s#INSTALLED_APPS = \[\n#INSTALLED_APPS = [\n    'polls.apps.PollsConfig',\n#" mysite/settings.py && grep -q PollsConfig mysite/settings.py`,
    expect: { services: ['django-site'], migrations: true },
  },
  {
    name: 'flask-app',
    language: 'python',
    about: 'Flask app factory with blueprints, Flask-Migrate (flask db init/migrate), a Procfile and .flaskenv',
    needs: [PYTHON_IMAGE],
    scaffold: 'mkdir flask-app',
    overlay: 'flask-app',
    after: inPython('pip install -q -r requirements-dev.txt && flask db init && flask db migrate -m "notes table" && rm -f app.db'),
    expect: { services: ['flask-app'], migrations: true },
  },
  {
    name: 'fastapi-app',
    language: 'python',
    about: 'FastAPI with a /api/v1 router prefix, pydantic settings, an alembic migration (alembic init + autogenerate)',
    needs: [PYTHON_IMAGE],
    scaffold: 'mkdir fastapi-app',
    overlay: 'fastapi-app',
    after: inPython([
      'pip install -q -r requirements.txt',
      'alembic init alembic',
      String.raw`sed -i 's/^target_metadata = None/from app.core.config import settings\nfrom app.db import Base\nfrom app import models  # noqa: F401\n\ntarget_metadata = Base.metadata\nconfig.set_main_option("sqlalchemy.url", settings.database_uri)/' alembic/env.py`,
      'SQLALCHEMY_DATABASE_URI=sqlite:////tmp/scaffold.db alembic revision --autogenerate -m "create item table"',
    ].join(' && ')),
    expect: { services: ['fastapi-app'], migrations: true },
  },
];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}

/** Hash of everything that makes the case's project: its recipe and its overlay files. */
export function recipeKey(recipe: CaseRecipe): string {
  const hash = createHash('sha256').update(JSON.stringify(recipe));
  if (recipe.overlay) {
    const dir = path.join(OVERLAY_DIR, recipe.overlay);
    for (const file of files(dir)) hash.update(`${file}\n`).update(readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

const GIT_ID = ['-c', 'user.email=e2e@example.com', '-c', 'user.name=ai-projen e2e'];

/**
 * The pristine git repository of the case, scaffolded into the cache when it is not there yet.
 * Throws when the scaffolder fails: that is a broken corpus, not a cell of the matrix.
 */
export async function scaffold(recipe: CaseRecipe, cache: string, log: string): Promise<string> {
  const repo = path.join(cache, 'corpus', `${recipe.name}-${recipeKey(recipe)}.git`);
  if (existsSync(path.join(repo, 'HEAD'))) return repo;
  const work = repo.replace(/\.git$/, '.tmp');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const bash = (script: string, cwd: string) => exec('bash', ['-euo', 'pipefail', '-c', script], { cwd, log, timeoutMs: 900_000 });
  const made = await bash(recipe.scaffold, work);
  const project = path.join(work, recipe.name);
  if (made.code !== 0 || !existsSync(project)) throw new Error(`scaffolding ${recipe.name} failed:\n${tail(made.output)}`);
  if (recipe.overlay) cpSync(path.join(OVERLAY_DIR, recipe.overlay), project, { recursive: true });
  if (recipe.after) {
    const after = await bash(recipe.after, project);
    if (after.code !== 0) throw new Error(`preparing ${recipe.name} failed:\n${tail(after.output)}`);
  }
  // Nobody commits node_modules or virtualenvs: a scaffolder that wrote no .gitignore gets the usual lines.
  if (!existsSync(path.join(project, '.gitignore'))) writeFileSync(path.join(project, '.gitignore'), 'node_modules/\ndist/\n.venv/\n__pycache__/\n');
  rmSync(path.join(project, '.git'), { recursive: true, force: true });
  for (const args of [['init', '-q', '-b', recipe.branch ?? 'main'], ['add', '-A'], [...GIT_ID, 'commit', '-q', '-m', `${recipe.name}: scaffolded`]]) {
    const git = await exec('git', args, { cwd: project, log });
    if (git.code !== 0) throw new Error(`git ${args.join(' ')} in ${recipe.name} failed:\n${tail(git.output)}`);
  }
  // Only the repository is kept: installed dependencies are rebuilt by the images, not read from the host.
  const bare = await exec('git', ['clone', '-q', '--bare', project, `${repo}.partial`], { log });
  if (bare.code !== 0) throw new Error(`git clone --bare ${recipe.name} failed:\n${tail(bare.output)}`);
  rmSync(repo, { recursive: true, force: true });
  renameSync(`${repo}.partial`, repo);
  rmSync(work, { recursive: true, force: true });
  return repo;
}

/** A fresh checkout of the case's project under `parent`. */
export async function checkout(repo: string, parent: string, name: string, log: string): Promise<string> {
  const dir = path.join(parent, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  const cloned = await exec('git', ['clone', '-q', repo, dir], { log });
  if (cloned.code !== 0) throw new Error(`git clone of ${name} failed:\n${tail(cloned.output)}`);
  return dir;
}
