export { containerPort, isPodReady } from "./podReadiness.ts";
export {
  type PortRef,
  resolveTarget,
  selectorString,
  servicePortToTarget,
  type TargetSpec,
} from "./resolveTarget.ts";
