"""How resources/fonts/NotoNastaliqUrdu-*.ttf were made (run once; the TTFs are committed).

Noto Nastaliq Urdu 3.007 (OFL, resources/fonts/NotoNastaliqUrdu-OFL.txt) comes from the npm
package ``@fontsource/noto-nastaliq-urdu`` as WOFF2 subsets; its "arabic" subset holds every
Persian letter, ZWNJ, the Persian digits and «٬». fontTools (with brotli) turns WOFF2 into TTF,
which Qt and reportlab read. Debian's fonts-noto-extra ships 2.000, which draws Urdu letterforms.

    npm pack @fontsource/noto-nastaliq-urdu && tar xzf fontsource-noto-nastaliq-urdu-*.tgz
    pip install fonttools brotli
    python scripts/make_nastaliq.py package/files resources/fonts
"""

import sys
from pathlib import Path


def main(source: str, target: str) -> int:
    from fontTools.ttLib import TTFont

    for weight, style in ((400, "Regular"), (700, "Bold")):
        font = TTFont(Path(source) / f"noto-nastaliq-urdu-arabic-{weight}-normal.woff2")
        font.flavor = None
        out = Path(target) / f"NotoNastaliqUrdu-{style}.ttf"
        font.save(out)
        print(out, font["name"].getDebugName(5))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
