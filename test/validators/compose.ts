/**
 * docker compose files: ajv against the compose-spec JSON schema shipped by dclint
 * (its `$schema` key dropped, per DESIGN), plus reference checks the schema cannot express:
 * depends_on targets, networks, named volumes, secrets, configs and `extends` are declared;
 * the obsolete top-level `version:` key is flagged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ToolMissing, type Finding } from './types.js';
import { lineOf, parseLocated, parseYamlStrictSync, type LocatedDocument } from './yaml.js';

const require = createRequire(import.meta.url);

export interface ComposeOptions {
  fileName?: string;
  /**
   * Other compose files by the path used in `extends.file` (e.g. `{ 'docker-compose.yml': text }`).
   * When given, `extends: { file, service }` is resolved against them; when absent, cross-file
   * extends are not checked (each file is validated standalone).
   */
  files?: Record<string, string>;
}

let validator: ValidateFunction | undefined;

/** Path of the compose-spec schema in the installed dclint package. */
export function composeSchemaPath(): string {
  try {
    const pkg = require.resolve('dclint/package.json');
    return path.join(path.dirname(pkg), 'schemas', 'compose.schema.json');
  } catch (e) {
    throw new ToolMissing('compose-schema', `dclint is not installed (${(e as Error).message}); run npm ci`);
  }
}

