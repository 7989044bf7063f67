// Errors of the relay lifecycle: values with a stable code and a message a person can act on.

import { FerryError } from "../errors.ts";

export type RelayErrorCode =
  | "INVALID_PROXY_MANIFEST"
  | "RELAY_FORBIDDEN"
  | "RELAY_IMAGE_PULL"
  | "RELAY_UNSCHEDULABLE"
  | "RELAY_FAILED"
  | "RELAY_NOT_READY"
  | "RELAY_CREATE_FAILED"
  | "RELAY_UNREACHABLE";

/** A relay lifecycle failure. */
export class RelayError extends FerryError<RelayErrorCode> {}
