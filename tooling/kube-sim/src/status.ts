// Errors as the API returns them: a `Status` object with reason and code.
import type { ServerResponse } from "node:http";

const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "AlreadyExists",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  500: "InternalError",
  503: "ServiceUnavailable",
};

export function statusObject(code: number, message: string, details?: object, reason?: string) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: reason ?? REASONS[code] ?? "Unknown",
    ...(details ? { details } : {}),
    code,
  };
}

export function sendJson(res: ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-cache, private",
  });
  res.end(text);
}

export function sendStatus(
  res: ServerResponse,
  code: number,
  message: string,
  details?: object,
  reason?: string,
) {
  sendJson(res, code, statusObject(code, message, details, reason));
}

export function notFound(res: ServerResponse, resource: string, name: string, group = "") {
  sendStatus(res, 404, `${resource}${group ? `.${group}` : ""} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });
}
