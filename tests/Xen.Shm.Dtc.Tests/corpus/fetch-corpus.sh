#!/usr/bin/env bash
# Fetches the device-tree corpus used by the differential tests and the dtc benchmark.
# Nothing here is committed: everything lands in the cache folder below.
#
#   XSHM_DT_CORPUS_DIR  where to put it (default ${XDG_CACHE_HOME:-~/.cache}/xen-shm-sdk/dt-corpus)
#
#   cpp-failures.txt  sources cpp rejected (with its message), if any
#
# Result (idempotent; a stamp file skips finished steps):
#   src/            arch/{arm,arm64}/boot/dts, include/dt-bindings, scripts/dtc/include-prefixes
#                   from Debian's linux-source-6.1: the RAW board sources every corpus test reads
#                   (the compiler's tests preprocess them with our preprocessor; the preprocessor's
#                   tests run Debian's cpp on them as the reference, live)
#   pp/             every board .dts/.dtso, run through cpp the way Kbuild does (scripts/Makefile.lib,
#                   cmd_dtc: `$(HOSTCC) -E $(dtc_cpp_flags) -x assembler-with-cpp`). No test reads it:
#                   it is cpp's output for the benchmarks that time the compiler alone (bench/: dtc,
#                   xdtc-process, overlay)
#   sources.txt     the files of pp/, sorted, relative to pp/ (benchmarks only)
#   dtb/            the .dtb files shipped in Debian's newest linux-image-*-arm64-unsigned
#   dtbs.txt        those files, sorted, relative to dtb/
#
# Needs: apt-get (download only: package lists go to a private folder, so neither root, nor
# `apt-get update` of the machine, nor `dpkg --add-architecture` is needed), dpkg-deb, tar, xz, cpp
# (for pp/ only).
set -euo pipefail

dir="${XSHM_DT_CORPUS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/dt-corpus}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
stamp="$dir/.stamp"
touch "$stamp"
done_step() { grep -qx "$1" "$stamp"; }
mark() { echo "$1" >>"$stamp"; }

for tool in apt-get apt-cache dpkg-deb tar xz cpp; do
  command -v "$tool" >/dev/null || { echo "fetch-corpus: $tool not installed" >&2; exit 1; }
done

# Package lists go to a private folder (arm64 lists also carry the arch-all linux-source), so the
# machine's apt state is neither needed nor changed.
apt="$dir/apt"
aptopts=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64
         -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o Debug::NoLocking=1)
apt_ready=0
apt_update() {
  [ "$apt_ready" = 1 ] && return 0
  rm -rf "$apt"; mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
  apt-get "${aptopts[@]}" update >/dev/null
  apt_ready=1
}

# --- (a) kernel sources ----------------------------------------------------------------------
if ! done_step source; then
  apt_update
  work="$dir/tmp.source"; rm -rf "$work"; mkdir -p "$work"
  (cd "$work" && apt-get "${aptopts[@]}" download linux-source-6.1)
  dpkg-deb -x "$work"/linux-source-6.1_*.deb "$work/deb"
  tarball="$(ls "$work"/deb/usr/src/linux-source-6.1*.tar.xz | head -n1)"
  rm -rf "$dir/src"; mkdir -p "$dir/src"
  # Only the folders the device trees need; include-prefixes holds symlinks into the others and
  # dt-bindings/input/linux-event-codes.h is a symlink into include/uapi.
  tar -xJf "$tarball" -C "$dir/src" --strip-components=1 --wildcards \
    '*/arch/arm/boot/dts/*' '*/arch/arm64/boot/dts/*' '*/include/dt-bindings/*' \
    '*/scripts/dtc/include-prefixes/*' '*/include/uapi/linux/input-event-codes.h'
  rm -rf "$work"
  mark source
fi

