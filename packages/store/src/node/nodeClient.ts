import {
  createFerryClient,
  type FerryClient,
  type FerryClientOptions,
} from "../client/createFerryClient.ts";
import { loopbackFetch } from "./loopbackFetch.ts";

/** createFerryClient with Node's loopback fetch (node:http, keep-alive) unless told otherwise. */
export function createNodeFerryClient(options: FerryClientOptions): FerryClient {
  return createFerryClient({ fetch: loopbackFetch, ...options });
}
