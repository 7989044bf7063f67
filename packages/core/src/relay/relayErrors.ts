// Errors of the relay lifecycle: values with a stable code and a message a person can act on.

export type RelayErrorCode =
  | "INVALID_PROXY_MANIFEST"
  | "RELAY_FORBIDDEN"
  | "RELAY_IMAGE_PULL"
  | "RELAY_UNSCHEDULABLE"
  | "RELAY_FAILED"
  | "RELAY_NOT_READY"
  | "RELAY_CREATE_FAILED"
  | "RELAY_UNREACHABLE";

export class RelayError extends Error {
  readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string) {
    super(message);
    this.name = "RelayError";
    this.code = code;
  }
}
