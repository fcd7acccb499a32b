// Every prompt has a matching CLI option. A question is declared once and yields both.
// Answer precedence: CLI option > answer stored in .yo-rc.json > prompt (or, with --yes, the detected default).
import { AiProjenError } from './errors.js';
import type { ProjectProfile } from './profile.js';

export type Answers = Record<string, unknown>;

export interface Question<T = unknown> {
  /** Answer key (camelCase), stored in .yo-rc.json; the option is its kebab-case form. */
  name: string;
  /** How the value is asked. 'list' for one of choices, 'checkbox' for several, 'input' for free text. */
  kind: 'input' | 'list' | 'checkbox' | 'confirm';
  message: string;
  choices?: readonly string[];
  /** Detected default, from the project profile and the answers resolved so far. */
  default: (profile: ProjectProfile, answers: Answers) => T;
  /** Validates and normalises a raw value (option string, stored value or prompt answer). Throws AiProjenError. */
  parse: (raw: unknown, profile: ProjectProfile) => T;
  /** Other option names that set the same answer (e.g. --port and --container-port). */
  aliases?: readonly string[];
  /** Ask only when this holds (e.g. OIDC repo only when a deploy role is wanted; Python versions only for Python apps). */
  when?: (answers: Answers, profile: ProjectProfile) => boolean;
}

export const optionName = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const optionType = (question: Question): typeof String | typeof Boolean =>
  question.kind === 'confirm' ? Boolean : String;

/** A comma-separated list (or an array) of values, each one of `allowed` when given. */
export function parseList(name: string, allowed?: readonly string[]) {
  return (raw: unknown): string[] => {
    const items = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
      .map((item) => String(item).trim())
      .filter(Boolean);
    const unique = [...new Set(items)];
    for (const item of unique) {
      if (allowed && !allowed.includes(item)) {
        throw new AiProjenError(`--${optionName(name)}: '${item}' is not one of ${allowed.join(', ')}`);
      }
    }
    return unique;
  };
}

export function parseChoice<T extends string>(name: string, allowed: readonly T[]) {
  return (raw: unknown): T => {
    const value = String(raw ?? '').trim() as T;
    if (!allowed.includes(value)) throw new AiProjenError(`--${optionName(name)}: '${value}' is not one of ${allowed.join(', ')}`);
    return value;
  };
}


export function parsePattern(name: string, pattern: RegExp, what: string) {
  return (raw: unknown): string => {
    const value = String(raw ?? '').trim();
    if (!pattern.test(value)) throw new AiProjenError(`--${optionName(name)}: '${value}' is not ${what}`);
    return value;
  };
}


export interface ResolveInput {
  questions: readonly Question[];
  profile: ProjectProfile;
  /** Value given on the command line for an answer name or alias (undefined when absent). */
  fromOptions: (name: string) => unknown;
  /** Values stored by an earlier run. */
  stored: Answers;
  /** Values already resolved by another generator of the same run (shared questions asked once). */
  shared: Answers;
  /** Ask the user; absent with --yes. */
  ask?: (question: Question, defaultValue: unknown) => Promise<unknown>;
}

/** Resolves every question in order; only unanswered ones reach `ask`. */
export async function resolveAnswers(input: ResolveInput): Promise<Answers> {
  const answers: Answers = {};
  for (const question of input.questions) {
    if (question.when && !question.when(answers, input.profile)) continue;
    const given = [question.name, ...(question.aliases ?? [])]
      .map((name) => input.fromOptions(name))
      .find((value) => value !== undefined);
    let raw: unknown;
    if (given !== undefined) raw = given;
    else if (input.shared[question.name] !== undefined) raw = input.shared[question.name];
    else if (input.stored[question.name] !== undefined) raw = input.stored[question.name];
    else {
      const fallback = question.default(input.profile, answers);
      raw = input.ask ? await input.ask(question, fallback) : fallback;
    }
    answers[question.name] = question.parse(raw, input.profile);
  }
  return answers;
}
