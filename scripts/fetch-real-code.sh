#!/usr/bin/env bash
# shellcheck disable=SC2317  # prepare_* functions are called by computed name
# Fetch real C code from Debian source packages and produce a
# compile_commands.json for each, so seam can be tested on it.
#
# Usage: scripts/fetch-real-code.sh [--dest DIR] [PKG...]
#   PKG among: lua5.4 sqlite3 redis bash postgresql-15
#   default DIR: build/realcode (relative to the repo root)
#   default PKGs: lua5.4 sqlite3
#
# Layout in DIR:
#   PKG-src/                 the Debian source package (apt-get source) and its
#                            unpacked tree (dpkg-source -x), plus build/ dirs
#   PKG/compile_commands.json
#   PKG/src (-> the tree)    a link for browsing (lua5.4, redis, bash, postgres)
#   PKG/.seam-prepared       marker: the package is ready; a rerun skips it
#
# How each compile database is made (the package's build system is run only
# where the TUs need what it generates):
#   lua5.4        listed from src/Makefile (liblua + lua.c + luac.c), flags of
#                 `make linux`; writes the header debian/rules would write
#   sqlite3       ./configure && make sqlite3.c shell.c (the amalgamation,
#                 needs tclsh), then sqlite3.c + shell.c
#   redis         listed from src/Makefile (server, cli, benchmark), Linux
#                 flags with the libc allocator; writes src/release.h
#   bash          ./configure && bear -- make (about a minute on 2 cores)
#   postgresql-15 ./configure, make generated-headers, then the compile
#                 commands of `make -n -C src/backend` (a dry run: no compiling)
#
# Third-party code is only ever downloaded at run time, never committed.
# Needs root: adds /etc/apt/sources.list.d/seam-deb-src.sources (deb-src twins
# of debian.sources) once, and apt-get installs missing tools (dpkg-dev, tcl,
# bear, gcc, make, perl).
set -euo pipefail

SUPPORTED=(lua5.4 sqlite3 redis bash postgresql-15)
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST="$REPO_ROOT/build/realcode"
PKGS=()

usage() {
    sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

die() { echo "fetch-real-code: $*" >&2; exit 1; }
log() { echo "fetch-real-code: $*" >&2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --dest) [ $# -ge 2 ] || die "--dest needs a directory"; DEST=$2; shift 2 ;;
        --dest=*) DEST=${1#--dest=}; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) die "unknown option: $1" ;;
        *) PKGS+=("$1"); shift ;;
    esac
done
[ ${#PKGS[@]} -gt 0 ] || PKGS=(lua5.4 sqlite3)
for p in "${PKGS[@]}"; do
    case " ${SUPPORTED[*]} " in
        *" $p "*) ;;
        *) echo "fetch-real-code: unknown package: $p (supported: ${SUPPORTED[*]})" >&2; exit 2 ;;
    esac
done
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

# ---------------------------------------------------------------- helpers ---

DEB_SRC_FILE=/etc/apt/sources.list.d/seam-deb-src.sources
DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources
APT_UPDATED=0

# Print a deb822 file with one `Types: deb-src` stanza per stanza of $1 that
# has Types: deb, copying URIs, Suites, Components and Signed-By (including
# multi-line Signed-By blocks). Comments are dropped.
make_deb_src_stanzas() {
    awk '
        function flush() {
            if (has_deb && !disabled && uris != "") {
                if (n++) print ""
                print "Types: deb-src"
                print "URIs: " uris
                print "Suites: " suites
                if (comps != "") print "Components: " comps
                if (signed != "") print "Signed-By:" signed
            }
            has_deb = disabled = 0; uris = suites = comps = signed = ""; field = ""
        }
        BEGIN { n = 0; flush() }
        /^#/ { next }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]/ {                       # continuation of the previous field
            if (field == "signed-by") signed = signed "\n" $0
            else if (field == "uris") uris = uris " " $1
            else if (field == "suites") { sub(/^[ \t]+/, ""); suites = suites " " $0 }
            else if (field == "components") { sub(/^[ \t]+/, ""); comps = comps " " $0 }
            next
        }
        {
            i = index($0, ":"); if (i == 0) next
            field = tolower(substr($0, 1, i - 1)); val = substr($0, i + 1)
            v = val; sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
            if (field == "types") { if ((" " v " ") ~ / deb /) has_deb = 1 }
            else if (field == "uris") uris = v
            else if (field == "suites") suites = v
            else if (field == "components") comps = v
            else if (field == "signed-by") { s = val; sub(/[ \t]+$/, "", s); signed = s }
            else if (field == "enabled" && tolower(v) == "no") disabled = 1
        }
        END { flush() }
    ' "$1"
}

