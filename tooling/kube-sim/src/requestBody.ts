// Request bodies: reading them, and the object a PATCH or PUT makes of a stored one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { MERGE_PATCH, mergePatch, STRATEGIC_PATCH, strategicMergePatch } from "./patch.ts";
import { sendStatus } from "./status.ts";
import type { KObject } from "./store.ts";

export function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const readBody = async (req: IncomingMessage) => (await readBytes(req)).toString("utf8");

export /** The parsed JSON body, or undefined after answering 400. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<KObject | undefined> {
  try {
    return JSON.parse(await readBody(req));
  } catch (e) {
    sendStatus(res, 400, `invalid JSON body: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * The object a PATCH (merge or strategic merge) or PUT makes of `current`, or undefined after
 * answering the error: a stale resourceVersion is a 409 Conflict, a renamed object or a changed
 * clusterIP a 422, as the API server answers.
 */
export async function editedObject(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  current: KObject,
  kind: string,
  kindName: string,
): Promise<KObject | undefined> {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim();
  if (method === "PATCH" && type !== MERGE_PATCH && type !== STRATEGIC_PATCH) {
    sendStatus(
      res,
      415,
      `the body of the request was in an unknown format - accepted media types include: ${MERGE_PATCH}, ${STRATEGIC_PATCH}`,
    );
    return undefined;
  }
  const body = await readJson(req, res);
  if (body === undefined) return undefined;
  const next: KObject =
    method === "PUT"
      ? body
      : type === MERGE_PATCH
        ? mergePatch(current, body)
        : strategicMergePatch(current, body);
  const name = current.metadata.name;
  const rv = next.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) {
    sendStatus(
      res,
      409,
      `Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, kind },
      "Conflict",
    );
    return undefined;
  }
  if (
    next.metadata?.name !== name ||
    (next.metadata.namespace ?? current.metadata.namespace) !== current.metadata.namespace
  ) {
    sendStatus(
      res,
      422,
      `${kindName} "${name}" is invalid: metadata.name: Invalid value: the name and namespace cannot change`,
    );
    return undefined;
  }
  if (kind === "services") {
    next.spec ??= {};
    const ip = current.spec?.clusterIP;
    if (next.spec.clusterIP && next.spec.clusterIP !== ip) {
      sendStatus(
        res,
        422,
        `Service "${name}" is invalid: spec.clusterIPs[0]: Invalid value: ["${next.spec.clusterIP}"]: may not change once set`,
      );
      return undefined;
    }
    next.spec.clusterIP = ip;
    next.spec.clusterIPs = current.spec?.clusterIPs;
  }
  next.metadata.namespace = current.metadata.namespace;
  next.metadata.uid = current.metadata.uid;
  next.metadata.creationTimestamp = current.metadata.creationTimestamp;
  next.status ??= current.status;
  delete next.apiVersion;
  delete next.kind;
  return next;
}
