"""Watches pods with Debian's python3-kubernetes (the official Python client), one JSON line per
event on stdout. The client sends `watch=True`, which an API server reads as true."""
import json
import sys

from kubernetes import client, config, watch

kubeconfig, namespace = sys.argv[1], sys.argv[2]
config.load_kube_config(config_file=kubeconfig, context="sim")
v1 = client.CoreV1Api()
names = [p.metadata.name for p in v1.list_namespaced_pod(namespace).items]
print(json.dumps({"type": "LIST", "names": names}), flush=True)
for event in watch.Watch().stream(v1.list_namespaced_pod, namespace, timeout_seconds=60):
    pod = event["object"]
    print(
        json.dumps({"type": event["type"], "name": pod.metadata.name, "phase": pod.status.phase}),
        flush=True,
    )
