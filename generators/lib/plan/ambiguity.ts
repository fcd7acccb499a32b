// Two of the project's own files declare different values for one field (a Procfile binds 5000, the Dockerfile
// EXPOSEs 8000): the plan keeps the first source in precedence order and records the others, so an interactive
// run can ask and a --yes run can say which option picks another.
import { optionName } from '../questions.js';
import type { Fact } from './evidence.js';
import type { Ambiguity } from './types.js';

/** The distinct values of the candidates (first evidence of each), when there is more than one. */
export function ambiguity(field: Ambiguity['field'], option: string, candidates: ReadonlyArray<Fact<number | string>>): Ambiguity | undefined {
  const choices: Array<Fact<number | string>> = [];
  for (const candidate of candidates) if (!choices.some((c) => c.value === candidate.value)) choices.push(candidate);
  return choices.length > 1 ? { field, option, choices } : undefined;
}

/** How the option that picks `value` for this service is spelt. */
export const optionValue = (a: Ambiguity, service: string, value: number | string): string => `--${optionName(a.option)} ${service}=${value}`;

export function ambiguityNote(service: string, label: string, a: Ambiguity): string {
  const [taken, ...others] = a.choices;
  const listed = a.choices.map((c) => `${c.value} (${c.from})`).join(', ');
  return `${label}: the project declares more than one ${a.field}: ${listed}; the first source wins (${taken!.value}); ${others.map((c) => optionValue(a, service, c.value.toString())).join(' or ')} picks another`;
}
