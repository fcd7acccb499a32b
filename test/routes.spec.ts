// ALB routes of a multi-app project: the front end (a static site, else a Next.js / SSR app) takes the
// catch-all, an API named backend / api / server takes /api/*, and an app that does not serve under the
// prefix it is routed at gets a note (the ALB keeps the path).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { detect } from '../generators/lib/detect.js';
import { routeNotes, serviceSpecs } from '../generators/lib/services.js';
import { fixturePath, removeFixture, writeProject } from './helpers/fixtures.js';


describe('ALB routes', () => {
  it('a Next.js web and a NestJS api: web takes /*, api takes /api/*; an api without the /api prefix gets a note, one with it does not', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
      'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' }, dependencies: { '@nestjs/core': '11.1.6', '@nestjs/common': '11.1.6' } }),
      'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(process.env.PORT ?? 3000);\n}\nbootstrap();\n",
      'apps/api/src/app.controller.ts': "import { Controller, Get } from '@nestjs/common';\n\n@Controller()\nexport class AppController {\n  @Get('health')\n  health() {\n    return 'ok';\n  }\n}\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '16.0.0', react: '19.2.0' } }),
      'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
    };
    const root = writeProject(files);
    try {
      const specs = serviceSpecs(detect(root), { projectName: 'mono' });
      assert.deepEqual(specs.map((s) => [s.name, s.routePath]).sort(), [['api', '/api/*'], ['web', '/*']]);
      const notes = routeNotes(specs);
      assert.equal(notes.length, 1);
      assert.match(notes[0]!, /^api: the load balancer routes \/api\/\* to it and keeps the path, but it serves \/health \(its health route, apps\/api\/src\/app\.controller\.ts:\d+\): give it the base path \/api/);
      // With a global prefix the api serves under /api: nothing to say.
      writeFileSync(path.join(root, 'apps/api/src/main.ts'), files['apps/api/src/main.ts'].replace('await app.listen', "app.setGlobalPrefix('api');\n  await app.listen"));
      const prefixed = serviceSpecs(detect(root), { projectName: 'mono' });
      assert.equal(prefixed.find((s) => s.name === 'api')!.healthPath, '/api/health');
      assert.deepEqual(routeNotes(prefixed), []);
    } finally {
      removeFixture(root);
    }
  });

  it('the fullstack fixture: the SPA takes /*, the backend /api/*, and its /health outside /api is a note', () => {
    const specs = serviceSpecs(detect(fixturePath('fullstack')), { projectName: 'fullstack' });
    assert.deepEqual(specs.map((s) => [s.name, s.routePath]), [['backend', '/api/*'], ['frontend', '/*']]);
    assert.deepEqual(routeNotes(specs).map((n) => n.split(':')[0]), ['backend']);
  });
});
