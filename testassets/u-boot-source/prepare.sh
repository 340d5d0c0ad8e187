#!/bin/bash
# Builds the U-Boot the fdt apply route's real boot (tests/Xen.Shm.Boot.Tests FdtApplyRouteBootTests) needs and
# Debian does not ship: Debian 12's own u-boot-qemu for qemu_arm64 (same source, same patches, same configuration)
# plus one option, CONFIG_OF_LIBFDT_OVERLAY=y, without which `fdt apply` answers "fdt apply: ... overlays but
# CONFIG_OF_LIBFDT_OVERLAY not set" (Debian's build, bookworm 2023.01 as trixie 2025.01, lacks it).
#   source   Debian's source package u-boot 2023.01+dfsg-2+deb12u3 (bookworm's Sources index): the .orig tarball and
#            the .debian tarball from deb.debian.org's pool, fetched by apt's own apt-helper and checked against the
#            SHA-256 pinned below (copied from bookworm's main/source/Sources); debian/patches/series applied in order
#   config   qemu_arm64_defconfig, CONFIG_LOCALVERSION as debian/rules sets it, + CONFIG_OF_LIBFDT_OVERLAY=y, make
#            olddefconfig; when the installed u-boot-qemu is this very version, its shipped configuration
#            (/usr/share/doc/u-boot-qemu/configs/config.qemu_arm64.gz) must equal ours but for that one line
#   build    Debian's aarch64-linux-gnu-gcc, make -jN u-boot.bin only, SOURCE_DATE_EPOCH = debian/changelog's date
# Cache (outside the repository): ${XSHM_UBOOT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/u-boot-build}
#   src/<tarball>                              the downloads (kept: a rebuild does not download again)
#   builds/qemu_arm64-overlay-<key>/u-boot.bin key = sha256 of both tarballs' sha256, the options, the compiler
#                                              version and this recipe's version (never a date)
#   qemu_arm64-overlay.txt                     written last = "this build is ready" (the tests read it)
# A warm run only hashes u-boot.bin (milliseconds). Environment: XSHM_UBOOT_BUILD_CACHE, XSHM_UBOOT_JOBS (default 2).
set -euo pipefail
RECIPE=2   # bump when the steps below change in a way that changes the image
NAME=qemu_arm64-overlay
VERSION=2023.01+dfsg-2+deb12u3
POOL=http://deb.debian.org/debian/pool/main/u/u-boot
ORIG=u-boot_2023.01+dfsg.orig.tar.xz
ORIG_SHA256=e75da6f089d063aaef39a1c17f1631791d87700662624e18de2121fa39a1ed44
DEBIAN=u-boot_$VERSION.debian.tar.xz
DEBIAN_SHA256=f9d96a5095d542d8732eccdabcd1d1e7eaaa832311ce395f78b8ead1fad9845e
DEFCONFIG=qemu_arm64_defconfig
OPTIONS="OF_LIBFDT_OVERLAY"
C=${XSHM_UBOOT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/u-boot-build}
JOBS=${XSHM_UBOOT_JOBS:-2}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
say() { echo "u-boot-source/prepare.sh: $*"; }
mkdir -p "$C"
# One run at a time per cache (two CI jobs on one machine share ~/.cache): the second waits, then finds it built.
exec 9>"$C/.lock"
flock 9

# --- 1. Debian's cross compiler and U-Boot's host-tool build dependencies (installed only when missing)
need=()
for p in gcc-aarch64-linux-gnu libc6-dev-arm64-cross make bc bison flex libssl-dev gcc libc6-dev python3 xz-utils patch; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi
CC_VERSION=$(aarch64-linux-gnu-gcc --version | head -1)
KEY=$(printf 'recipe=%s\norig=%s\ndebian=%s\ndefconfig=%s\noptions=%s\ncc=%s\n' \
  "$RECIPE" "$ORIG_SHA256" "$DEBIAN_SHA256" "$DEFCONFIG" "$OPTIONS" "$CC_VERSION" | sha256sum | cut -c1-16)
OUT="builds/$NAME-$KEY"

if [ -f "$C/$NAME.txt" ] && [ -f "$C/$OUT/u-boot.bin" ] \
   && grep -qx "u-boot=$OUT/u-boot.bin $(sha256sum "$C/$OUT/u-boot.bin" | cut -d' ' -f1)" "$C/$NAME.txt"; then
  say "$NAME cached ($OUT)"; exit 0
fi

