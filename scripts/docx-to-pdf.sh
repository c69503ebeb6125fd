#!/usr/bin/env bash
# Convert generated DOCX files to PDF with LibreOffice (Debian: libreoffice-writer-nogui) and, when pdftoppm
# (poppler-utils) is there, render each page to PNG at 60 dpi for a person to look at.
#   scripts/docx-to-pdf.sh OUTDIR file.docx [more.docx …]
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 OUTDIR file.docx [more.docx …]" >&2; exit 2; fi
out=$1; shift
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 3; fi
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$soffice" "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$out" "$@"
if command -v pdftoppm >/dev/null; then
  for f in "$@"; do
    pdf="$out/$(basename "${f%.*}").pdf"
    pdftoppm -png -r 60 "$pdf" "${pdf%.pdf}"
  done
fi
ls -1 "$out"
