// The one definition of "development" dependency groups, extras and requirements files.

/** Dependency groups / extras that hold development tooling rather than optional runtime features. */
export const DEV_GROUP = /^(dev|devel|develop|development|test|tests|testing|lint|linting|typing|types|type-check|docs?|qa|check|ci|local)$/i;

/** A requirements file for development (requirements-dev.txt, requirements/test.txt, dev-requirements.txt...). */
export function isDevRequirementsFile(file: string): boolean {
  const name = file.replace(/^requirements\//, '').replace(/\.txt$/, '');
  return name.split(/[-_./]/).some((part) => DEV_GROUP.test(part));
}
