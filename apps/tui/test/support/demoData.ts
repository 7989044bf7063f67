import { FakeDaemon } from "@ferry/store/testing";

/** A fake daemon holding configs shaped like examples/configs.json, over two contexts. */
export function demoDaemon(): FakeDaemon {
  const d = new FakeDaemon();
  d.add({
    alias: "web-frontend-svc",
    context: "dev-cluster",
    namespace: "webapp",
    service: "frontend-service",
    remote_port: 80,
    local_port: 8080,
  });
  d.add({
    alias: "auth-api-pod",
    context: "dev-cluster",
    namespace: "backend",
    workload_type: "pod",
    service: null,
    target: "app=auth",
    remote_port: 8080,
    local_port: 9001,
    local_address: "127.0.0.2",
  });
  d.add({
    alias: "cluster-dns-udp",
    context: "prod-cluster",
    namespace: "kftray-relay",
    service: "kube-dns",
    protocol: "udp",
    remote_port: 53,
    local_port: 5353,
  });
  d.add({
    alias: "private-redis-proxy",
    context: "prod-cluster",
    namespace: "kftray-relay",
    workload_type: "proxy",
    service: null,
    remote_address: "redis-master.internal-db.private",
    remote_port: 6379,
    local_port: 6379,
  });
  d.cluster = {
    contexts: ["dev-cluster", "prod-cluster"],
    namespaces: { "dev-cluster": ["backend", "webapp"] },
    services: { webapp: ["frontend-service", "api-service"] },
    ports: {
      "webapp/frontend-service": [
        { name: "http", port: 80, protocol: "TCP" },
        { name: "metrics", port: 9090, protocol: "TCP" },
      ],
      "backend/app=auth": [{ name: "http", port: 8080, protocol: "TCP" }],
    },
    pods: {
      backend: [
        { name: "auth-1", ready: true, labels: { app: "auth", tier: "api" } },
        { name: "auth-2", ready: false, labels: { app: "auth", tier: "api" } },
        { name: "jobs-1", ready: true, labels: { app: "jobs" } },
      ],
    },
  };
  return d;
}
