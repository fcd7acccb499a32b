// Block-level reading of rendered Terraform for checks `terraform validate` cannot make (which security
// group rule admits the internet). Not a full HCL parser: top-level blocks are found by brace matching
// outside strings and comments, which is enough for the generator's own output.

export interface HclBlock {
  /** `resource`, `data`, `variable`, ... */
  kind: string;
  /** The block's labels, e.g. ['aws_vpc_security_group_ingress_rule', 'alb_http']. */
  labels: string[];
  /** The text between the braces. */
  body: string;
  file: string;
  line: number;
}

/** Top-level blocks of one .tf file. */
export function topLevelBlocks(text: string, file = '<text>'): HclBlock[] {
  const blocks: HclBlock[] = [];
  const header = /^([a-z_]+)((?:[ \t]+"[^"\n]*")*)[ \t]*\{[ \t]*$/gm;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const open = match.index + match[0].lastIndexOf('{');
    const close = matchingBrace(text, open);
    const labels = [...(match[2] ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const line = text.slice(0, match.index).split('\n').length;
    blocks.push({ kind: match[1]!, labels, body: text.slice(open + 1, close), file, line });
    header.lastIndex = close + 1;
  }
  return blocks;
}

/** Index of the `}` closing the `{` at `open`, skipping strings (with `${...}`) and comments. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

function endOfString(text: string, start: number): number {
  let interpolation = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      interpolation++;
      i++;
      continue;
    }
    if (interpolation > 0) {
      if (c === '{') interpolation++;
      else if (c === '}') interpolation--;
      else if (c === '"') i = endOfString(text, i);
      continue;
    }
    if (c === '"') return i;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/** Value of a top-level `name = value` attribute of a block body (one line), or undefined. */
export function attribute(body: string, name: string): string | undefined {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*(.+?)\\s*$`, 'm').exec(body);
  return match?.[1];
}

export interface IngressViolation {
  file: string;
  line: number;
  resource: string;
  why: string;
}

const WORLD = /0\.0\.0\.0\/0|::\/0/;

/**
 * Every way a security group can admit traffic, checked: standalone ingress rules may name the internet
 * only on the ALB's security group and only on 80/443; legacy `aws_security_group_rule` ingress and inline
 * `ingress {}` blocks must not admit it at all.
 */
export function worldIngressViolations(blocks: readonly HclBlock[]): IngressViolation[] {
  const violations: IngressViolation[] = [];
  for (const block of blocks) {
    if (block.kind !== 'resource') continue;
    const [type = '', name = ''] = block.labels;
    const resource = `${type}.${name}`;
    const where = { file: block.file, line: block.line, resource };
    if (type === 'aws_vpc_security_group_ingress_rule') {
      if (!WORLD.test(block.body)) continue;
      const group = attribute(block.body, 'security_group_id');
      const from = attribute(block.body, 'from_port');
      const to = attribute(block.body, 'to_port');
      if (group !== 'aws_security_group.alb.id') violations.push({ ...where, why: `admits the internet into ${group ?? '?'}` });
      else if (from !== to || !['80', '443'].includes(from ?? '')) violations.push({ ...where, why: `admits the internet on ports ${from}-${to}` });
    } else if (type === 'aws_security_group_rule') {
      if (/type\s*=\s*"ingress"/.test(block.body) && WORLD.test(block.body)) violations.push({ ...where, why: 'legacy ingress rule from the internet' });
    } else if (type === 'aws_security_group' || type === 'aws_default_security_group') {
      for (const inner of topLevelBlocks(block.body.replace(/^ {2}/gm, ''), block.file)) {
        if (inner.kind === 'ingress' && WORLD.test(inner.body)) violations.push({ ...where, why: 'inline ingress from the internet' });
      }
    }
  }
  return violations;
}
