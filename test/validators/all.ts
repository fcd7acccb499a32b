/** Everything in test/validators/ from one import. */
export * from './types.js';
export * from './tools.js';
export * from './yaml.js';
export * from './actionlint.js';
export * from './shellcheck.js';
export * from './dockerfile.js';
export * from './compose.js';
export * from './terraform.js';
export * from './make.js';
