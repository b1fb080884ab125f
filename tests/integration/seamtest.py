"""Shared helpers for the integration tests (run by CTest with SEAM,
SEAM_SOURCE_DIR, SEAM_TEST_TMP and SEAM_CLANG in the environment)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True

SEAM = os.environ.get("SEAM", "seam")
SRC = os.path.abspath(os.environ.get("SEAM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")))
TMP = os.environ.get("SEAM_TEST_TMP", tempfile.gettempdir())
CLANG = os.environ.get("SEAM_CLANG") or shutil.which("clang") or "clang"
PY = sys.executable


def run(args, cwd=None, check=False, timeout=600, env=None):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def seam(*args, cwd=None):
    return run([SEAM] + list(args), cwd=cwd)


def write(path, text):
    """Writes text (UTF-8) to path, creating its folders."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def tmpdir(name):
    os.makedirs(TMP, exist_ok=True)
    return tempfile.mkdtemp(prefix=name + "-", dir=TMP)


def sample_compdb(sample):
    """Configures samples/<sample> with CMake into a temp folder and returns it."""
    build = tmpdir("sample-" + sample)
    run(["cmake", "-S", os.path.join(SRC, "samples", sample), "-B", build], check=True)
    return build


def sample_root(sample):
    return os.path.join(SRC, "samples", sample)


_analyzed = {}


def analyzed_sample(sample, *args):
    """`seam analyze` on samples/<sample> (-j 2, --root the sample, extra
    args), once per test process for each sample and args: (build, out,
    the finished process)."""
    key = (sample,) + args
    if key not in _analyzed:
        build = sample_compdb(sample)
        out = tmpdir("report-" + sample)
        p = seam("analyze", "-p", build, "--root", sample_root(sample), "-o", out, "-j", "2", *args)
        _analyzed[key] = (build, out, p)
    return _analyzed[key]


def validator():
    import jsonschema
    with open(os.path.join(SRC, "docs", "schema", "report.schema.json")) as f:
        return jsonschema.Draft202012Validator(json.load(f))


def load(path):
    with open(path) as f:
        return json.load(f)
