// Every version the generated output pins: base images, tools, GitHub Actions, Terraform and providers.
// One table so a bump is one line. Templates receive it as `versions`.

export const VERSIONS = {
  /** Node.js release lines still maintained (Active or Maintenance LTS), newest first: an app whose engines
   * range allows several gets the newest; one without any gets the first. */
  nodeLts: ['26', '24', '22'],
  images: {
    /** Python images: python:<project version>-slim-<debian>. */
    pythonDebian: 'bookworm',
    /** Node images: node:<project major>-<debian>-slim. */
    nodeDebian: 'bookworm',
    /** Static SPA server that runs as a non-root user. */
    nginxUnprivileged: 'nginxinc/nginx-unprivileged:1.27.4-alpine',
    postgres: 'postgres:16.6-alpine',
    redis: 'redis:7.4.2-alpine',
    bun: 'oven/bun:1.1.42',
    /** Dockerfile frontend of the `# syntax=` line (BuildKit features: cache mounts, `<Dockerfile>.dockerignore`). */
    dockerfileFrontend: 'docker/dockerfile:1.12',
    /** uv's binary image (the uv version is tools.uv). */
    uv: 'ghcr.io/astral-sh/uv',
  },
  tools: {
    uv: '0.12.9',
    poetry: '1.8.5',
    pdm: '2.22.1',
    hatch: '1.14.0',
    pipenv: '2024.4.0',
    /** pnpm for a pnpm-lock.yaml of lockfileVersion 9 (pnpm 9 and later) without a packageManager field. */
    pnpm: '10.34.8',
    pnpmForLockfile6: '8.15.9',
    pnpmForLockfile5: '7.33.7',
    yarn: '4.18.1',
    /** corepack installed over the one bundled with Node (older bundles fail to verify current pnpm/yarn signatures). */
    corepack: '0.36.0',
    terraform: '1.11.4',
    actionlint: '1.7.7',
    hadolint: '2.12.0',
  },
  actions: {
    /** GitHub-hosted runner image of every generated job (pinned, never ubuntu-latest). */
    runner: 'ubuntu-24.04',
    checkout: 'actions/checkout@v4',
    setupPython: 'actions/setup-python@v5',
    setupNode: 'actions/setup-node@v4',
    setupUv: 'astral-sh/setup-uv@v5',
    setupPnpm: 'pnpm/action-setup@v4',
    setupBun: 'oven-sh/setup-bun@v2',
    setupPdm: 'pdm-project/setup-pdm@v4',
    cache: 'actions/cache@v4',
    setupBuildx: 'docker/setup-buildx-action@v3',
    buildPush: 'docker/build-push-action@v6',
    login: 'docker/login-action@v3',
    metadata: 'docker/metadata-action@v5',
    hadolint: 'hadolint/hadolint-action@v3.1.0',
    setupTerraform: 'hashicorp/setup-terraform@v3',
    awsCredentials: 'aws-actions/configure-aws-credentials@v4',
    ecrLogin: 'aws-actions/amazon-ecr-login@v2',
    ecsRenderTask: 'aws-actions/amazon-ecs-render-task-definition@v1',
    ecsDeployTask: 'aws-actions/amazon-ecs-deploy-task-definition@v2',
  },
  terraform: {
    /** required_version of every workspace. */
    requiredVersion: '>= 1.11',
    /** hashicorp/aws constraint: admits the 5.100 line and the next major. */
    awsProvider: '>= 5.100, < 7.0',
  },
} as const;

export type Versions = typeof VERSIONS;