have_source_indexes() {
    compgen -G '/var/lib/apt/lists/*_Sources*' >/dev/null
}

ensure_deb_src() {
    if [ ! -e "$DEB_SRC_FILE" ]; then
        [ -r "$DEBIAN_SOURCES" ] || die "$DEBIAN_SOURCES not found: cannot derive deb-src entries"
        local tmp
        tmp=$(mktemp)
        make_deb_src_stanzas "$DEBIAN_SOURCES" >"$tmp"
        [ -s "$tmp" ] || { rm -f "$tmp"; die "no 'Types: deb' stanza found in $DEBIAN_SOURCES"; }
        log "enabling Debian source packages: $DEB_SRC_FILE"
        { echo "# Added by seam scripts/fetch-real-code.sh: deb-src twins of debian.sources"; cat "$tmp"; } >"$DEB_SRC_FILE"
        chmod 644 "$DEB_SRC_FILE"
        rm -f "$tmp"
        apt-get update -q >&2
        APT_UPDATED=1
    elif ! have_source_indexes; then
        # The file is there but the Sources indexes are not (lists cleaned).
        log "source indexes missing: apt-get update"
        apt-get update -q >&2
        APT_UPDATED=1
    fi
}

apt_install() {   # apt_install PKG... (installs only what is missing)
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    if [ "$APT_UPDATED" = 0 ]; then apt-get update -q >&2; APT_UPDATED=1; fi
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

ensure_tools() {
    command -v dpkg-source >/dev/null || apt_install dpkg-dev
    command -v python3 >/dev/null || apt_install python3
}

# fetch_source PKG: download and unpack the Debian source package into
# DEST/PKG-src; prints the unpacked source directory.
fetch_source() {
    local pkg=$1 srcdir="$DEST/$1-src"
    # .unpacked holds the name of the unpacked directory once dpkg-source is done.
    if [ -s "$srcdir/.unpacked" ] && [ -d "$srcdir/$(cat "$srcdir/.unpacked")" ]; then
        echo "$srcdir/$(cat "$srcdir/.unpacked")"; return
    fi
    rm -rf "$srcdir"
    mkdir -p "$srcdir"
    log "$pkg: apt-get source --download-only"
    # apt drops root privileges to _apt for downloads: let it write there.
    chmod 777 "$srcdir"
    # The newest version first; a mirror may lack it (e.g. a security update
    # whose files are not there yet): then try the other versions it lists.
    if ! (cd "$srcdir" && apt-get source --download-only -q "$pkg" >&2); then
        local v ok=0
        for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version:[[:space:]]*//p' | sort -u -V -r); do
            log "$pkg: download failed; trying version $v"
            find "$srcdir" -mindepth 1 -delete
            if (cd "$srcdir" && apt-get source --download-only -q "$pkg=$v" >&2); then ok=1; break; fi
        done
        [ "$ok" = 1 ] || die "$pkg: apt-get source failed for every version"
    fi
    local dsc
    dsc=$(find "$srcdir" -maxdepth 1 -name '*.dsc' | head -n1)
    [ -n "$dsc" ] || die "$pkg: no .dsc downloaded"
    log "$pkg: dpkg-source -x $(basename "$dsc")"
    local name
    name=$(sed -n 's/^Source:[[:space:]]*//p' "$dsc" | head -n1)-$(sed -n 's/^Version:[[:space:]]*//p' "$dsc" | head -n1 | sed 's/^[0-9]*://; s/-[^-]*$//')
    (cd "$srcdir" && dpkg-source -x "$(basename "$dsc")" "$name" >&2)
    chmod 755 "$srcdir"
    [ -d "$srcdir/$name" ] || die "$pkg: dpkg-source produced no $srcdir/$name"
    echo "$name" >"$srcdir/.unpacked"
    echo "$srcdir/$name"
}

# write_compdb OUT DIR COMPILER FLAGS-FILE FILE...
# Writes a compile_commands.json in `arguments` form: one entry per FILE
# (relative to DIR), with the flags (one per line in FLAGS-FILE) and
# `-c FILE -o FILE.o`.
write_compdb() {
    local out=$1 dir=$2 cc=$3 flags=$4; shift 4
    python3 - "$out" "$dir" "$cc" "$flags" "$@" <<'EOF'
import json, os, sys
out, directory, cc, flagsfile, *files = sys.argv[1:]
with open(flagsfile) as f:
    flags = [l.rstrip("\n") for l in f if l.strip()]
entries = []
for fn in files:
    obj = os.path.splitext(fn)[0] + ".o"
    entries.append({
        "directory": os.path.abspath(directory),
        "arguments": [cc] + flags + ["-c", fn, "-o", obj],
        "file": fn,
        "output": obj,
    })
with open(out + ".tmp", "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
os.replace(out + ".tmp", out)
EOF
}

# filter_bear_compdb IN OUT EXCLUDE-REGEX
# Takes a database recorded by `bear`, keeps compile entries (with -c) whose
# file's basename does not match EXCLUDE-REGEX and that are not -DBUILDTOOL
# host tools, keeps the last entry per (directory, file), and makes every
# entry name its output with `-o` (bear records `cc -c x.c` as it is).
filter_bear_compdb() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, os, re, sys
src, out, exclude = sys.argv[1:]
excl = re.compile(exclude) if exclude else None
kept = {}
for e in json.load(open(src)):
    args = e.get("arguments")
    if not args or "-c" not in args or "-DBUILDTOOL" in args:
        continue
    if excl and excl.search(os.path.basename(e["file"])):
        continue
    if "-o" not in args:
        obj = os.path.splitext(os.path.basename(e["file"]))[0] + ".o"
        args = args + ["-o", obj]
        e["output"] = os.path.join(e["directory"], obj)
    e["arguments"] = args
    kept[(e["directory"], e["file"])] = e
entries = list(kept.values())
with open(out + ".tmp", "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
os.replace(out + ".tmp", out)
EOF
}

# compdb_from_dry_run LOG OUT KEEP-REGEX
# Reads the output of `make -n -w` (what make would run, and the directory
# it would run it in) and writes an `arguments`-form compile database with
# the single-line `gcc ... -c ... -o X.o X.c` commands whose
# "directory/output" matches KEEP-REGEX (a Python regex, searched).
compdb_from_dry_run() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, os, re, shlex, sys
log, out, keep = sys.argv[1:]
keep = re.compile(keep)
enter = re.compile(r"^\S*make(\[\d+\])?: Entering directory '(.*)'")
leave = re.compile(r"^\S*make(\[\d+\])?: Leaving directory")
dirs, entries, seen = [], [], set()
for line in open(log, errors="replace"):
    m = enter.match(line)
    if m:
        dirs.append(m.group(2)); continue
    if leave.match(line):
        if dirs: dirs.pop()
        continue
    if not dirs or " -c " not in line:
        continue
    try:
        args = shlex.split(line)
    except ValueError:
        continue
    if not args or os.path.basename(args[0]) not in ("gcc", "cc", "clang") or "-c" not in args:
        continue
    if any(a in (";", "&&", "||", "|", ">", "<") for a in args):
        continue
    srcs = [a for a in args[1:] if a.endswith(".c") and not a.startswith("-")]
    if len(srcs) != 1 or "-o" not in args:
        continue
    obj = args[args.index("-o") + 1]
    d = dirs[-1]
    if not keep.search(os.path.join(d, obj)):
        continue
    key = (d, srcs[0], obj)
    if key in seen:
        continue
    seen.add(key)
    entries.append({"directory": d, "arguments": args, "file": srcs[0], "output": obj})
with open(out + ".tmp", "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
os.replace(out + ".tmp", out)
EOF
}

# Make DEST/PKG point at the tree whose paths the compile database uses.
link_tree() {   # link_tree PKG SRCTREE
    local out="$DEST/$1"
    rm -rf "$out"
    mkdir -p "$out"
    ln -sfn "$2" "$out/src"
}

# ----------------------------------------------------------- per package ---

prepare_lua5_4() {
    local src
    src=$(fetch_source lua5.4)
    local out="$DEST/lua5.4"
    link_tree lua5.4 "$src"
    # Flags from src/Makefile, target `linux` (= linux-noreadline):
    #   CC= gcc -std=gnu99
    #   CFLAGS= -Wall -Wextra -DLUA_COMPAT_5_3 $(SYSCFLAGS) $(MYCFLAGS)
    #   SYSCFLAGS="-DLUA_USE_LINUX"
    # (Debian's MYCFLAGS come from dpkg-buildflags; we keep only its -O2.)
    # Check the Makefile still says so, so a newer Lua does not drift silently.
    local mk="$src/src/Makefile"
    grep -q -- '^CC=.*-std=gnu99' "$mk" || die "lua5.4: $mk: CC no longer has -std=gnu99; update the flags"
    grep -q -- '^CFLAGS=.*-DLUA_COMPAT_5_3' "$mk" || die "lua5.4: $mk: CFLAGS no longer has -DLUA_COMPAT_5_3; update the flags"
    grep -q -- 'SYSCFLAGS="-DLUA_USE_LINUX"' "$mk" || die "lua5.4: $mk: linux target changed; update the flags"
    # TUs: liblua (CORE_O + LIB_O), the interpreter (LUA_O) and compiler (LUAC_O).
    local objs="" var o
    for var in CORE_O LIB_O LUA_O LUAC_O; do
        o=$(sed -n "s/^$var=[[:space:]]*//p" "$mk")
        [ -n "$o" ] || die "lua5.4: cannot read $var from $mk"
        objs+=" $o"
    done
    local files=() f
    for o in $objs; do
        f="${o%.o}.c"
        [ -f "$src/src/$f" ] || die "lua5.4: missing $src/src/$f"
        files+=("$f")
    done
    # Debian's patched luaconf.h includes a header that debian/rules writes at
    # configure time; write it the same way.
    local ma
    ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
    if grep -q 'lua5.4-deb-multiarch.h' "$src/src/luaconf.h"; then
        printf '#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH "%s"\n#endif\n' \
            "$ma" >"$src/src/lua5.4-deb-multiarch.h"
    fi
    local flags
    flags=$(mktemp)
    printf '%s\n' -std=gnu99 -Wall -Wextra -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -O2 >"$flags"
    write_compdb "$out/compile_commands.json" "$src/src" gcc "$flags" "${files[@]}"
    rm -f "$flags"
}

prepare_sqlite3() {
    apt_install tcl gcc make
    local src
    src=$(fetch_source sqlite3)
    local out="$DEST/sqlite3"
    local bld="$DEST/sqlite3-src/build"
    if [ ! -f "$bld/sqlite3.c" ] || [ ! -f "$bld/shell.c" ]; then
        rm -rf "$bld"
        mkdir -p "$bld"
        log "sqlite3: configure && make sqlite3.c shell.c (sqlite's own generators)"
        (cd "$bld" && "$src/configure" --disable-tcl >"$bld/configure.log" 2>&1) ||
            { tail -n 30 "$bld/configure.log" >&2; die "sqlite3: configure failed (log: $bld/configure.log)"; }
        (cd "$bld" && make -j"$JOBS" sqlite3.c shell.c >"$bld/make.log" 2>&1) ||
            { tail -n 30 "$bld/make.log" >&2; die "sqlite3: make sqlite3.c shell.c failed (log: $bld/make.log)"; }
    fi
    rm -rf "$out"
    mkdir -p "$out"
    # Keep the amalgamation self-contained in DEST/sqlite3.
    cp "$bld/sqlite3.c" "$bld/sqlite3.h" "$bld/shell.c" "$out/"
    if [ -f "$bld/sqlite3ext.h" ]; then cp "$bld/sqlite3ext.h" "$out/"; else cp "$src/src/sqlite3ext.h" "$out/"; fi
    local flags
    flags=$(mktemp)
    printf '%s\n' -O2 -DSQLITE_THREADSAFE=1 -I. >"$flags"
    write_compdb "$out/compile_commands.json" "$out" gcc "$flags" sqlite3.c shell.c
    rm -f "$flags"
}

prepare_redis() {
    local src
    src=$(fetch_source redis)
    local out="$DEST/redis"
    link_tree redis "$src"
    local mk="$src/src/Makefile"
    # src/Makefile on Linux with gcc: REDIS_CC = $(CC) $(FINAL_CFLAGS) with
    #   STD=-pedantic -DREDIS_STATIC='' -std=c11 (gcc has C11 _Atomic)
    #   WARN=-Wall -W -Wno-missing-field-initializers, OPT=-O2, DEBUG=-g -ggdb
    #   -I../deps/hiredis -I../deps/linenoise -I../deps/lua/src -I../deps/hdr_histogram
    # Allocator: libc (MALLOC=libc, i.e. `make USE_JEMALLOC=no`), no TLS, no
    # systemd: no extra -dev packages needed. (Debian builds with the system
    # jemalloc, TLS and systemd.)
    grep -q -- "^STD=-pedantic -DREDIS_STATIC=''" "$mk" || die "redis: $mk: STD changed; update the flags"
    grep -q -- '^WARN=-Wall -W -Wno-missing-field-initializers' "$mk" || die "redis: $mk: WARN changed; update the flags"
    grep -q -- '^FINAL_CFLAGS+= -I../deps/hiredis -I../deps/linenoise -I../deps/lua/src -I../deps/hdr_histogram' "$mk" ||
        die "redis: $mk: dependency include paths changed; update the flags"
    # release.h is written by mkreleasehdr.sh at make time; write the same
    # three macros without asking git.
    if [ ! -f "$src/src/release.h" ]; then
        printf '#define REDIS_GIT_SHA1 "00000000"\n#define REDIS_GIT_DIRTY "0"\n#define REDIS_BUILD_ID "seam-0"\n' \
            >"$src/src/release.h"
    fi
    # TUs: ALL_SOURCES = redis-server, redis-cli and redis-benchmark objects
    # (redis-sentinel, -check-rdb, -check-aof are redis-server itself).
    local objs="" var o
    for var in REDIS_SERVER_OBJ REDIS_CLI_OBJ REDIS_BENCHMARK_OBJ; do
        o=$(sed -n "s/^$var=[[:space:]]*//p" "$mk")
        [ -n "$o" ] || die "redis: cannot read $var from $mk"
        objs+=" $o"
    done
    local files=() f
    # shellcheck disable=SC2086  # $objs: word splitting wanted
    for f in $(printf '%s\n' $objs | sed 's/\.o$/.c/' | sort -u); do
        [ -f "$src/src/$f" ] || die "redis: missing $src/src/$f"
        files+=("$f")
    done
    local flags
    flags=$(mktemp)
    printf '%s\n' -pedantic -DREDIS_STATIC= -std=c11 -Wall -W -Wno-missing-field-initializers \
        -O2 -g -ggdb -I../deps/hiredis -I../deps/linenoise -I../deps/lua/src -I../deps/hdr_histogram >"$flags"
    write_compdb "$out/compile_commands.json" "$src/src" gcc "$flags" "${files[@]}"
    rm -f "$flags"
}

prepare_bash() {
    apt_install bear gcc make
    local src
    src=$(fetch_source bash)
    local out="$DEST/bash"
    local bld="$DEST/bash-src/build"
    # bash needs configure-generated and build-generated sources (config.h,
    # pathnames.h, version.h, signames.h, syntax.c, builtins/*.c from *.def),
    # and its own make builds in about a minute: record it with bear.
    # Configure as Debian does (debian/rules conf_args) except that the
    # bundled readline is used, so no libreadline-dev is needed.
    # RM=true keeps the builtins/*.c that make generates from *.def and
    # deletes right after compiling them, so bear keeps their entries.
    if [ ! -f "$bld/compile_commands.raw.json" ]; then
        rm -rf "$bld"
        mkdir -p "$bld"
        log "bash: configure (out of tree, in $bld)"
        (cd "$bld" && "$src/configure" --enable-largefile --prefix=/usr --without-bash-malloc \
            >"$bld/configure.log" 2>&1) ||
            { tail -n 30 "$bld/configure.log" >&2; die "bash: configure failed (log: $bld/configure.log)"; }
        log "bash: bear -- make -j$JOBS"
        (cd "$bld" && bear --output "$bld/compile_commands.bear.json" -- make -j"$JOBS" RM=true \
            >"$bld/make.log" 2>&1) ||
            { tail -n 30 "$bld/make.log" >&2; die "bash: make failed (log: $bld/make.log)"; }
        mv "$bld/compile_commands.bear.json" "$bld/compile_commands.raw.json"
    fi
    rm -rf "$out"
    mkdir -p "$out"
    ln -sfn "$src" "$out/src"
    ln -sfn "$bld" "$out/build"
    # Drop the host tools that generate sources and the docs helper.
    filter_bear_compdb "$bld/compile_commands.raw.json" "$out/compile_commands.json" \
        '^(mkbuiltins|mksyntax|mksignames|bashversion|man2html|psize)\.c$'
}

prepare_postgresql_15() {
    apt_install gcc make perl
    local src
    src=$(fetch_source postgresql-15)
    local out="$DEST/postgresql-15"
    # The postgres server: src/backend (+ src/timezone, one of its SUBDIRS)
    # and the server builds of src/port and src/common (*_srv.o), i.e. what
    # links into the `postgres` binary. A full build takes many minutes, so:
    #   1. ./configure (in tree; no readline/zlib, so no -dev packages);
    #   2. make the generated headers for real (catalog, fmgr, errcodes, ...;
    #      about a second; the parser/scanner .c files ship in the tarball);
    #   3. `make -k -n -w -C src/backend`: the build system prints every
    #      compile command and its directory without running it; we keep those.
    # (-k: the dry run stops at linking `postgres`, whose libraries a dry run
    # does not build; every compile command is printed before that.)
    local dry="$DEST/postgresql-15-src/make-dry-run.log"
    if [ ! -f "$dry" ]; then
        if [ ! -f "$src/src/Makefile.global" ]; then
            log "postgresql-15: configure"
            (cd "$src" && ./configure --without-readline --without-zlib \
                >"$DEST/postgresql-15-src/configure.log" 2>&1) ||
                { tail -n 30 "$DEST/postgresql-15-src/configure.log" >&2
                  die "postgresql-15: configure failed (log: $DEST/postgresql-15-src/configure.log)"; }
        fi
        log "postgresql-15: make generated-headers, src/port/pg_config_paths.h"
        (cd "$src" && make -C src/backend generated-headers && make -C src/port pg_config_paths.h) >"$DEST/postgresql-15-src/make-headers.log" 2>&1 ||
            { tail -n 30 "$DEST/postgresql-15-src/make-headers.log" >&2; die "postgresql-15: generating headers failed"; }
        log "postgresql-15: make -k -n -w -C src/backend (dry run)"
        (cd "$src" && make -k -n -w -C src/backend >"$dry.tmp" 2>&1) || true
        mv "$dry.tmp" "$dry"
    fi
    link_tree postgresql-15 "$src"
    compdb_from_dry_run "$dry" "$out/compile_commands.json" \
        '/src/(backend|timezone)/|/src/(port|common)/[^/]*_srv\.o$'
    local n
    n=$(count_tus "$out/compile_commands.json")
    [ "$n" -gt 500 ] || die "postgresql-15: only $n TUs found in the dry run ($dry)"
}

# ------------------------------------------------------------------ main ---

count_tus() {
    python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$1"
}

status=0
DONE_PKGS=()
for pkg in "${PKGS[@]}"; do
    marker="$DEST/$pkg/.seam-prepared"
    db="$DEST/$pkg/compile_commands.json"
    if [ -f "$marker" ] && [ -f "$db" ]; then
        DONE_PKGS+=("$pkg")
        continue
    fi
    ensure_deb_src
    ensure_tools
    fn="prepare_${pkg//[.-]/_}"
    # A subshell that is not part of an || list, so `set -e` holds inside it.
    set +e
    ( set -e; "$fn" )
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
        [ "$status" -ne 0 ] || status=$rc
        continue
    fi
    [ -f "$db" ] || die "$pkg: no compile database produced"
    date -u +%Y-%m-%dT%H:%M:%SZ >"$marker"
    DONE_PKGS+=("$pkg")
done

for pkg in ${DONE_PKGS[@]+"${DONE_PKGS[@]}"}; do
    db="$DEST/$pkg/compile_commands.json"
    echo "$pkg: $db ($(count_tus "$db") TUs)"
done
exit "$status"
