/*
 * xlcfg-dump: test helper for Xen.Shm.Generation.Tests. Reads an xl config with Debian's
 * libxlutil (the parser xl itself uses) and prints what it read, so the tests can compare
 * every value with what the C# writer meant to write. Compiled at test time:
 *   gcc -O1 -o xlcfg-dump xlcfg-dump.c -lxlutil
 *
 * Usage:
 *   xlcfg-dump FILE SPEC...     SPEC = s:KEY (string) | n:KEY (long) | l:KEY (list)
 *   xlcfg-dump --iomem ENTRY    scan ENTRY the way upstream tools/xl/xl_parse.c scans iomem
 *   xlcfg-dump --iomem-xilinx ENTRY   the Xilinx xl scan as spec §4.3 quotes it (X tools/xl/xl_parse.c:
 *                               "%x,%x%n@%x%n,%6s%n"); Debian ships upstream xl, so this one is a replica
 *
 * Output, one line each (strings as hex bytes so quotes/newlines survive):
 *   PARSE OK | PARSE FAIL <errno>
 *   S <key> <hex>       | S <key> ! <errno>
 *   N <key> <decimal>   | N <key> ! <errno>
 *   L <key> <count>     | L <key> ! <errno>, then I <key> <index> <hex> per item
 *   IOMEM OK <mfn hex> <nr hex> <gfn hex or -> [<word>]  | IOMEM BAD
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxlutil.h>

static void hex(const char *s)
{
    if (!*s) { fputs("-", stdout); return; }
    for (; *s; s++) printf("%02x", (unsigned char)*s);
}

static int iomem(const char *buf)
{
    /* Same scan and end check as upstream xl_parse.c parse_config_data(), "iomem". */
    uint64_t start = 0, number = 0, gfn = 0;
    int used = 0, ret;
    ret = sscanf(buf, "%" SCNx64 ",%" SCNx64 "%n@%" SCNx64 "%n", &start, &number, &used, &gfn, &used);
    if (ret < 2 || buf[used] != '\0') { puts("IOMEM BAD"); return 0; }
    if (ret == 3) printf("IOMEM OK %" PRIx64 " %" PRIx64 " %" PRIx64 "\n", start, number, gfn);
    else printf("IOMEM OK %" PRIx64 " %" PRIx64 " -\n", start, number);
    return 0;
}

static int iomem_xilinx(const char *buf)
{
    uint64_t start = 0, number = 0, gfn = 0;
    char word[7] = "";
    int used = 0, ret;
    ret = sscanf(buf, "%" SCNx64 ",%" SCNx64 "%n@%" SCNx64 "%n,%6s%n",
                 &start, &number, &used, &gfn, &used, word, &used);
    if (ret < 2 || buf[used] != '\0') { puts("IOMEM BAD"); return 0; }
    if (ret == 4 && strcmp(word, "memory") && strcmp(word, "devmem")) { puts("IOMEM BAD"); return 0; }
    if (ret == 2) printf("IOMEM OK %" PRIx64 " %" PRIx64 " -\n", start, number);
    else if (ret == 3) printf("IOMEM OK %" PRIx64 " %" PRIx64 " %" PRIx64 "\n", start, number, gfn);
    else printf("IOMEM OK %" PRIx64 " %" PRIx64 " %" PRIx64 " %s\n", start, number, gfn, word);
    return 0;
}

int main(int argc, char **argv)
{
    XLU_Config *cfg;
    int i, e;

    if (argc == 3 && !strcmp(argv[1], "--iomem")) return iomem(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "--iomem-xilinx")) return iomem_xilinx(argv[2]);
    if (argc < 2) { fputs("usage: xlcfg-dump FILE SPEC... | --iomem ENTRY\n", stderr); return 64; }

    cfg = xlu_cfg_init(stderr, argv[1]);
    if (!cfg) { perror("xlu_cfg_init"); return 70; }
    e = xlu_cfg_readfile(cfg, argv[1]);
    if (e) { printf("PARSE FAIL %d\n", e); xlu_cfg_destroy(cfg); return 0; }
    puts("PARSE OK");

    for (i = 2; i < argc; i++) {
        const char *spec = argv[i], *key = spec + 2;
        if (strlen(spec) < 3 || spec[1] != ':') { fprintf(stderr, "bad spec %s\n", spec); return 64; }
        if (spec[0] == 's') {
            const char *v = NULL;
            e = xlu_cfg_get_string(cfg, key, &v, 1);
            if (e) printf("S %s ! %d\n", key, e);
            else { printf("S %s ", key); hex(v); putchar('\n'); }
        } else if (spec[0] == 'n') {
            long v = 0;
            e = xlu_cfg_get_long(cfg, key, &v, 1);
            if (e) printf("N %s ! %d\n", key, e);
            else printf("N %s %ld\n", key, v);
        } else if (spec[0] == 'l') {
            XLU_ConfigList *list = NULL;
            int n = 0, j;
            e = xlu_cfg_get_list(cfg, key, &list, &n, 1);
            if (e) { printf("L %s ! %d\n", key, e); continue; }
            printf("L %s %d\n", key, n);
            for (j = 0; j < n; j++) {
                const char *item = xlu_cfg_get_listitem(list, j);
                printf("I %s %d ", key, j);
                if (item) hex(item); else fputs("!", stdout);
                putchar('\n');
            }
        } else {
            fprintf(stderr, "bad spec %s\n", spec);
            return 64;
        }
    }

    xlu_cfg_destroy(cfg);
    return 0;
}
