#!/bin/sh
# The reference for `disk-image` (bench/README.md): the same files into an image of the same size with the
# standard tools. Usage: disk-image-reference.sh <folder> <image> <size in bytes, e.g. our image's>
set -e
rm -f "$2"
truncate -s "$3" "$2"
echo 'start=2048, type=c, bootable' | sfdisk -q "$2"
mkfs.fat -F 32 -s 1 --offset 2048 -i 12345678 "$2" >/dev/null
mcopy -s -i "$2@@1048576" "$1"/* ::/
