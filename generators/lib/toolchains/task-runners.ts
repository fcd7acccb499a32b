// Monorepo task runners: Turborepo's turbo.json (its tasks, v2 `tasks` or v1 `pipeline`), Nx (its projects'
// targets), and how each package manager runs them. CI runs a workspace's lint and test tasks through it once, in dependency order, instead of
// one install per member (members often need the packages they import built first: `dependsOn: ["^build"]`).
import { NODE_TOOLCHAINS, type NodeVariant } from './node.js';

/** The task names turbo.json defines (`tasks`, or `pipeline` before Turborepo 2); undefined when it does not parse. */
export function turboTasks(text: string): string[] | undefined {
  try {
    // turbo.json allows comments.
    const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')) as { tasks?: Record<string, unknown>; pipeline?: Record<string, unknown> };
    const tasks = json.tasks ?? json.pipeline;
    // `app#lint` is one member's task; the plain name is the workspace-wide one.
    return tasks && typeof tasks === 'object' ? Object.keys(tasks).filter((name) => !name.includes('#')) : undefined;
  } catch {
    return undefined;
  }
}

export type TaskRunnerTool = 'turbo' | 'nx';

/** `turbo run <tasks>` / `nx run-many -t <tasks>` through the workspace's package manager (a root dev dependency). */
export function runTasks(tool: TaskRunnerTool, variant: NodeVariant, tasks: readonly string[]): string {
  return [...NODE_TOOLCHAINS[variant].exec, ...(tool === 'turbo' ? ['turbo', 'run'] : ['nx', 'run-many', '-t']), ...tasks].join(' ');
}

/** The task a member's command runs: `nx <target> <project>` names the target, `<pm> run <script>` / `<pm> test` the script. */
export function taskOf(command: readonly string[]): string {
  return /\bnx\s+(\S+)\s+\S+$/.exec(command.join(' '))?.[1] ?? command.at(-1)!;
}
