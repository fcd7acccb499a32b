// Declarative: which template renders to which project path, under which condition.
import type { DockerContext, DockerService } from './context.js';

export interface FileEntry {
  /** Template (or plugin file) path relative to the plugin folder. */
  template: string;
  /** Project-relative destination. */
  dest: string;
  /** Data for the template; absent for verbatim copies. */
  data?: object;
}

/** Docs installed for the project's agents, copied verbatim from the plugin folder. */
export const DOCS: ReadonlyArray<{ from: string; to: string }> = [
  { from: 'standards/docker-standards.md', to: '.ai/docs/docker-standards.md' },
  { from: 'howtos/README.md', to: '.ai/howtos/docker/README.md' },
  { from: 'howtos/how-to-add-a-service.md', to: '.ai/howtos/docker/how-to-add-a-service.md' },
  { from: 'howtos/how-to-create-multi-stage-dockerfile.md', to: '.ai/howtos/docker/how-to-create-multi-stage-dockerfile.md' },
  { from: 'howtos/how-to-add-volume.md', to: '.ai/howtos/docker/how-to-add-volume.md' },
];

/** Lines merged into .gitignore: the real .env never reaches git, its example does. */
export const GITIGNORE_LINES = ['.env', '.env.*', '!.env.example'];

export const MAKEFILE_TEMPLATE = 'templates/makefile.mk.ejs';
export const AGENTS_TEMPLATE = 'templates/agents-md.md.ejs';

const perService = (ctx: DockerContext, svc: DockerService): FileEntry[] => {
  const data = { ...ctx, svc };
  return [
    // A Dockerfile the project keeps is not written: everything else builds its stages.
    ...(svc.stages.kept ? [] : [{ template: svc.python ? 'templates/python.Dockerfile.ejs' : 'templates/node.Dockerfile.ejs', dest: svc.dockerfile, data }]),
    { template: 'templates/dockerignore.ejs', dest: svc.dockerignore, data },
    ...(svc.node?.nginxConf ? [{ template: 'templates/nginx-default.conf.ejs', dest: svc.node.nginxConf.path, data }] : []),
  ];
};

export function dockerFiles(ctx: DockerContext): FileEntry[] {
  return [
    ...ctx.services.flatMap((svc) => perService(ctx, svc)),
    { template: 'templates/docker-compose.yml.ejs', dest: ctx.compose.dev, data: ctx },
    { template: 'templates/docker-compose.prod.yml.ejs', dest: ctx.compose.prod, data: ctx },
    { template: 'templates/env.example.ejs', dest: ctx.envExample, data: ctx },
    ...DOCS.map((doc) => ({ template: doc.from, dest: doc.to })),
  ];
}