function composeValidator(): ValidateFunction {
  if (validator) return validator;
  const file = composeSchemaPath();
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ToolMissing('compose-schema', `cannot read ${file}: ${(e as Error).message}`);
  }
  delete schema.$schema; // a draft URL ajv does not bundle; the schema is draft-07 compatible
  const ajv = new Ajv({ allErrors: true, strict: false });
  validator = ajv.compile(schema);
  return validator;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function schemaFindings(errors: readonly ErrorObject[], located: LocatedDocument, file: string | undefined): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of errors) {
    const p = pointerToPath(e.instancePath);
    let message = `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`;
    const params = e.params as Record<string, unknown>;
    if (typeof params.additionalProperty === 'string') {
      p.push(params.additionalProperty);
      message += `: '${params.additionalProperty}'`;
    } else if (Array.isArray(params.allowedValues)) {
      message += `: ${params.allowedValues.join(', ')}`;
    }
    const key = `${e.keyword}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, line: lineOf(located, p), message, rule: `schema/${e.keyword}`, severity: 'error' });
  }
  return out;
}

function keysOf(v: Json | undefined): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (isObj(v)) return Object.keys(v);
  return [];
}

/** Source of a short-syntax volume `SRC:DST[:MODE]`, or undefined for an anonymous volume. */
function shortVolumeSource(spec: string): string | undefined {
  if (spec.startsWith('${')) return spec; // interpolated: treated as a bind path
  const idx = spec.indexOf(':');
  if (idx < 0) return undefined; // `/data`: anonymous volume
  return spec.slice(0, idx);
}

/** Named volume (must be declared) vs bind mount (path). */
export function isNamedVolume(source: string): boolean {
  return !/^(\.|\/|~|\$\{|\$[A-Za-z_])/.test(source) && !/^[A-Za-z]:[\\/]/.test(source);
}

function referenceFindings(doc: Obj, located: LocatedDocument, opts: ComposeOptions): Finding[] {
  const file = opts.fileName;
  const out: Finding[] = [];
  const add = (keyPath: (string | number)[], message: string, rule: string) =>
    out.push({ file, line: lineOf(located, keyPath), message, rule, severity: 'error' });

  if ('version' in doc) {
    add(['version'], 'the top-level `version` key is obsolete (Compose Specification); remove it', 'compose/obsolete-version');
  }
  const services = isObj(doc.services) ? doc.services : {};
  const serviceNames = new Set(Object.keys(services));
  const declared = {
    networks: new Set(keysOf(doc.networks)),
    volumes: new Set(keysOf(doc.volumes)),
    secrets: new Set(keysOf(doc.secrets)),
    configs: new Set(keysOf(doc.configs)),
  };

  for (const [name, svcJson] of Object.entries(services)) {
    if (!isObj(svcJson)) continue;
    const svc = svcJson;
    const at = (...rest: (string | number)[]) => ['services', name, ...rest];

    keysOf(svc.depends_on).forEach((dep, i) => {
      const keyPath = Array.isArray(svc.depends_on) ? at('depends_on', i) : at('depends_on', dep);
      if (dep === name) add(keyPath, `service "${name}" depends on itself`, 'compose/depends-on-self');
      else if (!serviceNames.has(dep)) add(keyPath, `service "${name}" depends_on undeclared service "${dep}"`, 'compose/undeclared-service');
    });

    keysOf(svc.networks).forEach((net, i) => {
      if (net === 'default' || declared.networks.has(net)) return;
      const keyPath = Array.isArray(svc.networks) ? at('networks', i) : at('networks', net);
      add(keyPath, `service "${name}" uses undeclared network "${net}" (add it under top-level networks:)`, 'compose/undeclared-network');
    });

    if (Array.isArray(svc.volumes)) {
      svc.volumes.forEach((v, i) => {
        let source: string | undefined;
        if (typeof v === 'string') source = shortVolumeSource(v);
        else if (isObj(v) && (v.type === 'volume' || v.type === undefined) && typeof v.source === 'string') source = v.source;
        if (source === undefined || !isNamedVolume(source) || declared.volumes.has(source)) return;
        add(at('volumes', i), `service "${name}" mounts undeclared named volume "${source}" (declare it under top-level volumes:, or use ./path for a bind mount)`, 'compose/undeclared-volume');
      });
    }

    for (const kind of ['secrets', 'configs'] as const) {
      const list = svc[kind];
      if (!Array.isArray(list)) continue;
      list.forEach((entry, i) => {
        const ref = typeof entry === 'string' ? entry : isObj(entry) && typeof entry.source === 'string' ? entry.source : undefined;
        if (ref !== undefined && !declared[kind].has(ref)) {
          add(at(kind, i), `service "${name}" uses undeclared ${kind.slice(0, -1)} "${ref}"`, `compose/undeclared-${kind.slice(0, -1)}`);
        }
      });
    }

    const ext = svc.extends;
    if (ext !== undefined) {
      const target = typeof ext === 'string' ? ext : isObj(ext) && typeof ext.service === 'string' ? ext.service : undefined;
      const extFile = isObj(ext) && typeof ext.file === 'string' ? ext.file : undefined;
      if (target === undefined) continue;
      if (extFile === undefined) {
        if (target === name) add(at('extends'), `service "${name}" extends itself`, 'compose/extends-self');
        else if (!serviceNames.has(target)) add(at('extends'), `service "${name}" extends undeclared service "${target}"`, 'compose/undeclared-extends');
      } else if (opts.files) {
        const other = opts.files[extFile] ?? opts.files[path.normalize(extFile)];
        if (other === undefined) {
          add(at('extends', 'file'), `service "${name}" extends "${target}" from "${extFile}", which was not provided`, 'compose/extends-file-missing');
        } else {
          const otherDoc = parseYaml(other) as Json;
          const otherServices = isObj(otherDoc) && isObj(otherDoc.services) ? otherDoc.services : {};
          if (!(target in otherServices)) {
            add(at('extends'), `service "${name}" extends "${target}", which is not a service of "${extFile}"`, 'compose/undeclared-extends');
          }
        }
      }
    }
  }
  return out;
}

/** Validates one compose file standalone. Empty result = valid. */
export async function lintCompose(yamlText: string, opts: ComposeOptions = {}): Promise<Finding[]> {
  const parseFindings = parseYamlStrictSync(yamlText, { fileName: opts.fileName });
  if (parseFindings.some((f) => f.severity === 'error')) return parseFindings;
  const validate = composeValidator();
  const located = parseLocated(yamlText);
  const data = located.doc.toJS() as Json;
  if (!isObj(data)) {
    return [...parseFindings, { file: opts.fileName, message: 'a compose file must be a YAML mapping', rule: 'schema/type', severity: 'error' }];
  }
  const findings: Finding[] = [...parseFindings];
  if (!validate(data)) findings.push(...schemaFindings(validate.errors ?? [], located, opts.fileName));
  findings.push(...referenceFindings(data, located, opts));
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
