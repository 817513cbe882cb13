// The no-egress check's recorder (scripts/no-egress.sh): a library the dynamic loader puts into every process of the
// check's namespace (its /etc/ld.so.preload), whatever the process's environment. It writes down each process start,
// each connect() and each datagram sent to an address (IPv4 and IPv6, from JavaScript, native add-ons and browsers
// alike: all of them reach the network through libc), and each name given to getaddrinfo(). One line per event,
// appended with one write(), so lines from concurrent processes never interleave. Costs a few microseconds per
// connection; ordinary reads and writes on connected sockets are not touched.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef EGRESS_LOG
#error "build with -DEGRESS_LOG='\"/path/to/log\"'"
#endif

__attribute__((format(printf, 1, 2))) static void put(const char *fmt, ...) {
  int saved = errno; // the caller's errno is the call's answer: logging must not change it
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof line - 1) n = sizeof line - 1;
  int fd = open(EGRESS_LOG, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ssize_t ignored = write(fd, line, (size_t)n);
    (void)ignored;
    close(fd);
  }
  errno = saved;
}

// Who this is: the executable and its first argument that is not a switch (node's script), plus Chromium's
// process type. Read again after a fork without exec, since Chromium's zygote renames its children.
static char who[256];
static pid_t who_pid;
static const char *label(void) {
  if (who_pid == getpid()) return who;
  who_pid = getpid();
  char exe[256] = "?", args[2048];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 1] = 0;
  const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
  const char *script = "", *type = "";
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  n = fd >= 0 ? read(fd, args, sizeof args - 1) : 0;
  if (fd >= 0) close(fd);
  args[n > 0 ? n : 0] = 0;
  int skip = 0;
  for (char *a = args + strlen(args) + 1; n > 0 && a < args + n; a += strlen(a) + 1) {
    if (!*type && strncmp(a, "--type=", 7) == 0) type = a;
    if (!*script && !skip && a[0] != '-') script = strrchr(a, '/') ? strrchr(a, '/') + 1 : a;
    // node's preloads (`--import tsx`) take a value that is not the script
    skip = strcmp(a, "--import") == 0 || strcmp(a, "--require") == 0 || strcmp(a, "-r") == 0 || strcmp(a, "--loader") == 0 ||
           strcmp(a, "--conditions") == 0 || strcmp(a, "-C") == 0;
  }
  snprintf(who, sizeof who, "%s%s%.60s%s%s", base, *script ? " " : "", script, *type ? " " : "", type);
  for (char *c = who; *c; c++)
    if (*c == '\t' || *c == '\n') *c = ' ';
  return who;
}

static const char *kind(int fd) {
  int type = 0;
  socklen_t len = sizeof type;
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) return "?";
  return type == SOCK_STREAM ? "tcp" : type == SOCK_DGRAM ? "udp" : "other";
}

// "address<TAB>port" of an IPv4 or IPv6 destination; 0 for anything else (Unix sockets, netlink: not the network).
static int where(const struct sockaddr *sa, char *out, size_t size) {
  char text[INET6_ADDRSTRLEN];
  if (sa == NULL) return 0;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    snprintf(out, size, "%s\t%u", text, ntohs(in->sin_port));
    return 1;
  }
  if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    snprintf(out, size, "%s\t%u", text, ntohs(in6->sin6_port));
    return 1;
  }
  return 0;
}

__attribute__((constructor)) static void started(void) { put("start\t%d\t%d\t%s\n", getpid(), getppid(), label()); }

#define REAL(name) static __typeof__(name) *real_##name; if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name)

int connect(int fd, const struct sockaddr *sa, socklen_t len) {
  REAL(connect);
  int rc = real_connect(fd, sa, len);
  char to[96];
  if (where(sa, to, sizeof to)) put("connect\t%d\t%s\t%s\t%s\t%s\n", getpid(), label(), kind(fd), to, rc == 0 ? "ok" : strerrorname_np(errno));
  return rc;
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *sa, socklen_t len) {
  REAL(sendto);
  ssize_t rc = real_sendto(fd, buf, n, flags, sa, len);
  char to[96];
  if (where(sa, to, sizeof to)) put("send\t%d\t%s\t%s\t%s\t%s\n", getpid(), label(), kind(fd), to, rc >= 0 ? "ok" : strerrorname_np(errno));
  return rc;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
  REAL(sendmsg);
  ssize_t rc = real_sendmsg(fd, msg, flags);
  char to[96];
  if (where(msg->msg_name, to, sizeof to)) put("send\t%d\t%s\t%s\t%s\t%s\n", getpid(), label(), kind(fd), to, rc >= 0 ? "ok" : strerrorname_np(errno));
  return rc;
}

int sendmmsg(int fd, struct mmsghdr *vec, unsigned int count, int flags) {
  REAL(sendmmsg);
  int rc = real_sendmmsg(fd, vec, count, flags);
  char to[96];
  for (unsigned int i = 0; i < count; i++)
    if (where(vec[i].msg_hdr.msg_name, to, sizeof to)) put("send\t%d\t%s\t%s\t%s\t%s\n", getpid(), label(), kind(fd), to, rc >= 0 ? "ok" : strerrorname_np(errno));
  return rc;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
  REAL(getaddrinfo);
  if (node) put("lookup\t%d\t%s\t%s\n", getpid(), label(), node);
  return real_getaddrinfo(node, service, hints, res);
}
