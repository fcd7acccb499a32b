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
    /** MySQL for apps whose driver is a MySQL one (CI service containers; RDS runs its 8.4 line). */
    mysql: 'mysql:8.4.3',
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
  /** The commit each action's release above resolves to (read from the action's own repository: the tag's
   * commit), used when the project pins its actions by SHA. Bump together with `actions`. */
  actionPins: {
    checkout: ['11d5960a326750d5838078e36cf38b85af677262', 'v4.4.0'],
    setupPython: ['a26af69be951a213d495a4c3e4e4022e16d87065', 'v5.6.0'],
    setupNode: ['49933ea5288caeca8642d1e84afbd3f7d6820020', 'v4.4.0'],
    setupUv: ['d4b2f3b6ecc6e67c4457f6d3e41ec42d3d0fcb86', 'v5.4.2'],
    setupPnpm: ['fe02b34f77f8bc703788d5817da081398fad5dd2', 'v4.0.0'],
    setupBun: ['0c5077e51419868618aeaa5fe8019c62421857d6', 'v2.2.0'],
    setupPdm: ['94a823180e06fcde4ad29308721954a521c96ed0', 'v4.4'],
    cache: ['0057852bfaa89a56745cba8c7296529d2fc39830', 'v4.3.0'],
    setupBuildx: ['8d2750c68a42422c14e847fe6c8ac0403b4cbd6f', 'v3.12.0'],
    buildPush: ['10e90e3645eae34f1e60eeb005ba3a3d33f178e8', 'v6.19.2'],
    login: ['c94ce9fb468520275223c153574b00df6fe4bcc9', 'v3.7.0'],
    metadata: ['c299e40c65443455700f0fdfc63efafe5b349051', 'v5.10.0'],
    hadolint: ['54c9adbab1582c2ef04b2016b760714a4bfde3cf', 'v3.1.0'],
    setupTerraform: ['b9cd54a3c349d3f38e8881555d616ced269862dd', 'v3.1.2'],
    awsCredentials: ['7474bc4690e29a8392af63c5b98e7449536d5c3a', 'v4.3.1'],
    ecrLogin: ['03f1aad4c6c7ffd436567f42f9384779290529bd', 'v2.1.7'],
    ecsRenderTask: ['138c24f321fdbdf7edee4a685519d253cae2cdea', 'v1.9.0'],
    ecsDeployTask: ['c465972ecbd160473f22e683363b422a5412a3de', 'v2.6.3'],
  },
  terraform: {
    /** required_version of every workspace. */
    requiredVersion: '>= 1.11',
    /** hashicorp/aws constraint: admits the 5.100 line and the next major. */
    awsProvider: '>= 5.100, < 7.0',
  },
} as const;

export type Versions = typeof VERSIONS;

/** The versions table with every action pinned by commit SHA, its release in a trailing comment
 * (`actions/checkout@<sha> # v4.4.0`), as projects that pin by SHA write them. */
export function shaPinnedVersions(): Versions {
  const actions = Object.fromEntries(Object.entries(VERSIONS.actions).map(([key, ref]) => {
    const pin = (VERSIONS.actionPins as Record<string, readonly [string, string]>)[key];
    return [key, pin ? `${ref.slice(0, ref.indexOf('@'))}@${pin[0]} # ${pin[1]}` : ref];
  }));
  return { ...VERSIONS, actions } as unknown as Versions;
}
