#!/usr/bin/env python3
"""Repack installed Debian python3-* packages into wheels (stdlib and Debian's python3-packaging).

For every requested Debian binary package (and, with --closure, its installed
python3-* dependency closure) the files that `dpkg -L` lists under
/usr/lib/python3/dist-packages are packed into one wheel per distribution:

  * name/version from the package's *.dist-info/METADATA or *.egg-info/PKG-INFO
    (versions that Debian's build left as "X.dev0", "0.0.dev0" or "X+repack"
    are replaced by the upstream part of the Debian version);
  * Requires-Dist from METADATA / requires.txt (egg-info extras sections are
    converted to `extra == "..."` markers).  Debian strips install_requires
    from egg-info requires.txt, so for egg-info distributions the Debian
    `Depends:` of the package are mapped back to distribution names and added;
  * requirements are checked against the set of wheels produced: a version
    constraint that the wheelhouse cannot satisfy is relaxed (Debian's set is
    known to work together) and a requirement whose distribution is not in the
    wheelhouse is dropped (use --keep-missing to keep it) -- all logged;
  * WHEEL (Root-Is-Purelib true + py3-none-any, or false + cpXY-cpXY-<plat>
    when the distribution contains compiled extension modules), RECORD with
    sha256 hashes, entry_points.txt kept so pip generates console scripts.

Wheels that Debian already ships in /usr/share/python-wheels (pip, setuptools,
wheel from python3-*-whl) are copied as they are and win over repacks.

Also written (into --meta-dir): repack-report.txt (what was changed per
wheel), runtime-deps.txt (non-Python Debian packages the repacked code needs
at run time: shared libraries such as libpq5, ca-certificates, tzdata ...),
dists.txt (name==version of each wheel).
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile

DIST_PACKAGES = "/usr/lib/python3/dist-packages"
PYTHON_WHEELS = "/usr/share/python-wheels"
GENERATOR = "debian-repack (0.1)"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Debian packages that carry part of a distribution without own metadata.
PKG_TO_DIST_EXTRA = {
    "python3-pkg-resources": "setuptools",
    "python3-setuptools": "setuptools",
    "python3-wheel": "wheel",
    "python3-pip": "pip",
    "python3-pip-whl": "pip",
    "python3-setuptools-whl": "setuptools",
    "python3-wheel-whl": "wheel",
}
RUNTIME_DATA_PACKAGES = {"ca-certificates", "tzdata", "netbase", "media-types", "mime-support"}
METADATA_SKIP = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "WHEEL",
                 "METADATA", "PKG-INFO", "requires.txt", "SOURCES.txt",
                 "dependency_links.txt", "not-zip-safe", "zip-safe",
                 "installed-files.txt"}


def log(msg):
    print(msg, file=sys.stderr)


# --------------------------------------------------------------------------
# PEP 440 versions and specifiers, PEP 508 requirements and markers: Debian's python3-packaging (installed
# in the repack stage), the reference implementation pip vendors.
# --------------------------------------------------------------------------
from packaging.markers import Marker, default_environment  # noqa: E402
from packaging.requirements import Requirement as _Requirement  # noqa: E402
from packaging.specifiers import SpecifierSet  # noqa: E402
from packaging.utils import canonicalize_name as canonical  # noqa: E402
from packaging.version import InvalidVersion, Version  # noqa: E402


def is_valid_version(s):
    try:
        Version(s)
        return True
    except InvalidVersion:
        return False


def specifier_satisfied(version, spec):
    return SpecifierSet(spec).contains(version, prereleases=True)


class Requirement:
    """A parsed requirement whose spec and marker the repack may rewrite (relax, add extras to)."""

    def __init__(self, text):
        r = _Requirement(text)
        self.name = r.name
        self.extras = sorted(r.extras)
        self.spec = ("@ " + r.url) if r.url else str(r.specifier)
        self.marker = str(r.marker) if r.marker else None

    def format(self, with_spec=True):
        s = self.name
        if self.extras:
            s += "[%s]" % ",".join(self.extras)
        if with_spec and self.spec:
            s += (" " if self.spec.startswith("@") else "") + self.spec.replace(" ", "")
        if self.marker:
            s += "; " + self.marker
        return s


EXTRA_IN_MARKER_RE = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


def target_env():
    return default_environment()


def eval_marker(marker, env, extra=""):
    """Evaluate a PEP 508 marker; `extra` is the extra being requested ('' = none)."""
    return Marker(marker).evaluate(dict(env, extra=extra))


def run(cmd):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout


def dpkg_installed():
    out = run(["dpkg-query", "-W", "-f",
               "${Package}\t${Status}\t${Version}\t${Depends}\t${Provides}\n"])
    pkgs, virtual = {}, {}
    for line in out.splitlines():
        name, status, version, depends, provides = (line.split("\t") + [""] * 4)[:5]
        if status.endswith(" installed"):
            pkgs[name] = {"version": version, "depends": depends}
            for alts in parse_depends(provides):
                virtual.setdefault(alts[0][0], []).append(name)
    return pkgs, virtual


def resolve_pkg(name, installed, virtual):
    """installed package name for a (possibly virtual) dependency, or None."""
    if name in installed:
        return name
    for p in virtual.get(name, []):
        if p in installed:
            return p
    return None


def parse_depends(depends):
    """-> list of alternative lists of (package, op, version)."""
    groups = []
    for group in depends.split(","):
        alts = []
        for alt in group.split("|"):
            m = re.match(r"^\s*([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9]+)?\s*(?:\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?", alt)
            if m:
                alts.append((m.group(1), m.group(2), m.group(3)))
        if alts:
            groups.append(alts)
    return groups


def debian_upstream_version(debver):
    v = re.sub(r"^\d+:", "", debver)
    if "-" in v:
        v = v.rsplit("-", 1)[0]
    v = re.sub(r"\+(ds|dfsg|repack|really|debian|git|nmu)[0-9a-z.~+]*$", "", v, flags=re.I)
    v = v.replace("~", "")
    return v


def deb_constraint_to_pep440(op, debver):
    if not op:
        return ""
    v = debian_upstream_version(debver)
    v = re.sub(r"\+.*$", "", v)
    if not is_valid_version(v):
        return ""
    return {"<<": "<", ">>": ">", "=": "==", "<=": "<=", ">=": ">="}[op] + v


# --------------------------------------------------------------------------
# metadata handling
# --------------------------------------------------------------------------
def split_headers(text):
    """RFC822-ish metadata -> (list of [key, value-with-continuations], body)."""
    head, sep, body = text.partition("\n\n")
    if not sep:
        head, body = text, ""
    headers = []
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and headers:
            headers[-1][1] += "\n" + line
        elif ":" in line:
            k, v = line.split(":", 1)
            headers.append([k, v.strip() if "\n" not in v else v])
        elif line.strip():
            headers.append(["", line])
    return headers, body


def join_headers(headers, body):
    out = []
    for k, v in headers:
        out.append("%s: %s" % (k, v) if k else v)
    text = "\n".join(out) + "\n"
    if body.strip():
        text += "\n" + body.rstrip("\n") + "\n"
    return text


def parse_requires_txt(text):
    reqs, section = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        extra, marker = "", ""
        if section:
            extra, _, marker = section.partition(":")
            extra, marker = extra.strip(), marker.strip()
        r = Requirement(line)
        parts = []
        if r.marker:
            parts.append("(%s)" % r.marker)
        if marker:
            parts.append("(%s)" % marker if (r.marker or extra) else marker)
        if extra:
            parts.append('extra == "%s"' % extra)
        r.marker = " and ".join(parts) or None
        reqs.append((r, extra))
    return reqs


class Dist:
    def __init__(self):
        self.name = self.version = self.package = self.debversion = None
        self.kind = None          # "dist-info", "egg-info", "whl"
        self.meta_dir = None
        self.headers = self.body = None
        self.requirements = []    # list of Requirement
        self.extras = []
        self.files = []           # (arcname, source path)
        self.extra_meta = {}      # filename in .dist-info -> bytes
        self.notes = []
        self.wheel_path = None
        self.platlib = False
        self.alias_of = None


def find_metadata_dir(files):
    cands = [f for f in files if os.path.dirname(f) == DIST_PACKAGES
             and (f.endswith(".dist-info") or f.endswith(".egg-info"))]
    return cands


def read_text(path):
    with open(path, "r", encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def collect_payload(files, meta=None):
    """dpkg -L entries -> [(arcname, source)] below DIST_PACKAGES, symlinks followed."""
    out, notes = [], []
    for f in files:
        if not f.startswith(DIST_PACKAGES + "/"):
            continue
        if meta and (f == meta or f.startswith(meta + "/")):
            continue
        arc = os.path.relpath(f, DIST_PACKAGES)
        if "__pycache__" in arc.split("/") or arc.endswith(".pyc"):
            continue
        if os.path.islink(f) and os.path.isdir(f):
            for root, dirs, fnames in os.walk(f, followlinks=True):
                dirs[:] = [x for x in dirs if x != "__pycache__"]
                for fn in fnames:
                    p = os.path.join(root, fn)
                    out.append((os.path.join(arc, os.path.relpath(p, f)), p))
            notes.append("followed directory symlink %s -> %s" % (arc, os.readlink(f)))
        elif os.path.isfile(f):
            out.append((arc, f))
            if os.path.islink(f):
                notes.append("followed symlink %s -> %s" % (arc, os.readlink(f)))
        elif os.path.islink(f):
            notes.append("WARNING dangling symlink skipped: %s -> %s" % (arc, os.readlink(f)))
    return out, notes


def toplevel(arcname):
    first = arcname.split("/")[0]
    return first.split(".")[0] if "/" not in arcname else first


def dist_toplevels(d):
    tops = {toplevel(a) for a, _ in d.files}
    tl = d.extra_meta.get("top_level.txt", b"").decode("utf-8", "replace")
    return tops | {x.strip().split("/")[0] for x in tl.splitlines() if x.strip()}


def is_platlib(files):
    return any(re.search(r"\.so(\.|$)", a) for a, _ in files)


def load_dist(pkg, info, files, meta):
    d = Dist()
    d.package, d.debversion = pkg, info["version"]
    d.meta_dir = meta
    d.kind = "dist-info" if meta.endswith(".dist-info") else "egg-info"
    if d.kind == "dist-info":
        mfile = os.path.join(meta, "METADATA")
    else:
        mfile = os.path.join(meta, "PKG-INFO") if os.path.isdir(meta) else meta
    d.headers, d.body = split_headers(read_text(mfile).replace("\r\n", "\n"))
    hd = {k.lower(): v for k, v in d.headers}
    d.name, d.version = hd.get("name"), hd.get("version")
    if not d.name or not d.version:
        raise ValueError("%s: no Name/Version in %s" % (pkg, mfile))
    # requirements
    if d.kind == "dist-info":
        for k, v in d.headers:
            if k.lower() == "requires-dist":
                d.requirements.append(Requirement(v))
    elif os.path.isdir(meta) and os.path.exists(os.path.join(meta, "requires.txt")):
        for r, extra in parse_requires_txt(read_text(os.path.join(meta, "requires.txt"))):
            d.requirements.append(r)
            if extra and extra not in d.extras:
                d.extras.append(extra)
    for k, v in d.headers:
        if k.lower() == "provides-extra" and v not in d.extras:
            d.extras.append(v)
    # extra metadata files
    if os.path.isdir(meta):
        for root, dirs, fnames in os.walk(meta):
            for fn in fnames:
                p = os.path.join(root, fn)
                rel = os.path.relpath(p, meta)
                if rel in METADATA_SKIP or "__pycache__" in rel:
                    continue
                with open(p, "rb") as f:
                    data = f.read()
                if rel == "entry_points.txt":
                    data = b"\n".join(l.strip() for l in data.splitlines()) + b"\n"
                d.extra_meta[rel] = data
    # payload files
    d.files, notes = collect_payload(files, meta)
    d.notes += notes
    d.platlib = is_platlib(d.files)
    return d


def fix_version(d):
    up = debian_upstream_version(d.debversion)
    up = re.sub(r"\+.*$", "", up)
    v = d.version
    new = None
    try:
        pv = Version(v)
    except ValueError:
        pv = None
    suspicious = pv is None or pv.dev is not None or pv.local is not None or \
        (pv.release[0] == 0 and all(x == 0 for x in pv.release))
    if suspicious:
        if is_valid_version(up) and re.match(r"^[0-9]+(\.[0-9]+)*$", up) and \
                (pv is None or pv.release[0] == 0 or Version(pv.base_version) <= Version(Version(up).base_version)):
            new = up
        elif pv is not None and pv.local is not None:
            new = v.split("+", 1)[0]
    if new and new != v:
        d.notes.append("version %s -> %s (Debian %s)" % (v, new, d.debversion))
        d.version = new
        for h in d.headers:
            if h[0].lower() == "version":
                h[1] = new


def add_debian_depends(d, installed, virtual, pkg_to_dist):
    have = {canonical(r.name) for r in d.requirements}
    me = canonical(d.name)
    for alts in parse_depends(installed[d.package]["depends"]):
        for pkg, op, ver in alts:
            real = resolve_pkg(pkg, installed, virtual)
            if real is None:
                continue
            if real != pkg:
                op = ver = None  # versioned virtual packages: ignore version
            pkg = real
            dist = pkg_to_dist.get(pkg)
            if dist is None:
                continue
            if canonical(dist) in have or canonical(dist) == me:
                break
            spec = deb_constraint_to_pep440(op, ver)
            d.requirements.append(Requirement(dist + spec))
            have.add(canonical(dist))
            d.notes.append("Requires-Dist %s%s added from Debian Depends (%s)" % (dist, spec, pkg))
            break


def reconcile(d, available, env, keep_missing):
    """Relax/drop requirements that the wheelhouse cannot satisfy."""
    out = []
    for r in d.requirements:
        contexts = []
        try:
            if r.marker is None or eval_marker(r.marker, env, ""):
                contexts.append("")
            else:
                for ex in EXTRA_IN_MARKER_RE.findall(r.marker):
                    if eval_marker(r.marker, env, ex):
                        contexts.append(ex)
        except ValueError as e:
            d.notes.append("WARNING kept %r: %s" % (r.format(), e))
            out.append(r)
            continue
        if not contexts:
            out.append(r)  # not active on this platform/python
            continue
        where = "extra [%s]" % ",".join(contexts) if contexts != [""] else "base"
        target = available.get(canonical(r.name))
        if target is None:
            if keep_missing:
                d.notes.append("MISSING (kept) %s requirement %s" % (where, r.format()))
                out.append(r)
            else:
                d.notes.append("dropped %s requirement %s: not in wheelhouse" % (where, r.format()))
            continue
        if r.spec and not r.spec.startswith("@"):
            try:
                ok = specifier_satisfied(target, r.spec)
            except ValueError as e:
                ok = False
                d.notes.append("WARNING %s: %s" % (r.format(), e))
            if not ok:
                d.notes.append("relaxed %s requirement %s -> %s (wheelhouse has %s)"
                               % (where, r.format(), r.format(with_spec=False), target))
                r.spec = ""
        out.append(r)
    d.requirements = out


# --------------------------------------------------------------------------
# wheel writing
# --------------------------------------------------------------------------
def escape_name(name):
    return re.sub(r"[-_.]+", "_", name)


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_metadata(d):
    headers = [h for h in d.headers if h[0].lower() not in ("requires-dist", "provides-extra")]
    for h in headers:
        if h[0].lower() == "name":
            h[1] = d.name
        if h[0].lower() == "metadata-version":
            try:
                if Version(h[1]) < Version("2.1"):
                    h[1] = "2.1"
            except ValueError:
                h[1] = "2.1"
    # insert after the last "simple" header to keep Description (if header) last
    extra_headers = [["Provides-Extra", e] for e in d.extras]
    extra_headers += [["Requires-Dist", r.format()] for r in d.requirements]
    idx = len(headers)
    for i, (k, v) in enumerate(headers):
        if k.lower() == "description":
            idx = i
            break
    headers[idx:idx] = extra_headers
    return join_headers(headers, d.body).encode("utf-8", "surrogateescape")


def wheel_tag(d):
    if not d.platlib:
        return "py3-none-any"
    py = "cp%d%d" % sys.version_info[:2]
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "%s-%s-%s" % (py, py, plat)


def write_wheel(d, outdir):
    tag = wheel_tag(d)
    ename = escape_name(d.name)
    distinfo = "%s-%s.dist-info" % (ename, d.version)
    fname = "%s-%s-%s.whl" % (ename, d.version.replace("-", "_"), tag)
    path = os.path.join(outdir, fname)
    entries = []  # (arcname, bytes, mode)
    seen = set()
    for arc, src in sorted(d.files):
        if arc in seen:
            continue
        seen.add(arc)
        with open(src, "rb") as f:
            data = f.read()
        mode = 0o755 if os.stat(src).st_mode & 0o111 else 0o644
        entries.append((arc, data, mode))
    meta = {"METADATA": build_metadata(d)}
    py, abi, plat = tag.split("-")
    meta["WHEEL"] = ("Wheel-Version: 1.0\nGenerator: %s\nRoot-Is-Purelib: %s\nTag: %s\n"
                     % (GENERATOR, "false" if d.platlib else "true", tag)).encode()
    for rel, data in d.extra_meta.items():
        if rel not in meta:
            meta[rel] = data
    for rel in sorted(meta):
        entries.append(("%s/%s" % (distinfo, rel), meta[rel], 0o644))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for arc, data, _ in entries:
        w.writerow([arc, record_hash(data), len(data)])
    w.writerow(["%s/RECORD" % distinfo, "", ""])
    entries.append(("%s/RECORD" % distinfo, buf.getvalue().encode(), 0o644))
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data, mode in entries:
            zi = zipfile.ZipInfo(arc, ZIP_DATE)
            zi.external_attr = (0o100000 | mode) << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    os.replace(tmp, path)
    d.wheel_path = path
    return path


# --------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("packages", nargs="*", help="Debian binary packages")
    ap.add_argument("--packages-file", help="file with package names (# comments allowed)")
    ap.add_argument("--closure", action="store_true",
                    help="also repack installed python3-* dependencies (recursively)")
    ap.add_argument("--out", required=True, help="wheelhouse directory to write")
    ap.add_argument("--meta-dir", help="where to write report files (default: --out)")
    ap.add_argument("--keep-missing", action="store_true",
                    help="keep requirements on distributions not in the wheelhouse")
    ap.add_argument("--alias", action="append", default=[], metavar="DIST=ALIAS",
                    help="also publish DIST's files under another name, e.g. psycopg2=psycopg2-binary")
    ap.add_argument("--no-python-wheels", action="store_true",
                    help="do not copy %s/*.whl" % PYTHON_WHEELS)
    args = ap.parse_args()

    wanted = list(args.packages)
    if args.packages_file:
        for line in open(args.packages_file):
            line = line.split("#", 1)[0].strip()
            wanted += line.split()
    installed, virtual = dpkg_installed()
    missing = [p for p in wanted if p not in installed]
    if missing:
        sys.exit("not installed: %s" % " ".join(missing))

    # closure over installed python3-* Depends
    todo, chosen = list(wanted), []
    while todo:
        p = todo.pop(0)
        if p in chosen:
            continue
        chosen.append(p)
        if args.closure:
            for alts in parse_depends(installed[p]["depends"]):
                for q, _, _ in alts:
                    q = resolve_pkg(q, installed, virtual)
                    if q and q.startswith("python3-"):
                        todo.append(q)
                        break

    os.makedirs(args.out, exist_ok=True)
    meta_dir = args.meta_dir or args.out
    os.makedirs(meta_dir, exist_ok=True)
    env = target_env()
    report, dists = [], []
    available = {}  # canonical name -> version string

    # 1. wheels Debian ships as wheels
    shipped = set()
    if not args.no_python_wheels and os.path.isdir(PYTHON_WHEELS):
        for fn in sorted(os.listdir(PYTHON_WHEELS)):
            if fn.endswith(".whl"):
                name, ver = fn.split("-")[:2]
                shutil.copy2(os.path.join(PYTHON_WHEELS, fn), os.path.join(args.out, fn))
                available[canonical(name)] = ver
                shipped.add(canonical(name))
                report.append("%s %s: copied %s/%s" % (name, ver, PYTHON_WHEELS, fn))

    # 2. load metadata of every chosen package
    pkg_to_dist = dict(PKG_TO_DIST_EXTRA)
    loaded, orphans = [], []
    for p in chosen:
        files = [l for l in run(["dpkg", "-L", p]).splitlines()]
        metas = find_metadata_dir(files)
        if not metas:
            payload, _ = collect_payload(files)
            if payload and p not in PKG_TO_DIST_EXTRA:
                orphans.append((p, payload))
            elif p not in PKG_TO_DIST_EXTRA:
                report.append("%s: nothing under %s, skipped" % (p, DIST_PACKAGES))
            continue
        if len(metas) > 1:
            report.append("%s: WARNING %d metadata dirs, all payload files go to %s"
                          % (p, len(metas), os.path.basename(metas[0])))
        d = load_dist(p, installed[p], files, metas[0])
        pkg_to_dist[p] = d.name
        if canonical(d.name) in shipped:
            report.append("%s: %s provided by %s wheel, not repacked" % (p, d.name, PYTHON_WHEELS))
            continue
        fix_version(d)
        loaded.append(d)
    # packages without own metadata (e.g. python3-sqlalchemy-ext: compiled
    # speedups for SQLAlchemy) are merged into the distribution that owns the
    # same top-level package
    for p, payload in orphans:
        tops = {toplevel(a) for a, _ in payload}
        owner = next((d for d in loaded if tops & dist_toplevels(d)), None)
        if owner is None:
            report.append("%s: no metadata and no owning distribution for %s, skipped"
                          % (p, " ".join(sorted(tops))))
            continue
        have = {a for a, _ in owner.files}
        owner.files += [(a, s) for a, s in payload if a not in have]
        owner.platlib = is_platlib(owner.files)
        owner.notes.append("merged %d files from %s %s" % (len(payload), p, installed[p]["version"]))
        pkg_to_dist[p] = owner.name

    for d in loaded:
        if canonical(d.name) in available:
            report.append("%s: WARNING duplicate distribution %s, skipped" % (d.package, d.name))
            d.skip = True
            continue
        available[canonical(d.name)] = d.version
        dists.append(d)

    # aliases
    for a in args.alias:
        src, _, alias = a.partition("=")
        base = next((d for d in dists if canonical(d.name) == canonical(src)), None)
        if base is None:
            report.append("alias %s: %s not in wheelhouse, skipped" % (a, src))
            continue
        import copy
        ad = copy.copy(base)
        ad.headers = [list(h) for h in base.headers]
        ad.requirements = list(base.requirements)
        ad.notes = ["alias of %s (same files, distribution name %s)" % (base.name, alias)]
        ad.name, ad.alias_of = alias, base.name
        available[canonical(alias)] = ad.version
        dists.append(ad)

    # 3. requirements
    for d in dists:
        if d.kind == "egg-info":
            add_debian_depends(d, installed, virtual, pkg_to_dist)
    for d in dists:
        reqs = []
        for r in d.requirements:
            reqs.append(Requirement(r.format()))  # copy (aliases share objects)
        d.requirements = reqs
        reconcile(d, available, env, args.keep_missing)

    # 4. write
    for d in sorted(dists, key=lambda x: canonical(x.name)):
        path = write_wheel(d, args.out)
        report.append("%s %s: %s from %s %s (%s, %d files)" % (
            d.name, d.version, os.path.basename(path), d.package, d.debversion, d.kind, len(d.files)))
        for n in d.notes:
            report.append("    " + n)
        log("wrote %s" % os.path.basename(path))

    # runtime deps: non-python Debian packages needed by the repacked code
    rdeps = set()
    for d in dists:
        for alts in parse_depends(installed[d.package]["depends"]):
            q = alts[0][0]
            if q.startswith("python3") or q.startswith("libjs-") or q in ("dpkg",):
                continue
            if q in installed and re.search(r"\bpython3", installed[q]["depends"]):
                continue  # e.g. the 'alembic' CLI package
            q = resolve_pkg(q, installed, virtual) or q
            # keep shared-library packages and a few data packages the Debian
            # code reads at run time; static assets (fonts-*, libjs-*) that the
            # packages symlink to are already inside the wheels
            if q in RUNTIME_DATA_PACKAGES or (q in installed and any(
                    re.search(r"/lib/.*\.so(\.|$)", l) for l in run(["dpkg", "-L", q]).splitlines())):
                rdeps.add(q)
    with open(os.path.join(meta_dir, "runtime-deps.txt"), "w") as f:
        f.write("\n".join(sorted(rdeps)) + "\n")
    with open(os.path.join(meta_dir, "repack-report.txt"), "w") as f:
        f.write("\n".join(report) + "\n")
    with open(os.path.join(meta_dir, "dists.txt"), "w") as f:
        for name in sorted(available):
            f.write("%s==%s\n" % (name, available[name]))
    log("%d wheels repacked, %d copied; report in %s" % (len(dists), len(shipped), meta_dir))


if __name__ == "__main__":
    main()
