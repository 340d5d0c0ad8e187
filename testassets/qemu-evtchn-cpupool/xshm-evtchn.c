/* Xen.Shm.Sdk boot-test helper (testassets/qemu-evtchn-cpupool): Xen hypercalls from user space through
 * Linux's /dev/xen/privcmd (IOCTL_PRIVCMD_HYPERCALL), for the static event channel and cpupool boot.
 *   xshm-evtchn status PORT   EVTCHNOP_status of this domain's PORT: prints state, remote domain and port
 *   xshm-evtchn send PORT     EVTCHNOP_send on PORT: notifies the remote end (Xen sets its pending bit)
 *   xshm-evtchn keys KEYS     XEN_SYSCTL_debug_keys (dom0 only): Xen dumps state on its console
 *   xshm-evtchn pending S D.. dom0 only: presses 'e' every 2 s and reads Xen's console ring
 *                             (XEN_SYSCTL_readconsole) until, for every D ("d=1 p=20": a port whose far end is
 *                             domain 1 port 20), the last dump shows that port pending, or S seconds passed
 * Why not /dev/xen/evtchn: Debian 12's kernel (6.1) has no IOCTL_EVTCHN_BIND_STATIC (Linux 6.2), and binding an
 * already-bound static port any other way fails, so the guest cannot receive on it through Linux; the receiving
 * side is shown by Xen's own 'e' dump (the remote port's pending bit). Structures follow Xen's public headers
 * (xen/include/public/event_channel.h, sysctl.h; arm64: 64-bit guest handles). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Linux include/uapi/xen/privcmd.h (its header needs kernel-internal xen/interface/xen.h, so spelled out here). */
struct privcmd_hypercall { uint64_t op; uint64_t arg[5]; };
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define HYPERVISOR_event_channel_op 32
#define HYPERVISOR_sysctl 35
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define DOMID_SELF 0x7FF0U
#define SYSCTL_readconsole 1
#define SYSCTL_debug_keys 7

struct evtchn_status {
    uint16_t dom;
    uint32_t port;
    uint32_t status;
    uint32_t vcpu;
    union {
        struct { uint16_t dom; } unbound;
        struct { uint16_t dom; uint32_t port; } interdomain;
        uint32_t pirq, virq;
    } u;
};

struct sysctl {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct { uint64_t keys; uint32_t nr_keys; } debug_keys;
        struct { uint8_t clear, incremental, pad0, pad1; uint32_t index; uint64_t buffer; uint32_t count; } readconsole;
        uint8_t pad[128];
    } u;
};

static long hypercall(int fd, unsigned op, void *arg0, unsigned long arg1)
{
    struct privcmd_hypercall h = { .op = op };
    if (arg1 == (unsigned long)-1) { h.arg[0] = (uintptr_t)arg0; }
    else { h.arg[0] = arg1; h.arg[1] = (uintptr_t)arg0; }
    return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);
}

static const char *state(uint32_t s)
{
    static const char *names[] = { "closed", "unbound", "interdomain", "pirq", "virq", "ipi" };
    return s < 6 ? names[s] : "?";
}

/* A sysctl with the hypervisor's interface version: 4.21's (0x16) down to 4.16's (0x13); Xen refuses others. */
static struct sysctl sc;
static long sysctl(int fd)
{
    static uint32_t known;
    for (uint32_t v = known ? known : 0x16; v >= 0x13; v--) {
        sc.interface_version = v;
        if (hypercall(fd, HYPERVISOR_sysctl, &sc, -1) == 0) { known = v; return 0; }
        if (known) break;
    }
    return -1;
}

static int debug_keys(int fd, const char *keys)
{
    static char buf[64];
    strncpy(buf, keys, sizeof buf - 1);
    memset(&sc, 0, sizeof sc);
    sc.cmd = SYSCTL_debug_keys;
    sc.u.debug_keys.keys = (uintptr_t)buf;
    sc.u.debug_keys.nr_keys = strlen(buf);
    if (sysctl(fd) == 0) { printf("XSHM: debug keys '%s' sent (sysctl interface 0x%x)\n", buf, sc.interface_version); return 0; }
    printf("XSHM: debug keys '%s' refused: %s\n", buf, strerror(errno));
    return 1;
}