if ! done_step preprocess; then
  rm -rf "$dir/pp"; mkdir -p "$dir/pp"
  failed=0
  src="$dir/src"
  : >"$dir/cpp-failures.txt"
  # Kbuild 6.1: dtc_cpp_flags = -nostdinc -I$(srctree)/scripts/dtc/include-prefixes -undef -D__DTS__,
  # then `-x assembler-with-cpp`. -I<dts dir> and -I include change nothing for Kbuild's own files
  # but let stray `#include <x>` forms resolve the same way (the tests' PreprocessedCorpus.IncludeDirs
  # is this list).
  while IFS= read -r -d '' f; do
    rel="${f#"$src"/}"
    out="$dir/pp/${rel%.*}.dts"
    case "$f" in *.dtso) out="$dir/pp/${rel%.*}.dtso.dts" ;; esac
    mkdir -p "$(dirname "$out")"
    if cpp -nostdinc -I "$(dirname "$f")" -I "$src/include" -I "$src/scripts/dtc/include-prefixes" \
         -undef -D__DTS__ -x assembler-with-cpp -o "$out.tmp" "$f" 2>"$dir/cpp.err"; then
      mv "$out.tmp" "$out"
    else
      rm -f "$out.tmp"; failed=$((failed + 1))
      { echo "== $rel"; cat "$dir/cpp.err"; } >>"$dir/cpp-failures.txt"
    fi
  done < <(find "$src/arch/arm/boot/dts" "$src/arch/arm64/boot/dts" \( -type f -o -type l \) \( -name '*.dts' -o -name '*.dtso' \) -print0 | sort -z)
  rm -f "$dir/cpp.err"
  (cd "$dir/pp" && find . -type f -name '*.dts' | sed 's|^\./||' | LC_ALL=C sort) >"$dir/sources.txt"
  echo "fetch-corpus: cpp failed on $failed file(s)"
  mark preprocess
fi

# --- (b) shipped arm64 DTBs --------------------------------------------------------------------
if ! done_step dtb; then
  apt_update
  pkg="$(apt-cache "${aptopts[@]}" search --names-only '^linux-image-[0-9.]+-[0-9]+-arm64-unsigned$' \
         | cut -d' ' -f1 | sort -V | tail -n1)"
  [ -n "$pkg" ] || { echo "fetch-corpus: no linux-image-*-arm64-unsigned package found" >&2; exit 1; }
  echo "fetch-corpus: using $pkg"
  work="$dir/tmp.dtb"; rm -rf "$work"; mkdir -p "$work"
  (cd "$work" && apt-get "${aptopts[@]}" download "$pkg:arm64")
  dpkg-deb -x "$work"/*.deb "$work/root"
  rm -rf "$work/root/lib/modules" "$work/root/usr/lib/modules" "$dir/dtb"
  # Debian ships them as /usr/lib/linux-image-<version>/<vendor>/<board>.dtb.
  dtbroot="$(find "$work/root/usr/lib" -maxdepth 1 -type d -name 'linux-image-*' | head -n1)"
  [ -n "$dtbroot" ] || { echo "fetch-corpus: no DTB folder in $pkg" >&2; exit 1; }
  mkdir -p "$dir/dtb"
  (cd "$dtbroot" && find . -type f \( -name '*.dtb' -o -name '*.dtbo' \) -exec cp --parents -t "$dir/dtb" {} +)
  (cd "$dir/dtb" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$dir/dtbs.txt"
  echo "$pkg" >"$dir/dtb-package.txt"
  rm -rf "$work"
  mark dtb
fi

rm -rf "$apt"
echo "fetch-corpus: $dir"
echo "fetch-corpus: $(find "$dir/src/arch/arm/boot/dts" "$dir/src/arch/arm64/boot/dts" \( -name '*.dts' -o -name '*.dtso' \) | wc -l) raw board sources ($(wc -l <"$dir/sources.txt") preprocessed by cpp for the benchmarks), $(wc -l <"$dir/dtbs.txt") shipped DTBs"