# --- 2. the two tarballs, hash-checked by apt-helper (kept in src/; a bad or partial file is fetched again)
mkdir -p "$C/src"
fetch() {  # fetch FILE SHA256
  if [ -f "$C/src/$1" ] && [ "$(sha256sum "$C/src/$1" | cut -d' ' -f1)" = "$2" ]; then return 0; fi
  rm -f "$C/src/$1"
  say "fetching $POOL/$1"
  /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$POOL/$1" "$C/src/$1.part" "SHA256:$2" \
    || { say "could not fetch $1 with SHA-256 $2 (a bookworm point release may have replaced $VERSION: see dists/bookworm/main/source/Sources)" >&2; exit 1; }
  mv "$C/src/$1.part" "$C/src/$1"
}
fetch "$ORIG" "$ORIG_SHA256"
fetch "$DEBIAN" "$DEBIAN_SHA256"

# --- 3. unpack, Debian's patches, configure, build u-boot.bin
say "building $NAME from $ORIG + $DEBIAN (key $KEY)"
rm -f "$C/$NAME.txt"
W="$C/work"; rm -rf "$W"; mkdir -p "$W/o"
tar -xf "$C/src/$ORIG" -C "$W"
S="$W/u-boot-2023.01"
[ -d "$S" ] || { say "$ORIG did not unpack to u-boot-2023.01/" >&2; exit 1; }
tar -xf "$C/src/$DEBIAN" -C "$S"
t0=$SECONDS
(
  cd "$S"
  while IFS= read -r p; do
    p=${p%%#*}; p=${p//[[:space:]]/}
    [ -n "$p" ] || continue
    patch -p1 -s --no-backup-if-mismatch < "debian/patches/$p" || { say "Debian patch $p does not apply" >&2; exit 1; }
  done < debian/patches/series
  export CROSS_COMPILE=aarch64-linux-gnu-
  # As dpkg-buildpackage: the build date is debian/changelog's (the banner then reads as Debian's own build's,
  # "U-Boot 2023.01+dfsg-2+deb12u3 (Jun 22 2026 - 08:38:07 +0000)"), so a rebuild gives the same banner.
  SOURCE_DATE_EPOCH=$(date -d "$(sed -n 's/^ -- .*>  //p' debian/changelog | head -1)" +%s)
  export SOURCE_DATE_EPOCH
  make -s O="$W/o" "$DEFCONFIG" >/dev/null
  # debian/rules: CONFIG_LOCALVERSION = the Debian revision from "+dfsg" on
  sed -i -e "s,^CONFIG_LOCALVERSION=.*,CONFIG_LOCALVERSION=\"+${VERSION#*+}\"," "$W/o/.config"
  for o in $OPTIONS; do echo "CONFIG_$o=y"; done >> "$W/o/.config"
  make -s O="$W/o" olddefconfig >/dev/null 2>&1
  for o in $OPTIONS; do
    grep -qx "CONFIG_$o=y" "$W/o/.config" || { say "CONFIG_$o not set after olddefconfig (a dependency is missing)" >&2; exit 1; }
  done
  # Debian's own build of this version, when installed, must be ours minus the options.
  deb_config=/usr/share/doc/u-boot-qemu/configs/config.qemu_arm64.gz
  if [ "$(dpkg-query -W -f='${Version}' u-boot-qemu 2>/dev/null)" = "$VERSION" ] && [ -f "$deb_config" ]; then
    extra=$(diff <(zcat "$deb_config" | grep -v '^#' | grep -v '^$' | sort) <(grep -v '^#' "$W/o/.config" | grep -v '^$' | sort) || true)
    want=$(for o in $OPTIONS; do echo "> CONFIG_$o=y"; done | sort)
    [ "$(echo "$extra" | grep '^[<>]' | sort)" = "$want" ] \
      || { say "configuration differs from Debian's u-boot-qemu $VERSION by more than $OPTIONS:" >&2; echo "$extra" >&2; exit 1; }
    say "configuration = Debian's u-boot-qemu $VERSION + $OPTIONS"
  fi
  make -s O="$W/o" -j"$JOBS" u-boot.bin > "$W/build.log" 2>&1 || { tail -40 "$W/build.log" >&2; exit 1; }
)
rm -rf "$C/$OUT.tmp"; mkdir -p "$C/$OUT.tmp"
cp "$W/o/u-boot.bin" "$C/$OUT.tmp/u-boot.bin"; cp "$W/o/.config" "$C/$OUT.tmp/config"
rm -rf "$C/$OUT"; mv "$C/$OUT.tmp" "$C/$OUT"; rm -rf "$W"
{
  echo "format=1"
  echo "source=u-boot $VERSION $ORIG $ORIG_SHA256 $DEBIAN $DEBIAN_SHA256"
  echo "defconfig=$DEFCONFIG"
  echo "options=$OPTIONS"
  echo "key=$KEY"
  echo "compiler=$CC_VERSION"
  echo "u-boot=$OUT/u-boot.bin $(sha256sum "$C/$OUT/u-boot.bin" | cut -d' ' -f1)"
} > "$C/$NAME.txt.tmp"
mv "$C/$NAME.txt.tmp" "$C/$NAME.txt"
say "$NAME built in $((SECONDS - t0)) s; cache $C"
