// The "how to try it" lines: the real client where it is installed, otherwise an equivalent.

import { spawnSync } from "node:child_process";

function has(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

export function printTryTable(home: string, kubeconfig: string): void {
  const rows: Array<[string, string]> = [
    ["web-frontend-svc", "curl http://127.0.0.1:8080/"],
    ["auth-api-pod", "curl http://127.0.0.2:9001/"],
    [
      "cluster-dns-udp",
      has("dig")
        ? "dig @127.0.0.1 -p 5353 kubernetes.default.svc.cluster.local +short"
        : `node -e "const d=require('dgram').createSocket('udp4');d.on('message',m=>{console.log(m.length,'byte DNS reply');d.close()});d.send(Buffer.from('abcd010000010000000000000a6b756265726e657465730764656661756c740373766307636c7573746572056c6f63616c0000010001','hex'),5353,'127.0.0.1')"`,
    ],
    [
      "private-redis-proxy",
      has("redis-cli")
        ? "redis-cli -h 127.0.0.1 -p 6379 PING"
        : `node -e "const s=require('net').connect(6379,'127.0.0.1',()=>s.write('PING\\r\\n'));s.on('data',d=>{console.log(String(d).trim());s.end()})"`,
    ],
  ];
  console.log("\nTry them:");
  for (const [alias, line] of rows) console.log(`  ${alias.padEnd(20)} ${line}`);
  console.log(`\nTo use the CLI against this demo from another shell:`);
  console.log(`  export FERRY_HOME=${home} KUBECONFIG=${kubeconfig}`);
  console.log(`  ./run ferry status`);
}
