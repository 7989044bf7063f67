export { BLOCK_BEGIN, BLOCK_END, type HostsEntry, isValidHostname } from "./hostsBlock.ts";
export { defaultHostsFile, HostsFile } from "./hostsFile.ts";