/* In the last 'e' dump in the ring, the port line ending in " <far>" (e.g. " d=1 p=20") shows pending ("[1/"). */
static int pending_in(const char *ring, const char *far)
{
    const char *hit = NULL;
    size_t n = strlen(far);
    for (const char *p = strstr(ring, far); p; p = strstr(p + 1, far))
        if (p > ring && p[-1] == ' ' && (p[n] == '\n' || p[n] == '\r' || p[n] == ' ')) hit = p;
    if (!hit) return 0;
    const char *line = hit;
    while (line > ring && line[-1] != '\n') line--;
    /* "(XEN) [ timestamp]    10 [p/m/...]": the bits are the '[' followed by a digit and '/', not the timestamp's. */
    for (const char *b = strchr(line, '['); b && b < hit; b = strchr(b + 1, '['))
        if ((b[1] == '0' || b[1] == '1') && b[2] == '/') return b[1] == '1';
    return 0;
}

static int wait_pending(int fd, int seconds, char **fars, int n)
{
    static char ring[1 << 17];
    memset(ring, ' ', sizeof ring); /* fault the pages in: Xen copies into them */
    for (int t = 0; t <= seconds; t += 2) {
        memset(&sc, 0, sizeof sc);
        static char e[] = "e";
        sc.cmd = SYSCTL_debug_keys;
        sc.u.debug_keys.keys = (uintptr_t)e;
        sc.u.debug_keys.nr_keys = 1;
        if (sysctl(fd) != 0) { printf("XSHM: debug key e refused: %s\n", strerror(errno)); return 1; }
        usleep(300000);
        memset(&sc, 0, sizeof sc);
        sc.cmd = SYSCTL_readconsole;
        sc.u.readconsole.buffer = (uintptr_t)ring;
        sc.u.readconsole.count = sizeof ring - 1;
        if (sysctl(fd) != 0) { printf("XSHM: console ring unreadable: %s\n", strerror(errno)); return 1; }
        ring[sc.u.readconsole.count] = 0;
        int found = 0;
        for (int i = 0; i < n; i++) found += pending_in(ring, fars[i]);
        if (found == n) { printf("XSHM: Xen shows all %d far ports pending after %d s\n", n, t); return 0; }
        sleep(2);
    }
    printf("XSHM: Xen does not show all %d far ports pending after %d s\n", n, seconds);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: xshm-evtchn status|send PORT | keys KEYS | pending SECONDS FAR...\n"); return 2; }
    int fd = open("/dev/xen/privcmd", O_RDWR);
    if (fd < 0) { printf("XSHM: evtchn: cannot open /dev/xen/privcmd: %s\n", strerror(errno)); return 1; }
    if (!strcmp(argv[1], "keys")) return debug_keys(fd, argv[2]);
    if (!strcmp(argv[1], "pending") && argc >= 4) return wait_pending(fd, atoi(argv[2]), argv + 3, argc - 3);
    unsigned port = (unsigned)strtoul(argv[2], NULL, 0);
    if (!strcmp(argv[1], "send")) {
        static uint32_t send_port;
        send_port = port;
        long rc = hypercall(fd, HYPERVISOR_event_channel_op, &send_port, EVTCHNOP_send);
        printf("XSHM: evtchn send port %u: %s\n", port, rc == 0 ? "ok" : strerror(errno));
        return rc == 0 ? 0 : 1;
    }
    static struct evtchn_status st;
    st.dom = DOMID_SELF;
    st.port = port;
    if (hypercall(fd, HYPERVISOR_event_channel_op, &st, EVTCHNOP_status) != 0) {
        printf("XSHM: evtchn status port %u: %s\n", port, strerror(errno));
        return 1;
    }
    if (st.status == 2) printf("XSHM: evtchn port %u: interdomain to d%u port %u\n", port, st.u.interdomain.dom, st.u.interdomain.port);
    else printf("XSHM: evtchn port %u: %s\n", port, state(st.status));
    return 0;
}
