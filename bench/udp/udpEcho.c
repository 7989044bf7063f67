/*
 * The far end of the UDP rows: a UDP echo on 127.0.0.1, as a native service would be (a DNS
 * server, statsd). It takes up to 64 datagrams per recvmmsg and returns them with one sendmmsg.
 * The Node echo (udpLoad.ts) costs 7-9 µs of CPU per datagram; on two cores shared with
 * kube-sim, the relay pod, Ferry and the load generator, that echo was the socket that overflowed
 * when the relay delivered a burst (bench/RESULTS.md). Built and started by nativeEcho.ts.
 * Prints "echo <port>" once bound; exits when its stdin closes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define MAX_DATAGRAM 65536

static char bufs[BATCH][MAX_DATAGRAM];

int main(void) {
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  int size = 8 << 20; /* the kernel caps it at net.core.[rw]mem_max */
  setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 ||
      getsockname(s, (struct sockaddr *)&addr, &len) != 0) {
    perror("udpEcho: bind");
    return 1;
  }
  printf("echo %d\n", ntohs(addr.sin_port));
  fflush(stdout);

  struct mmsghdr msgs[BATCH];
  struct iovec iovs[BATCH];
  struct sockaddr_in peers[BATCH];
  struct pollfd fds[2] = {{.fd = s, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents) {
      char c;
      if (read(0, &c, 1) <= 0) return 0;
    }
    if (!(fds[0].revents & POLLIN)) continue;
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
      iovs[i] = (struct iovec){.iov_base = bufs[i], .iov_len = MAX_DATAGRAM};
      msgs[i].msg_hdr.msg_iov = &iovs[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
      msgs[i].msg_hdr.msg_name = &peers[i];
      msgs[i].msg_hdr.msg_namelen = sizeof peers[i];
    }
    int n = recvmmsg(s, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n <= 0) continue;
    for (int i = 0; i < n; i++) iovs[i].iov_len = msgs[i].msg_len;
    for (int sent = 0; sent < n;) {
      int k = sendmmsg(s, msgs + sent, n - sent, 0);
      if (k <= 0) break; /* a full send buffer drops the rest, as a UDP service would */
      sent += k;
    }
  }
}
